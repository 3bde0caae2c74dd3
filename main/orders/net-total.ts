import { MoneyError } from './money';
import type { StoreOrder } from './store-order';

/** Adds without arrays (these run for every order of a 100,000-order reconcile), refusing unsafe sums. */
function checked(total: number): number {
  if (!Number.isSafeInteger(total)) throw new MoneyError('out_of_range', 'a total is too large to keep exactly');
  return total;
}

/** Everything refunded so far, in shop-currency minor units. */
export function refundedTotal(order: { refunds: ReadonlyArray<Pick<StoreOrder['refunds'][number], 'amount'>> }): number {
  let total = 0;
  for (const r of order.refunds) total = checked(total + r.amount);
  return total;
}

/** The order total less its refunds: what the shop kept. The stored total itself never changes. */
export function netTotal(order: Pick<StoreOrder, 'total' | 'refunds'>): number {
  return order.total - refundedTotal(order);
}

/** A transaction that brought money in: a sale or a capture (authorisations and refunds do not). */
export const isReceipt = (t: { kind: string }): boolean => t.kind === 'sale' || t.kind === 'capture';

/** What the store received. */
export function paidTotal(order: { transactions: ReadonlyArray<{ kind: string; amount: number }> }): number {
  let total = 0;
  for (const t of order.transactions) if (isReceipt(t)) total = checked(total + t.amount);
  return total;
}

/** Σ shipping lines. */
export function shippingTotal(order: { shippingLines: ReadonlyArray<{ amount: number }> }): number {
  let total = 0;
  for (const s of order.shippingLines) total = checked(total + s.amount);
  return total;
}
