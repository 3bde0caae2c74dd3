/**
 * SeedOrder → WooCommerce v3 order and refund JSON (store-apis.md B "Order JSON"): money strings
 * to the store's decimals, a float `price`, unrounded taxes[] strings, negative refund summaries,
 * local dates beside `_gmt` dates, statuses without the `wc-` prefix.
 */
import type { SeedAddress, SeedOrder, SeedRefund, SeedStore, SeedTaxLine } from '../seed/types';
import { majorNumber, phpFloatText, wooDecimal } from '../shopify/money';
import { numericId } from '../shopify/views';
import { gmtWallClock, localWallClock } from './dates';

export type WooStatus = 'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded' | 'failed';

export function wooStatus(o: SeedOrder): WooStatus {
  if (o.financialStatus === 'refunded') return 'refunded';
  if (o.cancelledAt || o.financialStatus === 'voided') return 'cancelled';
  switch (o.financialStatus) {
    case 'pending':
      return o.transactions.some((t) => t.status === 'failure') ? 'failed' : 'pending';
    case 'authorized':
    case 'partially_paid':
      return 'on-hold';
    default:
      return o.fulfillmentStatus === 'fulfilled' ? 'completed' : 'processing';
  }
}

const GATEWAYS: Record<string, { id: string; title: string }> = {
  shopify_payments: { id: 'stripe', title: 'Credit Card (Stripe)' },
  stripe: { id: 'stripe', title: 'Credit Card (Stripe)' },
  paypal: { id: 'ppcp-gateway', title: 'PayPal' },
  bank_deposit: { id: 'bacs', title: 'Direct bank transfer' },
  manual: { id: 'cod', title: 'Cash on delivery' },
  cash_on_delivery: { id: 'cod', title: 'Cash on delivery' },
};

