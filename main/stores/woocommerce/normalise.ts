/**
 * A WooCommerce REST v3 order (+ its refunds from /orders/{id}/refunds) → StoreOrder.
 * Money arrives as decimal strings and is parsed exactly; only the `*_gmt` dates are used
 * (the others are the site's local wall clock without an offset). Line taxes that do not add up
 * to the order's tax are kept as WooCommerce reports them: the difference is real and the
 * reconciliation must see it, not a "corrected" figure.
 */
import { parseDecimal, sumMinor } from '../../orders/money';
import type { Address, FinancialStatus, OrderLine, Refund, StoreOrder, Transaction } from '../../orders/store-order';

interface WooAddress { first_name?: string; last_name?: string; company?: string; address_1?: string; address_2?: string; city?: string; state?: string; postcode?: string; country?: string; email?: string; phone?: string }
interface WooLine { id: number; name: string; parent_name?: string | null; sku: string | null; quantity: number; subtotal: string; subtotal_tax: string; total: string; total_tax: string; meta_data?: Array<{ key: string; value: unknown }> }
interface WooShippingLine { method_title: string; total: string; total_tax: string }
export interface WooRefundJson { id: number; date_created_gmt: string; amount: string; reason: string; refunded_payment?: boolean; line_items: WooLine[]; shipping_lines?: WooShippingLine[] }
export interface WooOrderJson {
  id: number;
  number: string;
  status: string;
  currency: string;
  prices_include_tax: boolean;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_paid_gmt: string | null;
  total: string;
  total_tax: string;
  billing: WooAddress;
  shipping: WooAddress;
  payment_method: string;
  transaction_id: string;
  line_items: WooLine[];
  tax_lines: Array<{ label: string; rate_code: string; tax_total: string; shipping_tax_total: string }>;
  shipping_lines: WooShippingLine[];
  fee_lines?: Array<{ name: string; total: string; total_tax: string }>;
  coupon_lines: Array<{ code: string; discount: string }>;
  refunds: Array<{ id: number; reason: string; total: string }>;
}

/** WooCommerce GMT wall clock `YYYY-MM-DDTHH:MM:SS` → UTC ISO instant. */
export function gmtInstant(wallClock: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wallClock)) throw new Error(`${JSON.stringify(wallClock)} is not a WooCommerce GMT date`);
  return new Date(`${wallClock}Z`).toISOString();
}

/** Negation without -0 (which would not equal 0 in stored documents). */
const negate = (x: number): number => (x === 0 ? 0 : -x);
const blank = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v);

function address(a: WooAddress | undefined): Address | null {
  if (!a) return null;
  const name = blank([a.first_name, a.last_name].filter((x) => x && x.trim()).join(' '));
  const out: Address = {
    name,
    company: blank(a.company),
    address1: blank(a.address_1),
    address2: blank(a.address_2),
    city: blank(a.city),
    province: blank(a.state),
    zip: blank(a.postcode),
    country: blank(a.country),
    phone: blank(a.phone),
  };
  return Object.values(out).some((v) => v !== null) ? out : null;
}

/** WooCommerce statuses → the payment state the books care about. */
function financialStatus(status: string, total: number, refunded: number): FinancialStatus {
  switch (status) {
    case 'processing':
    case 'completed':
      return refunded > 0 ? (refunded >= total ? 'refunded' : 'partially_refunded') : 'paid';
    case 'refunded':
      return 'refunded';
    case 'cancelled':
      return 'voided';
    // On hold: stock is reserved and the money awaited or only authorised (Stripe manual capture).
    case 'on-hold':
      return 'authorized';
    default:
      return 'pending';
  }
}

