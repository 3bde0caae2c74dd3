import type { QboEntityJson, SeedBooks, SeedBusiness, SeedOrder } from '../../../sandbox/seed';

export const TXN_TYPES = ['Invoice', 'SalesReceipt', 'Payment', 'CreditMemo', 'RefundReceipt'] as const;
export type TxnType = (typeof TXN_TYPES)[number];

/** QBO JSON number (dollars) → cents, refusing anything that is not a whole number of cents. */
export function cents(x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`not a number: ${String(x)}`);
  const c = Math.round(x * 100);
  if (Math.abs(c - x * 100) > 1e-6) throw new Error(`not whole cents: ${x}`);
  return c;
}

export type Line = Record<string, unknown> & { DetailType: string; Amount: number };

export const linesOf = (doc: QboEntityJson): Line[] => doc.Line as Line[];

export function itemLines(doc: QboEntityJson): Line[] {
  return linesOf(doc).filter((l) => l.DetailType === 'SalesItemLineDetail');
}

export function discountOf(doc: QboEntityJson): number {
  return linesOf(doc).filter((l) => l.DetailType === 'DiscountLineDetail').reduce((s, l) => s + cents(l.Amount), 0);
}

export function taxOf(doc: QboEntityJson): number {
  return cents((doc.TxnTaxDetail as { TotalTax: number }).TotalTax);
}

export function findDoc(books: SeedBooks, type: TxnType, id: string): QboEntityJson {
  const doc = books[type].find((d) => d.Id === id);
  if (!doc) throw new Error(`${type} ${id} not in the books`);
  return doc;
}

export function customerEmail(books: SeedBooks, doc: QboEntityJson): string {
  const id = (doc.CustomerRef as { value: string }).value;
  const c = books.Customer.find((x) => x.Id === id);
  if (!c) throw new Error(`customer ${id} missing`);
  return (c.PrimaryEmailAddr as { Address: string }).Address;
}

export function ordersById(b: SeedBusiness): Map<string, SeedOrder> {
  return new Map(b.store.orders.map((o) => [o.id, o]));
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Money received by the store: successful sales and captures. */
export function received(o: SeedOrder): number {
  return sum(o.transactions.filter((t) => t.status === 'success' && (t.kind === 'sale' || t.kind === 'capture')).map((t) => t.amountMinor));
}

export function refunded(o: SeedOrder): number {
  return sum(o.refunds.map((r) => r.totalMinor));
}
