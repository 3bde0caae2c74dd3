import type { Migration } from '../migrate';

/**
 * Two sums reconciliation reads for every order, kept as columns: shipping (Σ shipping lines, so
 * far only inside `doc`) and paid (Σ sale and capture transactions). Reading them from `doc` made
 * SQLite parse every stored order's JSON on each full reconcile — 40 % of reading the store side.
 */
export const storeOrderSums008: Migration = {
  version: 8,
  name: 'store-order-sums',
  up(db) {
    db.exec(`
      ALTER TABLE store_orders ADD COLUMN shipping INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE store_orders ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;
      UPDATE store_orders SET
        shipping = (SELECT coalesce(sum(value ->> '$[1]'), 0) FROM json_each(store_orders.doc, '$[12]')),
        paid = (SELECT coalesce(sum(amount), 0) FROM store_order_transactions t WHERE t.order_id = store_orders.id AND t.kind IN ('sale', 'capture'));
    `);
  },
};
