/**
 * The mirror's compact form of a normalised order: positional arrays instead of keyed objects.
 * Keyed JSON of an order is ~2.5× larger, and the bytes of `doc` are what dominate insert time
 * (see reference/floors.md). The first element is the layout version, so a later layout can be
 * read beside this one. Decoded values are validated against the schema by the caller.
 */
import type { Address, StoreOrder } from '../orders/store-order';

export const ORDER_LAYOUT = 1;

type Row = unknown[];

function encodeAddress(a: Address | null): Row | null {
  return a === null ? null : [a.name, a.company, a.address1, a.address2, a.city, a.province, a.zip, a.country, a.phone];
}

function decodeAddress(r: unknown): Address | null {
  if (r === null) return null;
  const [name, company, address1, address2, city, province, zip, country, phone] = r as (string | null)[];
  return { name: name!, company: company!, address1: address1!, address2: address2!, city: city!, province: province!, zip: zip!, country: country!, phone: phone! };
}

export function encodeOrder(o: StoreOrder): string {
  const p = o.presentmentAmounts;
  const c = o.customer;
  return JSON.stringify([
    ORDER_LAYOUT,
    o.source,
    o.sourceId,
    o.number,
    o.createdAt,
    o.updatedAt,
    o.processedAt,
    o.currency,
    o.presentmentCurrency,
    p === null ? null : [p.total, p.totalTax, p.shipping, p.discounts],
    [c.email, c.name, c.phone, encodeAddress(c.billingAddress), encodeAddress(c.shippingAddress)],
    o.lines.map((l) => [l.sku, l.title, l.quantity, l.unitPrice, l.discount, l.tax, l.total]),
    o.shippingLines.map((s) => [s.title, s.amount, s.tax]),
    o.discounts.map((d) => [d.code, d.amount]),
    o.taxLines.map((t) => [t.title, t.amount]),
    o.totalTax,
    o.total,
    o.financialStatus,
    o.cancelledAt,
    o.refunds.map((r) => [r.id, r.createdAt, r.amount, r.tax, r.shipping, r.lines.map((l) => [l.sku, l.title, l.quantity, l.amount])]),
    o.transactions.map((t) => [t.kind, t.gateway, t.amount, t.createdAt, t.reference]),
    o.test ? 1 : 0,
  ]);
}

/** Rebuilds the keyed order from `encodeOrder`'s text; throws on a layout it does not know. */
export function decodeOrder(text: string): unknown {
  const r = JSON.parse(text) as any[];
  if (!Array.isArray(r) || r[0] !== ORDER_LAYOUT) throw new Error(`stored order has unknown layout ${JSON.stringify(Array.isArray(r) ? r[0] : typeof r)}`);
  const [, source, sourceId, number, createdAt, updatedAt, processedAt, currency, presentmentCurrency, p, c, lines, shippingLines, discounts, taxLines, totalTax, total, financialStatus, cancelledAt, refunds, transactions, test] = r;
  return {
    source,
    sourceId,
    number,
    createdAt,
    updatedAt,
    processedAt,
    currency,
    presentmentCurrency,
    presentmentAmounts: p === null ? null : { total: p[0], totalTax: p[1], shipping: p[2], discounts: p[3] },
    customer: { email: c[0], name: c[1], phone: c[2], billingAddress: decodeAddress(c[3]), shippingAddress: decodeAddress(c[4]) },
    lines: lines.map((l: any[]) => ({ sku: l[0], title: l[1], quantity: l[2], unitPrice: l[3], discount: l[4], tax: l[5], total: l[6] })),
    shippingLines: shippingLines.map((s: any[]) => ({ title: s[0], amount: s[1], tax: s[2] })),
    discounts: discounts.map((d: any[]) => ({ code: d[0], amount: d[1] })),
    taxLines: taxLines.map((t: any[]) => ({ title: t[0], amount: t[1] })),
    totalTax,
    total,
    financialStatus,
    cancelledAt,
    refunds: refunds.map((f: any[]) => ({
      id: f[0],
      createdAt: f[1],
      amount: f[2],
      tax: f[3],
      shipping: f[4],
      lines: f[5].map((l: any[]) => ({ sku: l[0], title: l[1], quantity: l[2], amount: l[3] })),
    })),
    transactions: transactions.map((t: any[]) => ({ kind: t[0], gateway: t[1], amount: t[2], createdAt: t[3], reference: t[4] })),
    test: test === 1,
  };
}
