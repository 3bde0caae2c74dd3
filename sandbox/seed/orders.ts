/**
 * Turns an order plan into a store order with Shopify's arithmetic: line discounts from the code,
 * tax per line and per tax component (each rounded half up — so the sum of line taxes can differ by
 * a cent from tax computed on the order total), shipping, transactions that agree with the
 * financial status, and refunds that never exceed what was paid. Also returns the facts the QBO
 * side needs (tax per component, refund breakdowns, payment instants).
 */
import type { FinancialStatus, SeedLine, SeedOrder, SeedRefund, SeedTaxLine, SeedTransaction } from './types';
import type { Prng } from './prng';
import type { OrderPlan } from './plan';
import { SHIPPING, isForeign, type Destination, type Variant } from './catalogue';
import { allocate, applyPpm, percentOf, rateToPpm } from './money';
import { HOUR_MS, MINUTE_MS, isoUtc } from './time';

export interface LineFacts {
  variant: Variant;
  quantity: number;
  unitPriceMinor: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  /** Tax per destination component (same order as dest.taxes). */
  taxByComponent: number[];
  taxMinor: number;
}

export interface ShippingFacts {
  title: string;
  priceMinor: number;
  discountMinor: number;
  netMinor: number;
  taxByComponent: number[];
  taxMinor: number;
}

export interface RefundFacts {
  refund: SeedRefund;
  ms: number;
  lines: Array<{ lineIndex: number; quantity: number; subtotalMinor: number; taxByComponent: number[] }>;
  shippingMinor: number;
  shippingTaxByComponent: number[];
}

export interface PaymentFacts {
  ms: number;
  amountMinor: number;
}

export interface OrderFacts {
  order: SeedOrder;
  plan: OrderPlan;
  dest: Destination;
  lines: LineFacts[];
  shipping: ShippingFacts | null;
  refunds: RefundFacts[];
  /** Money received (sale/capture successes), in order. */
  payments: PaymentFacts[];
  cancelMs: number | null;
  /** Card brand for card payments, 'PayPal', or null for manual/test payments. */
  paymentMethod: string | null;
}

export interface IdCounters {
  line: number;
  shippingLine: number;
  transaction: number;
  refund: number;
}

export interface OrderIdentity {
  id: string;
  number: number;
  name: string;
}

const PPM_CACHE = new Map<string, number>();
const ppm = (rate: string): number => {
  let v = PPM_CACHE.get(rate);
  if (v === undefined) {
    v = rateToPpm(rate);
    PPM_CACHE.set(rate, v);
  }
  return v;
};

function taxComponents(amountMinor: number, dest: Destination, taxable: boolean): number[] {
  if (!taxable || dest.taxes.length === 0) return [];
  return dest.taxes.map((t) => applyPpm(amountMinor, ppm(t.rate)));
}

/*
 * Empty lists are one shared frozen array: at 200k orders most lines carry no tax and most orders
 * no refunds, discounts or tags, and the stand-ins only ever read seed orders.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

function taxLines(byComponent: number[], dest: Destination): SeedTaxLine[] {
  if (byComponent.length === 0) return NONE;
  return byComponent.map((amountMinor, i) => ({
    title: (dest.taxes[i] as { title: string }).title,
    rate: (dest.taxes[i] as { rate: string }).rate,
    amountMinor,
  }));
}

const sum = (xs: readonly number[]): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/** Proportional share of `amount` for `part` of `whole`, half up. */
const share = (amount: number, part: number, whole: number): number => Math.floor((2 * amount * part + whole) / (2 * whole));

export class OrderBuilder {
  constructor(
    private readonly rng: Prng,
    private readonly nowMs: number,
    private readonly ids: IdCounters,
  ) {}

  /** An instant after `fromMs`, between minHours and maxHours later, never past now. */
  private later(fromMs: number, minHours: number, maxHours: number): number {
    const room = this.nowMs - MINUTE_MS - fromMs;
    const wanted = (minHours + this.rng.next() * (maxHours - minHours)) * HOUR_MS;
    const t = fromMs + Math.min(wanted, Math.max(room * 0.8, MINUTE_MS));
    return Math.floor(Math.min(t, this.nowMs - MINUTE_MS) / 1000) * 1000;
  }

