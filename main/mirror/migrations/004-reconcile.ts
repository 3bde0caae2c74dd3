import type { Migration } from '../migrate';

/**
 * Reconciliation: the bookkeeper's decisions and the last computed verdicts.
 *
 * Decisions name an order by (store_id, source_id) and a document by (type, id), never by row ids,
 * so they survive a re-sync that deletes and re-adds rows; they carry who made them and when.
 * `reconcile_rejections` holds pairs that no matching pass may join again (a rejected suggestion,
 * an unlinked document). An accepted difference remembers the order's content hash and the
 * document's SyncToken it was accepted against: it holds until either side changes.
 *
 * `reconcile_orders` is the read side: one narrow row per order with the columns the list filters
 * and sorts on and a lowercased `search` text (number, customer, email, SKUs); the full verdict
 * (JSON) is in `reconcile_results`.
 */
/** The list's indexes as this version created them (006 replaces them; a shipped migration never changes). */
const LIST_INDEXES_004 = [
  'CREATE INDEX reconcile_orders_status_date ON reconcile_orders (status, order_date);',
  'CREATE INDEX reconcile_orders_date ON reconcile_orders (order_date);',
  'CREATE INDEX reconcile_orders_total ON reconcile_orders (total);',
  'CREATE INDEX reconcile_orders_number ON reconcile_orders (number);',
  'CREATE INDEX reconcile_orders_summary ON reconcile_orders (status, currency, total);',
];

export const reconcile004: Migration = {
  version: 4,
  name: 'reconcile',
  up(db) {
    db.exec(`
      CREATE TABLE reconcile_links (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        doc_type TEXT NOT NULL CHECK (doc_type IN ('Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt', 'Payment')),
        doc_id TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('manual', 'confirmed')),
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id, doc_type, doc_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX reconcile_links_doc ON reconcile_links (doc_type, doc_id);

      CREATE TABLE reconcile_rejections (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id, doc_type, doc_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reconcile_accepted (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        field TEXT NOT NULL,
        order_hash TEXT NOT NULL,
        doc_version TEXT NOT NULL,
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id, field)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reconcile_ignored (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reconcile_orders (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        number TEXT NOT NULL,
        status TEXT NOT NULL,
        order_date TEXT NOT NULL,
        total INTEGER NOT NULL,
        currency TEXT NOT NULL,
        customer TEXT,
        search TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id)
      ) STRICT, WITHOUT ROWID;
      ${LIST_INDEXES_004.join('\n      ')}

      -- The full verdict apart from the list's columns, so filtering and sorting scan narrow rows.
      CREATE TABLE reconcile_results (
        store_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        result TEXT NOT NULL,
        PRIMARY KEY (store_id, source_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reconcile_qbo_side (
        doc_type TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('orphan', 'duplicate')),
        reason TEXT NOT NULL,
        PRIMARY KEY (doc_type, doc_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reconcile_state (
        key INTEGER PRIMARY KEY CHECK (key = 1),
        computed_at TEXT NOT NULL,
        time_zone TEXT NOT NULL
      ) STRICT;
    `);
  },
};
