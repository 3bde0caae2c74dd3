import type { Migration } from '../migrate';

/**
 * Store side of the mirror. An order's queryable facts are columns; the whole normalised order is
 * kept beside them in `doc` (compact positional JSON, see order-codec.ts) so nothing the columns do not carry is lost. `content_hash`
 * (SHA-256 of `doc`) tells an unchanged re-import from a changed one without reading `doc` back.
 * Child rows (lines, refunds, transactions) exist for queries by SKU, refund and gateway; tax and
 * discount lines live only in `doc` because nothing queries them across orders.
 */
export const storeOrders001: Migration = {
  version: 1,
  name: 'store-orders',
  up(db) {
    db.exec(`
      CREATE TABLE store_cursors (
        store_id TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (store_id, name)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE store_orders (
        id INTEGER PRIMARY KEY,
        store_id TEXT NOT NULL,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        number TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        processed_at TEXT,
        currency TEXT NOT NULL,
        presentment_currency TEXT NOT NULL,
        total INTEGER NOT NULL,
        total_tax INTEGER NOT NULL,
        refunded INTEGER NOT NULL,
        email TEXT,
        customer_name TEXT,
        financial_status TEXT NOT NULL,
        cancelled_at TEXT,
        test INTEGER NOT NULL,
        content_hash BLOB NOT NULL,
        doc TEXT NOT NULL,
        mirrored_at TEXT NOT NULL,
        UNIQUE (store_id, source_id)
      ) STRICT;
      CREATE INDEX store_orders_by_number ON store_orders (store_id, number);
      CREATE INDEX store_orders_by_created ON store_orders (store_id, created_at);
      CREATE INDEX store_orders_by_email ON store_orders (email) WHERE email IS NOT NULL;

      CREATE TABLE store_order_lines (
        order_id INTEGER NOT NULL REFERENCES store_orders (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sku TEXT,
        title TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit_price INTEGER NOT NULL,
        discount INTEGER NOT NULL,
        tax INTEGER,
        total INTEGER NOT NULL,
        PRIMARY KEY (order_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX store_order_lines_by_sku ON store_order_lines (sku) WHERE sku IS NOT NULL;

      CREATE TABLE store_order_refunds (
        order_id INTEGER NOT NULL REFERENCES store_orders (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        refund_id TEXT,
        created_at TEXT,
        amount INTEGER NOT NULL,
        tax INTEGER,
        shipping INTEGER,
        PRIMARY KEY (order_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE store_order_transactions (
        order_id INTEGER NOT NULL REFERENCES store_orders (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        gateway TEXT,
        amount INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        reference TEXT,
        PRIMARY KEY (order_id, position)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