export function normaliseWooOrder(o: WooOrderJson, refundDetails: WooRefundJson[] | null): StoreOrder {
  const currency = o.currency;
  const money = (text: string | null | undefined): number => (text === null || text === undefined || text === '' ? 0 : parseDecimal(text, currency));
  const inclusive = o.prices_include_tax;
  const lineTitle = (l: WooLine) => blank(l.parent_name) ?? l.name;

  const lines: OrderLine[] = o.line_items.map((l) => {
    const tax = money(l.total_tax);
    // Line amounts are ex tax in WooCommerce; a tax-inclusive shop's price is what the customer saw.
    const gross = money(l.subtotal) + (inclusive ? money(l.subtotal_tax) : 0);
    const net = money(l.total) + (inclusive ? tax : 0);
    const unitPrice = l.quantity > 0 && gross % l.quantity === 0 ? gross / l.quantity : l.quantity > 0 ? Math.round(gross / l.quantity) : gross;
    return { sku: blank(l.sku), title: lineTitle(l), quantity: l.quantity, unitPrice, discount: gross - net, tax, total: net };
  });
  const shippingLines = o.shipping_lines.map((s) => ({
    title: blank(s.method_title),
    amount: money(s.total) + (inclusive ? money(s.total_tax) : 0),
    tax: money(s.total_tax),
  }));
  // Fees (handling, gift wrap) have no place of their own in the normalised order: they are lines without a SKU.
  for (const f of o.fee_lines ?? []) {
    const amount = money(f.total) + (inclusive ? money(f.total_tax) : 0);
    lines.push({ sku: null, title: f.name, quantity: 1, unitPrice: amount, discount: 0, tax: money(f.total_tax), total: amount });
  }

  const byLineId = new Map(o.line_items.map((l) => [String(l.id), l]));
  let refunds: Refund[];
  if (refundDetails) {
    refunds = refundDetails.map((r) => {
      const refundLines = r.line_items.map((x) => {
        const original = byLineId.get(String(x.meta_data?.find((m) => m.key === '_refunded_item_id')?.value ?? ''));
        return { sku: blank(x.sku), title: original ? lineTitle(original) : blank(x.name), quantity: Math.abs(x.quantity), amount: negate(money(x.total)) };
      });
      const shipping = r.shipping_lines ?? [];
      return {
        id: String(r.id),
        createdAt: gmtInstant(r.date_created_gmt),
        amount: money(r.amount),
        tax: negate(sumMinor([...r.line_items.map((x) => money(x.total_tax)), ...shipping.map((s) => money(s.total_tax))])),
        shipping: negate(sumMinor(shipping.map((s) => money(s.total)))),
        lines: refundLines,
      };
    });
  } else {
    // The order's own refund list is a summary: a negative total per refund, no date or lines.
    refunds = o.refunds.map((r) => ({ id: String(r.id), createdAt: null, amount: negate(money(r.total)), tax: null, shipping: null, lines: [] }));
  }
  refunds.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || Number(a.id) - Number(b.id));

  const total = money(o.total);
  const refunded = sumMinor(refunds.map((r) => r.amount));
  const gateway = blank(o.payment_method);
  const transactions: Transaction[] = [];
  if (o.date_paid_gmt) {
    transactions.push({ kind: 'sale', gateway, amount: total, createdAt: gmtInstant(o.date_paid_gmt), reference: blank(o.transaction_id) });
  }
  for (const r of refundDetails ?? []) {
    if (r.refunded_payment) transactions.push({ kind: 'refund', gateway, amount: money(r.amount), createdAt: gmtInstant(r.date_created_gmt), reference: String(r.id) });
  }

  const billing = address(o.billing);
  const updatedAt = gmtInstant(o.date_modified_gmt);
  return {
    source: 'woocommerce',
    sourceId: String(o.id),
    number: blank(o.number) ?? String(o.id),
    createdAt: gmtInstant(o.date_created_gmt),
    updatedAt,
    processedAt: o.date_paid_gmt ? gmtInstant(o.date_paid_gmt) : null,
    currency,
    presentmentCurrency: currency,
    presentmentAmounts: null,
    customer: {
      email: blank(o.billing?.email),
      name: billing?.name ?? null,
      phone: blank(o.billing?.phone),
      billingAddress: billing,
      shippingAddress: address(o.shipping),
    },
    lines,
    shippingLines,
    discounts: o.coupon_lines.map((c) => ({ code: blank(c.code), amount: money(c.discount) })),
    taxLines: o.tax_lines.map((t) => ({ title: t.label || t.rate_code, amount: money(t.tax_total) + money(t.shipping_tax_total) })),
    totalTax: money(o.total_tax),
    total,
    financialStatus: financialStatus(o.status, total, refunded),
    // WooCommerce records no cancellation time; the last modification is when it became cancelled at the latest.
    cancelledAt: o.status === 'cancelled' ? updatedAt : null,
    refunds,
    transactions,
    test: false,
  };
}