/** Ids for tax rates, shared by every order of the store as in a WooCommerce tax table. */
export function taxRateIds(store: SeedStore): Map<string, number> {
  const titles = new Set<string>();
  for (const o of store.orders) {
    for (const t of [...o.lines.flatMap((l) => l.taxLines), ...o.shippingLines.flatMap((s) => s.taxLines)]) titles.add(`${t.title}|${t.rate}`);
  }
  return new Map([...titles].sort().map((t, i) => [t, i + 1]));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const date = (iso: string | null, timeZone: string) => (iso ? localWallClock(Date.parse(iso), timeZone) : null);
const gmt = (iso: string | null) => (iso ? gmtWallClock(Date.parse(iso)) : null);

function billing(a: SeedAddress | null, email: string | null) {
  return {
    first_name: a?.firstName ?? '', last_name: a?.lastName ?? '', company: a?.company ?? '',
    address_1: a?.address1 ?? '', address_2: a?.address2 ?? '', city: a?.city ?? '', state: a?.provinceCode ?? '',
    postcode: a?.zip ?? '', country: a?.countryCode ?? '', email: email ?? '', phone: a?.phone ?? '',
  };
}

function shipping(a: SeedAddress | null) {
  return {
    first_name: a?.firstName ?? '', last_name: a?.lastName ?? '', company: a?.company ?? '',
    address_1: a?.address1 ?? '', address_2: a?.address2 ?? '', city: a?.city ?? '', state: a?.provinceCode ?? '',
    postcode: a?.zip ?? '', country: a?.countryCode ?? '', phone: a?.phone ?? '',
  };
}

export interface WooContext {
  store: SeedStore;
  rateIds: Map<string, number>;
  /** `http://host/wp-json/wc/v3` for `_links`. */
  apiBase: string;
  /** The request's `dp` (decimal places); the store's decimals when absent. */
  dp?: number;
}

function links(ctx: WooContext, self: string, collection: string, extra: Record<string, unknown> = {}) {
  return { self: [{ href: `${ctx.apiBase}/${self}` }], collection: [{ href: `${ctx.apiBase}/${collection}` }], ...extra };
}

export function orderJson(o: SeedOrder, ctx: WooContext) {
  const cur = o.currency;
  const tz = ctx.store.timeZone;
  const money = (minor: number) => wooDecimal(minor, cur, ctx.dp);
  const rateId = (t: SeedTaxLine) => ctx.rateIds.get(`${t.title}|${t.rate}`) ?? 0;
  const status = wooStatus(o);
  const paid = !['pending', 'failed', 'on-hold', 'cancelled'].includes(status) || (status === 'cancelled' && o.transactions.some((t) => t.status === 'success' && (t.kind === 'sale' || t.kind === 'capture')));
  const gateway = GATEWAYS[o.gateway] ?? { id: o.gateway, title: o.gateway };
  const payment = o.transactions.find((t) => t.status === 'success' && (t.kind === 'sale' || t.kind === 'capture'));

  const lineItems = o.lines.map((l) => {
    const tax = sum(l.taxLines.map((t) => t.amountMinor));
    const gross = l.unitPriceMinor * l.quantity;
    // WooCommerce keeps line amounts ex tax even when prices are entered with tax.
    const subtotal = o.taxesIncluded ? gross - tax : gross;
    const total = subtotal - l.discountMinor;
    return {
      id: numericId(l.id),
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      product_id: numericId(l.productId),
      variation_id: l.variantTitle ? numericId(l.variantId) : 0,
      quantity: l.quantity,
      tax_class: '',
      subtotal: money(subtotal),
      subtotal_tax: money(tax),
      total: money(total),
      total_tax: money(tax),
      taxes: l.taxLines.map((t) => ({ id: rateId(t), total: phpFloatText(t.amountMinor, cur), subtotal: phpFloatText(t.amountMinor, cur) })),
      meta_data: [],
      sku: l.sku ?? '',
      price: l.quantity ? majorNumber(total, cur) / l.quantity : 0,
      image: { id: '', src: '' },
      parent_name: l.variantTitle ? l.title : null,
    };
  });

  const shippingLines = o.shippingLines.map((s) => {
    const tax = sum(s.taxLines.map((t) => t.amountMinor));
    return {
      id: numericId(s.id),
      method_title: s.title,
      method_id: s.code.toLowerCase(),
      instance_id: '',
      total: money(s.priceMinor - s.discountMinor - (o.taxesIncluded ? tax : 0)),
      total_tax: money(tax),
      taxes: s.taxLines.map((t) => ({ id: rateId(t), total: phpFloatText(t.amountMinor, cur), subtotal: '' })),
      meta_data: [],
    };
  });

  const byRate = new Map<number, { t: SeedTaxLine; items: number; shipping: number }>();
  for (const t of o.lines.flatMap((l) => l.taxLines)) {
    const e = byRate.get(rateId(t)) ?? { t, items: 0, shipping: 0 };
    e.items += t.amountMinor;
    byRate.set(rateId(t), e);
  }
  for (const t of o.shippingLines.flatMap((s) => s.taxLines)) {
    const e = byRate.get(rateId(t)) ?? { t, items: 0, shipping: 0 };
    e.shipping += t.amountMinor;
    byRate.set(rateId(t), e);
  }
  const country = o.billingAddress?.countryCode ?? o.shippingAddress?.countryCode ?? '';
  const taxLines = [...byRate].map(([id, e]) => ({
    id: numericId(`${o.id}-tax-${id}`),
    rate_code: `${country}-${e.t.title.toUpperCase()}-1`,
    rate_id: id,
    label: e.t.title,
    compound: false,
    tax_total: money(e.items),
    shipping_tax_total: money(e.shipping),
    rate_percent: Math.round(Number(e.t.rate) * 100 * 10_000) / 10_000,
    meta_data: [],
  }));

  const cartTax = sum(o.lines.flatMap((l) => l.taxLines.map((t) => t.amountMinor)));
  const shippingTax = sum(o.shippingLines.flatMap((s) => s.taxLines.map((t) => t.amountMinor)));
  const refunds = [...o.refunds].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const completed = status === 'completed' ? o.updatedAt : null;

  return {
    id: numericId(o.id),
    parent_id: 0,
    status,
    currency: cur,
    version: '9.4.2',
    prices_include_tax: o.taxesIncluded,
    date_created: date(o.createdAt, tz),
    date_modified: date(o.updatedAt, tz),
    discount_total: money(o.totalDiscountsMinor),
    discount_tax: money(0),
    shipping_total: money(sum(o.shippingLines.map((s) => s.priceMinor - s.discountMinor)) - (o.taxesIncluded ? shippingTax : 0)),
    shipping_tax: money(shippingTax),
    cart_tax: money(cartTax),
    total: money(o.totalMinor),
    total_tax: money(cartTax + shippingTax),
    customer_id: o.customer ? numericId(o.customer.id) : 0,
    order_key: `wc_order_${Buffer.from(`${o.id}:${o.number}`).toString('base64url').slice(0, 13)}`,
    billing: billing(o.billingAddress, o.email),
    shipping: shipping(o.shippingAddress),
    payment_method: gateway.id,
    payment_method_title: gateway.title,
    transaction_id: payment ? (gateway.id === 'stripe' ? `pi_${payment.id}` : payment.id) : '',
    customer_ip_address: '',
    customer_user_agent: '',
    created_via: 'checkout',
    customer_note: o.note ?? '',
    date_completed: date(completed, tz),
    date_paid: paid ? date(o.processedAt, tz) : null,
    cart_hash: '',
    number: String(o.number),
    meta_data: [],
    line_items: lineItems,
    tax_lines: taxLines,
    shipping_lines: shippingLines,
    fee_lines: [],
    coupon_lines: o.discounts.map((d, i) => ({
      id: numericId(`${o.id}-coupon-${i}`),
      code: d.code.toLowerCase(),
      discount: money(d.amountMinor),
      discount_tax: money(0),
      meta_data: [],
    })),
    refunds: refunds.map((r) => ({ id: numericId(r.id), reason: r.note ?? '', total: `-${money(r.totalMinor)}` })),
    payment_url: '',
    is_editable: status === 'pending' || status === 'on-hold',
    needs_payment: status === 'pending' || status === 'failed',
    needs_processing: true,
    date_created_gmt: gmt(o.createdAt),
    date_modified_gmt: gmt(o.updatedAt),
    date_completed_gmt: gmt(completed),
    date_paid_gmt: paid ? gmt(o.processedAt) : null,
    currency_symbol: currencySymbol(cur),
    _links: links(ctx, `orders/${numericId(o.id)}`, 'orders', o.customer ? { customer: [{ href: `${ctx.apiBase}/customers/${numericId(o.customer.id)}` }] } : {}),
  };
}

export function refundJson(o: SeedOrder, r: SeedRefund, ctx: WooContext) {
  const cur = o.currency;
  const money = (minor: number) => wooDecimal(minor, cur, ctx.dp);
  const neg = (minor: number) => (minor === 0 ? money(0) : `-${money(minor)}`);
  const rateId = (t: SeedTaxLine) => ctx.rateIds.get(`${t.title}|${t.rate}`) ?? 0;
  return {
    id: numericId(r.id),
    date_created: localWallClock(Date.parse(r.createdAt), ctx.store.timeZone),
    date_created_gmt: gmtWallClock(Date.parse(r.createdAt)),
    amount: money(r.totalMinor),
    reason: r.note ?? '',
    refunded_by: 1,
    refunded_payment: r.transactions.some((t) => t.status === 'success'),
    meta_data: [],
    line_items: r.lines.map((x) => {
      const line = o.lines.find((l) => l.id === x.lineId);
      const rate = line?.taxLines[0];
      return {
        id: numericId(`${r.id}-${x.lineId}`),
        name: line ? (line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title) : '',
        product_id: line ? numericId(line.productId) : 0,
        variation_id: line?.variantTitle ? numericId(line.variantId) : 0,
        quantity: -x.quantity,
        tax_class: '',
        subtotal: neg(x.subtotalMinor),
        subtotal_tax: neg(x.taxMinor),
        total: neg(x.subtotalMinor),
        total_tax: neg(x.taxMinor),
        taxes: rate ? [{ id: rateId(rate), total: `-${phpFloatText(x.taxMinor, cur)}`, subtotal: `-${phpFloatText(x.taxMinor, cur)}` }] : [],
        meta_data: [{ id: 0, key: '_refunded_item_id', value: String(line ? numericId(line.id) : 0) }],
        sku: line?.sku ?? '',
        price: x.quantity ? -majorNumber(x.subtotalMinor, cur) / x.quantity : 0,
      };
    }),
    shipping_lines:
      r.shippingMinor > 0 || r.shippingTaxMinor > 0
        ? [{
            id: numericId(`${r.id}-shipping`),
            method_title: o.shippingLines[0]?.title ?? 'Shipping',
            method_id: o.shippingLines[0]?.code.toLowerCase() ?? '',
            instance_id: '',
            total: neg(r.shippingMinor),
            total_tax: neg(r.shippingTaxMinor),
            taxes: [],
            meta_data: [{ id: 0, key: '_refunded_item_id', value: String(o.shippingLines[0] ? numericId(o.shippingLines[0].id) : 0) }],
          }]
        : [],
    tax_lines: [],
    fee_lines: [],
    _links: links(ctx, `orders/${numericId(o.id)}/refunds/${numericId(r.id)}`, `orders/${numericId(o.id)}/refunds`, {
      up: [{ href: `${ctx.apiBase}/orders/${numericId(o.id)}` }],
    }),
  };
}

function currencySymbol(currency: string): string {
  const symbols: Record<string, string> = { USD: '$', CAD: '$', AUD: '$', EUR: '€', GBP: '£', JPY: '¥' };
  return symbols[currency] ?? currency;
}
