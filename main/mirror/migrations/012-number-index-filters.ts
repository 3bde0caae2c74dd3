import type { Migration } from '../migrate';

/**
 * The number index holds the columns the list filters on (status, date, total), as the list's
 * other sort indexes do: a filtered page sorted by number then walks it without reading a row for
 * each entry it passes (at 100,000 orders, a deep page of "in sync, sorted by number" read ~85,000
 * rows, ~60 ms). It costs a full run's index build ~5 ms. Ties on the number (one per store) fall
 * to those columns, then to id.
 *
 * Every index of the list as a full run builds it (full-write/store.ts drops and rebuilds them).
 */
export const RECONCILE_LIST_INDEXES = [
  'CREATE UNIQUE INDEX reconcile_orders_key ON reconcile_orders (store_id, source_id);',
  'CREATE INDEX reconcile_orders_by_date ON reconcile_orders (order_date, total, status);',
  'CREATE INDEX reconcile_orders_by_total ON reconcile_orders (total, order_date, status);',
  'CREATE INDEX reconcile_orders_by_customer ON reconcile_orders (customer, order_date, total, status);',
  'CREATE INDEX reconcile_orders_by_status ON reconcile_orders (status, order_date, total);',
  'CREATE INDEX reconcile_orders_by_number ON reconcile_orders (length(number), number, order_date, total, status);',
  'CREATE INDEX reconcile_orders_summary ON reconcile_orders (status, currency, total);',
] as const;

export const numberIndexFilters012: Migration = {
  version: 12,
  name: 'number-index-filters',
  up(db) {
    db.exec('DROP INDEX IF EXISTS reconcile_orders_by_number');
    db.exec(RECONCILE_LIST_INDEXES.find((ddl) => ddl.includes(' reconcile_orders_by_number '))!);
  },
};
