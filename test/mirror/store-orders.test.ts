import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { readCursor, writeCursor } from '../../main/mirror/store-cursors';
import { countOrders, deleteOrder, loadOrder, restoreCommittedOrder, upsertOrders } from '../../main/mirror/store-orders';
import { decodeOrder, encodeOrder } from '../../main/mirror/order-codec';
import { storeOrderSchema } from '../../main/orders/store-order';
import { arbitraryOrder } from '../orders/arbitrary-order';
import { tempDir } from '../helpers/tmp';


describe('store-order repository', () => {
  it('stores any normalised order and loads it back unchanged', () => {
    const db = openCompanyDb(tempDir(), '1');
    let n = 0;
    fc.assert(
      fc.property(arbitraryOrder, (order) => {
        const storeId = `store-${n++}`;
        expect(upsertOrders(db, storeId, [order])).toEqual({ added: 1, updated: 0, unchanged: 0 });
        expect(loadOrder(db, storeId, order.sourceId)).toEqual(order);
        expect(decodeOrder(encodeOrder(order))).toEqual(order);
      }),
      { numRuns: 150 },
    );
    db.close();
  });

  it('counts added, unchanged and updated orders and replaces child rows on update', () => {
    const db = openCompanyDb(tempDir(), '1');
    const [a, b] = fc.sample(arbitraryOrder, { numRuns: 2, seed: 11 }).map((o, i) => ({ ...o, sourceId: `o${i}`, lines: o.lines.slice(0, 2) }));
    expect(upsertOrders(db, 's', [a!, b!])).toEqual({ added: 2, updated: 0, unchanged: 0 });
    // Same content, keys in another order: still unchanged.
    const reordered = Object.fromEntries(Object.entries(a!).reverse()) as typeof a;
    expect(upsertOrders(db, 's', [reordered!, b!])).toEqual({ added: 0, updated: 0, unchanged: 2 });
    const changed = { ...b!, total: b!.total + 1, lines: [{ sku: 'NEW', title: 'New line', quantity: 1, unitPrice: 100, discount: 0, tax: null, total: 100 }] };
    const outcomes: string[] = [];
    expect(upsertOrders(db, 's', [a!, changed], { onOutcome: (id, outcome) => outcomes.push(`${id}:${outcome}`) })).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(outcomes).toEqual(['o0:unchanged', 'o1:updated']);
    expect(loadOrder(db, 's', 'o1')).toEqual(changed);
    const lines = db.prepare("SELECT sku FROM store_order_lines JOIN store_orders o ON o.id = order_id WHERE o.source_id = 'o1'").all();
    expect(lines).toEqual([{ sku: 'NEW' }]);
    expect(db.prepare("SELECT total FROM store_orders WHERE source_id = 'o1'").get()).toEqual({ total: changed.total });
    expect(countOrders(db, 's')).toBe(2);
    expect(loadOrder(db, 'other-store', 'o1')).toBeUndefined();
    db.close();
  });

  it('writes a batch in one transaction: an invalid order in it leaves nothing written', () => {
    const db = openCompanyDb(tempDir(), '1');
    const [good] = fc.sample(arbitraryOrder, { numRuns: 1, seed: 3 });
    const bad = { ...good!, sourceId: 'bad', total: 1.5 };
    expect(() => upsertOrders(db, 's', [{ ...good!, sourceId: 'good' }, bad])).toThrow();
    expect(countOrders(db, 's')).toBe(0);
    db.close();
  });

  it('keeps computed columns for queries beside the stored order', () => {
    const db = openCompanyDb(tempDir(), '1');
    const [order] = fc.sample(arbitraryOrder, { numRuns: 1, seed: 5 });
    const o = { ...order!, refunds: [{ id: 'r1', createdAt: null, amount: 250, tax: null, shipping: 0, lines: [] }], test: true };
    upsertOrders(db, 's', [o]);
    expect(db.prepare('SELECT number, currency, total, refunded, financial_status, test FROM store_orders').get()).toEqual({
      number: o.number,
      currency: o.currency,
      total: o.total,
      refunded: 250,
      financial_status: o.financialStatus,
      test: 1,
    });
    expect(db.prepare('SELECT count(*) AS n FROM store_order_refunds').get()).toEqual({ n: 1 });
    expect(storeOrderSchema.parse(loadOrder(db, 's', o.sourceId))).toEqual(o);
    db.close();
  });

  it('restores the committed version of an order changed inside an open transaction', () => {
    const db = openCompanyDb(tempDir(), '1');
    const [a, b] = fc.sample(arbitraryOrder, { numRuns: 2, seed: 9 }).map((o, i) => ({ ...o, sourceId: `o${i}` }));
    upsertOrders(db, 's', [a!]);
    db.exec('BEGIN IMMEDIATE');
    upsertOrders(db, 's', [{ ...a!, total: a!.total + 7 }, b!]);
    restoreCommittedOrder(db, 's', 'o0');
    restoreCommittedOrder(db, 's', 'o1');
    db.exec('COMMIT');
    expect(loadOrder(db, 's', 'o0')).toEqual(a);
    expect(loadOrder(db, 's', 'o1')).toBeUndefined();
    expect(deleteOrder(db, 's', 'o0')).toBe(true);
    expect(countOrders(db, 's')).toBe(0);
    db.close();
  });

  it('keeps a cursor per store connection', () => {
    const db = openCompanyDb(tempDir(), '1');
    expect(readCursor(db, 's', 'orders.updated_at')).toBeUndefined();
    writeCursor(db, 's', 'orders.updated_at', '2025-10-07T00:00:00Z');
    writeCursor(db, 's', 'orders.updated_at', '2025-10-08T00:00:00Z');
    writeCursor(db, 't', 'orders.updated_at', 'x');
    expect(readCursor(db, 's', 'orders.updated_at')).toBe('2025-10-08T00:00:00Z');
    db.close();
  });
});
