import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { upsertOrders } from '../../main/mirror/store-orders';
import type { StoreOrder } from '../../main/orders/store-order';
import { arbitraryOrder } from '../orders/arbitrary-order';
import { tempDir } from '../helpers/tmp';


const sums = (o: StoreOrder) => ({
  shipping: o.shippingLines.reduce((n, s) => n + s.amount, 0),
  paid: o.transactions.filter((t) => t.kind === 'sale' || t.kind === 'capture').reduce((n, t) => n + t.amount, 0),
});

describe('migration 008: shipping and paid as columns', () => {
  it('keeps them equal to the order\'s sums, when written and when a version-7 file is upgraded', () => {
    const dir = tempDir();
    const db = openCompanyDb(dir, '1');
    const orders = fc.sample(arbitraryOrder, 60).map((o, i) => ({ ...o, sourceId: `o${i}` }));
    upsertOrders(db, 's', orders);
    const read = () => db.prepare('SELECT source_id, shipping, paid FROM store_orders ORDER BY id').all();
    const expected = orders.map((o) => ({ source_id: o.sourceId, ...sums(o) }));
    expect(read()).toEqual(expected);
    db.close();

    // The same file as version 7 left it: no such columns (nor 009's and 010's). Opening it runs 008, which fills them from the stored orders.
    const old = openCompanyDb(dir, '1');
    old.exec(`ALTER TABLE store_orders DROP COLUMN shipping; ALTER TABLE store_orders DROP COLUMN paid; ALTER TABLE reconcile_orders DROP COLUMN digest;
      ALTER TABLE reconcile_state DROP COLUMN verdict_version;`);
    old.pragma('user_version = 7');
    old.close();
    const upgraded = openCompanyDb(dir, '1');
    try {
      expect(upgraded.prepare('SELECT source_id, shipping, paid FROM store_orders ORDER BY id').all()).toEqual(expected);
    } finally {
      upgraded.close();
    }
  });
});
