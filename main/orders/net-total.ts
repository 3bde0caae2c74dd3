import { sumMinor } from './money';
import type { StoreOrder } from './store-order';

// Made once: these sums run for every order an import writes or a reconcile reads.
const amountOf = (x: { amount: number }): number => x.amount;
const receivedOf = (t: { kind: string; amount: number }): number => (isReceipt(t) ? t.amount : 0);

/** Everything refunded so far, in shop-currency minor units. */
export function refundedTotal(order: { refunds: ReadonlyArray<Pick<StoreOrder['refunds'][number], 'amount'>> }): number {
  return sumMinor(order.refunds, amountOf);
}

/** The order total less its refunds: what the shop kept. The stored total itself never changes. */
export function netTotal(order: Pick<StoreOrder, 'total' | 'refunds'>): number {
  return order.total - refundedTotal(order);
}

/** A transaction that brought money in: a sale or a capture (authorisations and refunds do not). */
export const isReceipt = (t: { kind: string }): boolean => t.kind === 'sale' || t.kind === 'capture';

/** What the store received. */
export function paidTotal(order: { transactions: ReadonlyArray<{ kind: string; amount: number }> }): number {
  return sumMinor(order.transactions, receivedOf);
}

/** Σ shipping lines. */
export function shippingTotal(order: { shippingLines: ReadonlyArray<{ amount: number }> }): number {
  return sumMinor(order.shippingLines, amountOf);
}