  build(plan: OrderPlan, identity: OrderIdentity): OrderFacts {
    const rng = this.rng;
    const dest = plan.buyer.dest;
    const createdMs = Math.floor(plan.createdMs / 1000) * 1000;
    const spec = plan.spec;

    // Lines and their discounts.
    const gross = plan.picks.map((p) => p.variant.priceMinor * p.quantity);
    let lineDiscounts = gross.map(() => 0);
    const code = plan.discount;
    if (code?.type === 'percentage') lineDiscounts = gross.map((g) => percentOf(g, code.value));
    if (code?.type === 'fixed_amount') lineDiscounts = allocate(Math.min(code.value, sum(gross)), gross);
    const lines: LineFacts[] = plan.picks.map((p, i) => {
      const net = (gross[i] as number) - (lineDiscounts[i] as number);
      const byComponent = taxComponents(net, dest, p.variant.taxable);
      return {
        variant: p.variant,
        quantity: p.quantity,
        unitPriceMinor: p.variant.priceMinor,
        grossMinor: gross[i] as number,
        discountMinor: lineDiscounts[i] as number,
        netMinor: net,
        taxByComponent: byComponent,
        taxMinor: sum(byComponent),
      };
    });
    const subtotal = sum(lines.map((l) => l.netMinor));

    // Shipping.
    let shipping: ShippingFacts | null = null;
    if (lines.some((l) => l.variant.requiresShipping)) {
      const method = isForeign(dest)
        ? SHIPPING.international
        : plan.express
          ? SHIPPING.express
          : subtotal >= SHIPPING.freeOver && !plan.needsPaidShipping
            ? SHIPPING.free
            : SHIPPING.standard;
      const discount = code?.type === 'shipping' ? method.priceMinor : 0;
      const net = method.priceMinor - discount;
      const byComponent = dest.taxShipping && net > 0 ? taxComponents(net, dest, true) : [];
      shipping = { title: method.title, priceMinor: method.priceMinor, discountMinor: discount, netMinor: net,
        taxByComponent: byComponent, taxMinor: sum(byComponent) };
    }
    const shippingPrice = shipping?.priceMinor ?? 0;
    const shippingDiscount = shipping?.discountMinor ?? 0;
    const totalTax = sum(lines.map((l) => l.taxMinor)) + (shipping?.taxMinor ?? 0);
    const total = subtotal + shippingPrice - shippingDiscount + totalTax;

    // Payment.
    const gateway = spec.payment === 'test_sale'
      ? 'bogus'
      : ['paid_later', 'paid_in_two', 'pending', 'deposit_only'].includes(spec.payment)
        ? 'manual'
        : rng.chance(0.82) ? 'shopify_payments' : 'paypal';
    const paymentMethod = gateway === 'shopify_payments'
      ? rng.pick(['Visa', 'Visa', 'Visa', 'MasterCard', 'MasterCard', 'American Express', 'Discover'])
      : gateway === 'paypal' ? 'PayPal' : null;
    const transactions: SeedTransaction[] = [];
    const payments: PaymentFacts[] = [];
    const tx = (kind: SeedTransaction['kind'], amountMinor: number, ms: number): SeedTransaction => {
      const t: SeedTransaction = { id: String(6_820_000_000_000 + this.ids.transaction++ * 11), kind, status: 'success',
        gateway, amountMinor, processedAt: isoUtc(ms) };
      transactions.push(t);
      if (kind === 'sale' || kind === 'capture') payments.push({ ms, amountMinor });
      return t;
    };
    let lastEvent = createdMs;
    let financial: FinancialStatus;
    const checkoutMs = createdMs + 1000 * rng.int(1, 20);
    switch (spec.payment) {
      case 'checkout_sale':
      case 'test_sale':
        tx('sale', total, checkoutMs);
        financial = 'paid';
        break;
      case 'auth_capture': {
        tx('authorization', total, checkoutMs);
        const cap = this.later(createdMs, 2, 48);
        tx('capture', total, cap);
        lastEvent = cap;
        financial = 'paid';
        break;
      }
      case 'paid_later': {
        const paid = this.later(createdMs, 24, 20 * 24);
        tx('sale', total, paid);
        lastEvent = paid;
        financial = 'paid';
        break;
      }
      case 'paid_in_two': {
        const deposit = Math.floor(total / 2);
        const first = this.later(createdMs, 2, 5 * 24);
        const second = this.later(first, 24, 15 * 24);
        tx('sale', deposit, first);
        tx('sale', total - deposit, second);
        lastEvent = second;
        financial = 'paid';
        break;
      }
      case 'deposit_only': {
        const at = this.later(createdMs, 2, 5 * 24);
        tx('sale', Math.floor(total / 2), at);
        lastEvent = at;
        financial = 'partially_paid';
        break;
      }
      case 'pending':
        financial = 'pending';
        break;
      case 'authorized':
        tx('authorization', total, checkoutMs);
        financial = 'authorized';
        break;
      case 'auth_voided':
        tx('authorization', total, checkoutMs);
        financial = 'voided';
        break;
    }

    // Refunds (and cancellation).
    const refunds: RefundFacts[] = [];
    let cancelMs: number | null = null;
    const paid = sum(payments.map((p) => p.amountMinor));
    if (spec.refund !== 'none') {
      const ms = this.later(lastEvent, 6, 20 * 24);
      const r = this.refund(spec.refund, lines, shipping, ms, gateway);
      refunds.push(r);
      transactions.push(...r.refund.transactions);
      lastEvent = ms;
      financial = r.refund.totalMinor >= paid ? 'refunded' : 'partially_refunded';
    }
    if (spec.cancelled) {
      cancelMs = refunds[0]?.ms ?? this.later(createdMs, 1, 72);
      if (spec.payment === 'auth_voided') tx('void', total, cancelMs);
      lastEvent = Math.max(lastEvent, cancelMs);
    }

    // Fulfilment: shipped a day or three after payment unless cancelled or unpaid.
    let fulfillment: SeedOrder['fulfillmentStatus'] = null;
    if (!spec.cancelled) {
      if (financial === 'pending' || financial === 'authorized' || financial === 'partially_paid') {
        fulfillment = 'unfulfilled';
      } else if (this.nowMs - createdMs > 3 * 24 * HOUR_MS) {
        fulfillment = 'fulfilled';
        lastEvent = Math.max(lastEvent, this.later(createdMs, 20, 72));
      } else {
        fulfillment = 'unfulfilled';
      }
    }

    const buyer = plan.buyer;
    const address = buyer.address;
    const seedLines: SeedLine[] = lines.map((l) => ({
      id: String(15_640_000_000_000 + this.ids.line++ * 7),
      productId: l.variant.productId,
      variantId: l.variant.variantId,
      sku: l.variant.sku,
      title: l.variant.title,
      variantTitle: l.variant.variantTitle,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor,
      taxLines: taxLines(l.taxByComponent, dest),
      taxable: l.variant.taxable,
      requiresShipping: l.variant.requiresShipping,
    }));
    // Refund lines were built against line indexes; now they get the real line ids.
    for (const r of refunds) {
      r.refund.lines.forEach((rl, i) => {
        rl.lineId = (seedLines[(r.lines[i] as { lineIndex: number }).lineIndex] as SeedLine).id;
      });
    }
    const tags: string[] = [];
    if (gateway === 'manual') tags.push('wholesale');
    if (spec.payment === 'test_sale') tags.push('test');
    if (buyer.customer && buyer.renamed) tags.push('trade');

    const order: SeedOrder = {
      id: identity.id,
      number: identity.number,
      name: identity.name,
      createdAt: isoUtc(createdMs),
      updatedAt: isoUtc(Math.max(lastEvent, createdMs)),
      processedAt: isoUtc(createdMs),
      cancelledAt: cancelMs === null ? null : isoUtc(cancelMs),
      cancelReason: cancelMs === null ? null : spec.refund === 'full' ? 'inventory' : 'customer',
      currency: 'USD',
      presentmentCurrency: dest.presentmentCurrency,
      presentmentRate: dest.presentmentRate,
      customer: buyer.customer,
      email: buyer.email,
      billingAddress: address,
      shippingAddress: shipping ? address : null,
      lines: seedLines,
      shippingLines: shipping
        ? [{
            id: String(4_970_000_000_000 + this.ids.shippingLine++ * 3),
            title: shipping.title,
            code: shipping.title === SHIPPING.free.title ? SHIPPING.free.code
              : shipping.title === SHIPPING.express.title ? SHIPPING.express.code
                : shipping.title === SHIPPING.international.title ? SHIPPING.international.code : SHIPPING.standard.code,
            priceMinor: shipping.priceMinor,
            discountMinor: shipping.discountMinor,
            taxLines: taxLines(shipping.taxByComponent, dest),
          }]
        : NONE,
      discounts: code
        ? [{ code: code.code, type: code.type,
            amountMinor: code.type === 'shipping' ? shippingDiscount : sum(lines.map((l) => l.discountMinor)) }]
        : NONE,
      subtotalMinor: subtotal,
      totalDiscountsMinor: sum(lines.map((l) => l.discountMinor)) + shippingDiscount,
      totalShippingMinor: shippingPrice,
      totalTaxMinor: totalTax,
      totalMinor: total,
      taxesIncluded: false,
      financialStatus: financial,
      fulfillmentStatus: fulfillment,
      gateway,
      transactions,
      refunds: refunds.length === 0 ? NONE : refunds.map((r) => r.refund),
      test: spec.payment === 'test_sale',
      tags: tags.length === 0 ? NONE : tags,
      note: spec.payment === 'test_sale' ? 'Checkout test — do not ship' : null,
    };
    return { order, plan, dest, lines, shipping, refunds, payments, cancelMs, paymentMethod };
  }

