/**
 * The expected statuses hold beyond the demo: larger businesses from other seeds, another order
 * number scheme (EU-1001…), orders converted in-process (seed-to-store-order.test.ts proves the
 * conversion equals a Shopify pull).
 */
import { describe, expect, it } from 'vitest';
import { generateBusiness } from '../../sandbox/seed/business';
import { openCompanyDb } from '../../main/mirror/open';
import { upsertOrders } from '../../main/mirror/store-orders';
import { reconcileOnce as reconcile } from '../../main/reconcile/session';
import { loadInput } from '../../main/reconcile/load';
import { orderKeyOf } from '../../main/reconcile/types';
import { seedToStoreOrder } from './seed-to-store-order';
import { REALM, STORE_ID, tempDir, writeBooks } from './helpers/seeded-mirror';
import { CONFIG } from './helpers/config';

describe('expected statuses at scale', () => {
  for (const opts of [{ seed: 2, orders: 800 }, { seed: 3, orders: 600, namePrefix: 'EU-', firstNumber: 5001 }]) {
    it(`seed ${opts.seed}, ${opts.orders} orders${opts.namePrefix ? `, numbered ${opts.namePrefix}…` : ''}`, () => {
      const business = generateBusiness(opts);
      const { dir, remove } = tempDir();
      const db = openCompanyDb(dir, REALM);
      try {
        writeBooks(db, business.books);
        upsertOrders(db, STORE_ID, business.store.orders.map(seedToStoreOrder));
        const out = reconcile(loadInput(db), CONFIG);
        const byKey = new Map(out.orders.map((o) => [o.key, o]));
        const wrong = business.expected
          .map((e) => ({ e, got: byKey.get(orderKeyOf(STORE_ID, e.orderId))! }))
          .filter(({ e, got }) => got.status !== e.status)
          .map(({ e, got }) => `${e.orderName} ${e.kind}: expected ${e.status}, got ${got.status} — ${got.explanation}`);
        expect(wrong).toEqual([]);
        expect(out.qboSide.map((q) => q.key).sort()).toEqual(business.orphans.map((o) => `${o.type}:${o.id}`).sort());
      } finally {
        db.close();
        remove();
      }
    });
  }
});
