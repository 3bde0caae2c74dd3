import { sumMinor } from './money';
import type { StoreOrder } from './store-order';

/** Everything refunded so far, in shop-currency minor units. */
export function refundedTotal(order: Pick<StoreOrder, 'refunds'>): number {
  return sumMinor(order.refunds.map((r) => r.amount));
}

/** The order total less its refunds: what the shop kept. The stored total itself never changes. */
export function netTotal(order: Pick<StoreOrder, 'total' | 'refunds'>): number {
  return order.total - refundedTotal(order);
}
