import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netTotal, refundedTotal } from '../../main/orders/net-total';
import { storeOrderSchema } from '../../main/orders/store-order';
import { arbitraryOrder } from './arbitrary-order';

describe('the normalised store order', () => {
  it('accepts every well-formed order the arbitrary produces', () => {
    fc.assert(fc.property(arbitraryOrder, (order) => {
        expect(storeOrderSchema.parse(order)).toEqual(order);
      }), { numRuns: 200 });
  });

  it('keeps the original total and computes the net from refunds', () => {
    fc.assert(
      fc.property(arbitraryOrder, (order) => {
        const before = order.total;
        const net = netTotal(order);
        expect(order.total).toBe(before);
        expect(net).toBe(order.total - order.refunds.reduce((s, r) => s + r.amount, 0));
        expect(refundedTotal(order) + net).toBe(order.total);
      }),
      { numRuns: 100 },
    );
    expect(netTotal({ total: 4000, refunds: [{ id: null, createdAt: null, amount: 1000, tax: null, shipping: null, lines: [] }] })).toBe(3000);
  });

  it('rejects fractional amounts, unknown currencies, non-UTC instants and unknown statuses', () => {
    const order = fc.sample(arbitraryOrder, { numRuns: 1, seed: 7 })[0]!;
    expect(storeOrderSchema.safeParse({ ...order, total: 10.5 }).success).toBe(false);
    expect(storeOrderSchema.safeParse({ ...order, total: 2 ** 53 }).success).toBe(false);
    expect(storeOrderSchema.safeParse({ ...order, currency: 'EUX' }).success).toBe(false);
    expect(storeOrderSchema.safeParse({ ...order, createdAt: '2025-10-07T09:50:26+02:00' }).success).toBe(false);
    expect(storeOrderSchema.safeParse({ ...order, financialStatus: 'expired' }).success).toBe(false);
    expect(storeOrderSchema.safeParse({ ...order, extra: 1 }).success).toBe(false);
  });
});
