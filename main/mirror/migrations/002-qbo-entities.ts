import type { Migration } from '../migrate';

/**
 * QuickBooks side of the mirror. Each entity keeps the columns reconciliation and the UI query,
 * plus QBO's JSON exactly as received (`raw`), so a field we need later is already on disk.
 *
 * Invoices, sales receipts, credit memos and refund receipts share QBO's SalesTransaction shape
 * and are matched against orders together (by stamp, DocNumber, amount), so they live in one
 * table keyed by (type, id), with one view per type for readers that want a single kind.
 * Money columns are integer minor units of the document's currency.
 *
 * Few secondary indexes: reconciliation reads whole tables into memory, and every index costs
 * ingest time on a 100,000-document pull (measured by bench/benchmarks/qbo-sync.bench.ts). Rows
 * with raw JSON are ~1.5 KB, so the documents table keeps a rowid (WITHOUT ROWID suits small rows).
 */
export const qboEntities002: Migration = {
  version: 2,
  name: 'qbo-entities',
  up(db) {
    db.exec(`
      CREATE TABLE qbo_company (
        key TEXT PRIMARY KEY CHECK (key IN ('CompanyInfo', 'Preferences')),
        id TEXT NOT NULL,
        name TEXT,
        home_currency TEXT,
        country TEXT,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL
      ) STRICT;

      CREATE TABLE qbo_customers (
        id TEXT PRIMARY KEY,
        sync_token TEXT NOT NULL,
        display_name TEXT NOT NULL,
        given_name TEXT,
        family_name TEXT,
        company_name TEXT,
        email TEXT,
        active INTEGER NOT NULL,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL
      ) STRICT;
      CREATE INDEX qbo_customers_email ON qbo_customers (email COLLATE NOCASE);

      CREATE TABLE qbo_items (
        id TEXT PRIMARY KEY,
        sync_token TEXT NOT NULL,
        name TEXT NOT NULL,
        sku TEXT,
        type TEXT,
        active INTEGER NOT NULL,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL
      ) STRICT;
      CREATE INDEX qbo_items_sku ON qbo_items (sku);

      CREATE TABLE qbo_sales_txns (
        type TEXT NOT NULL CHECK (type IN ('Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt')),
        id TEXT NOT NULL,
        sync_token TEXT NOT NULL,
        doc_number TEXT,
        txn_date TEXT NOT NULL,
        customer_id TEXT,
        currency TEXT NOT NULL,
        total INTEGER NOT NULL,
        balance INTEGER,
        total_tax INTEGER NOT NULL,
        private_note TEXT,
        stamp TEXT,
        voided INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) STRICT;
      CREATE INDEX qbo_sales_txns_doc_number ON qbo_sales_txns (doc_number);
      CREATE INDEX qbo_sales_txns_stamp ON qbo_sales_txns (stamp) WHERE stamp IS NOT NULL;

      CREATE TABLE qbo_sales_txn_lines (
        type TEXT NOT NULL,
        txn_id TEXT NOT NULL,
        line_no INTEGER NOT NULL,
        line_id TEXT,
        detail_type TEXT NOT NULL,
        item_id TEXT,
        description TEXT,
        qty REAL,
        unit_price TEXT,
        amount INTEGER NOT NULL,
        tax_code TEXT,
        PRIMARY KEY (type, txn_id, line_no),
        FOREIGN KEY (type, txn_id) REFERENCES qbo_sales_txns (type, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE VIEW qbo_invoices AS SELECT * FROM qbo_sales_txns WHERE type = 'Invoice';
      CREATE VIEW qbo_sales_receipts AS SELECT * FROM qbo_sales_txns WHERE type = 'SalesReceipt';
      CREATE VIEW qbo_credit_memos AS SELECT * FROM qbo_sales_txns WHERE type = 'CreditMemo';
      CREATE VIEW qbo_refund_receipts AS SELECT * FROM qbo_sales_txns WHERE type = 'RefundReceipt';

      CREATE TABLE qbo_payments (
        id TEXT PRIMARY KEY,
        sync_token TEXT NOT NULL,
        txn_date TEXT NOT NULL,
        customer_id TEXT,
        currency TEXT NOT NULL,
        total INTEGER NOT NULL,
        unapplied INTEGER NOT NULL,
        deposit_account_id TEXT,
        payment_method_id TEXT,
        private_note TEXT,
        stamp TEXT,
        voided INTEGER NOT NULL,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL
      ) STRICT;

      CREATE TABLE qbo_payment_links (
        payment_id TEXT NOT NULL REFERENCES qbo_payments (id) ON DELETE CASCADE,
        line_no INTEGER NOT NULL,
        txn_type TEXT NOT NULL,
        txn_id TEXT NOT NULL,
        amount INTEGER NOT NULL,
        PRIMARY KEY (payment_id, line_no, txn_type, txn_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX qbo_payment_links_txn ON qbo_payment_links (txn_type, txn_id);

      CREATE TABLE qbo_lists (
        entity TEXT NOT NULL CHECK (entity IN ('TaxCode', 'TaxRate', 'Account', 'PaymentMethod')),
        id TEXT NOT NULL,
        sync_token TEXT NOT NULL,
        name TEXT NOT NULL,
        active INTEGER NOT NULL,
        subtype TEXT,
        last_updated TEXT NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;
      CREATE VIEW qbo_tax_codes AS SELECT * FROM qbo_lists WHERE entity = 'TaxCode';
      CREATE VIEW qbo_tax_rates AS SELECT * FROM qbo_lists WHERE entity = 'TaxRate';
      CREATE VIEW qbo_accounts AS SELECT * FROM qbo_lists WHERE entity = 'Account';
      CREATE VIEW qbo_payment_methods AS SELECT * FROM qbo_lists WHERE entity = 'PaymentMethod';
    `);
  },
};