  private refund(
    pattern: 'partial_line' | 'shipping_only' | 'full',
    lines: LineFacts[],
    shipping: ShippingFacts | null,
    ms: number,
    gateway: string,
  ): RefundFacts {
    const parts: RefundFacts['lines'] = [];
    let shippingMinor = 0;
    let shippingTax: number[] = [];
    if (pattern === 'full') {
      lines.forEach((l, i) => parts.push({ lineIndex: i, quantity: l.quantity, subtotalMinor: l.netMinor, taxByComponent: [...l.taxByComponent] }));
      shippingMinor = shipping?.netMinor ?? 0;
      shippingTax = shipping ? [...shipping.taxByComponent] : [];
    } else if (pattern === 'shipping_only') {
      shippingMinor = shipping?.netMinor ?? 0;
      shippingTax = shipping ? [...shipping.taxByComponent] : [];
    } else {
      // Return one unit of the line with the most units (or the whole of one line of several).
      let idx = 0;
      lines.forEach((l, i) => {
        if (l.quantity > (lines[idx] as LineFacts).quantity) idx = i;
      });
      const l = lines[idx] as LineFacts;
      const q = 1;
      parts.push({
        lineIndex: idx,
        quantity: q,
        subtotalMinor: share(l.netMinor, q, l.quantity),
        taxByComponent: l.taxByComponent.map((t) => share(t, q, l.quantity)),
      });
    }
    const linesTotal = sum(parts.map((p) => p.subtotalMinor + sum(p.taxByComponent)));
    const total = linesTotal + shippingMinor + sum(shippingTax);
    const id = String(9_310_000_000_00 + this.ids.refund++ * 5);
    const refundTx: SeedTransaction = {
      id: String(6_820_000_000_000 + this.ids.transaction++ * 11),
      kind: 'refund', status: 'success', gateway, amountMinor: total, processedAt: isoUtc(ms),
    };
    const refund: SeedRefund = {
      id,
      createdAt: isoUtc(ms),
      note: pattern === 'shipping_only' ? 'Shipping refunded: parcel arrived late' : pattern === 'full' ? 'Order refunded in full' : 'Returned item',
      lines: parts.map((p) => ({
        lineId: '', quantity: p.quantity, subtotalMinor: p.subtotalMinor, taxMinor: sum(p.taxByComponent), restock: pattern !== 'shipping_only',
      })),
      shippingMinor,
      shippingTaxMinor: sum(shippingTax),
      totalMinor: total,
      transactions: [refundTx],
    };
    return { refund, ms, lines: parts, shippingMinor, shippingTaxByComponent: shippingTax };
  }
}
