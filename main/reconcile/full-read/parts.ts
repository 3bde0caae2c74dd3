/**
 * What a full run reads of a company's mirror, as SQLite hands it over fastest: orders and
 * documents in chunks of rows, each chunk one JSON text SQLite builds itself (the rows' lines
 * beside them), parsed at once on the other side. Stepping through 200,000 rows value by value
 * cost JavaScript as much again as SQLite's own work, and a chunk is one string to pass between
 * threads, so the SQLite half can run on the machine's other core (reader.ts).
 *
 * Everything comes from one read transaction the caller holds, with the change number it goes
 * with, so a catch-up continues exactly where this snapshot ends.
 */
import type { CompanyDb } from '../../mirror/open';
import { latestChange } from '../../mirror/changes';
import { loadDecisions } from '../decisions';
import { loadItems, loadPayments } from '../load';
import type { Decisions, ItemInput, PaymentInput } from '../types';

/**
 * Rows per chunk (~300 KB of JSON): a statement and a message per chunk cost nothing next to its
 * rows, and small chunks keep both threads busy from the first one on, with little in flight.
 */
export const CHUNK_ROWS = 1_000;

export type MirrorPart =
  | {
      part: 'head';
      seq: number;
      items: ItemInput[];
      decisions: Decisions;
    }
  | { part: 'orders' | 'docs'; json: string }
  /**
   * Between the orders and the documents, though the engine takes them after the documents: read
   * while it still parses the last orders, they are ready when it wants them.
   */
  | { part: 'payments'; payments: PaymentInput[] }
  /** JSON array of customer rows (a company may have as many customers as orders). */
  | { part: 'customers'; json: string }
  | { part: 'end' };

/**
 * A chunk: its rows, then their lines (in a list of their own, each led by its row's id: a
 * subquery per row building each row's lines cost SQLite half again as much).
 */
export type Chunk<Row, Line> = [rows: Row[], lines: Line[]];

/**
 * An order's row in a chunk, led by its row id. Its keys come made, as orderKeyOf() and the stamp
 * key make them (full-read.test.ts holds the two ways equal): joined here, in JavaScript, each
 * would be two strings (a concatenation, then its flattened copy when first hashed).
 */
export type OrderChunkRow = [
  id: number, storeId: string, sourceId: string, contentHash: string, source: string, number: string, soldAt: string, currency: string, total: number, totalTax: number,
  cancelled: 0 | 1, email: string | null, name: string | null, shipping: number, refunded: number, paid: number, key: string, stampKey: string,
];
/** An order's line: its order's row id, sku, title (only where there is no SKU), quantity, unit price, discount. */
export type OrderChunkLine = [orderId: number, sku: string | null, title: string | null, quantity: number, unitPrice: number, discount: number];

/** A document's row in a chunk, led by its rowid; its key made as docKeyOf() makes it. */
export type DocChunkRow = [
  rowid: number, type: string, id: string, syncToken: string, docNumber: string | null, txnDate: string, customerId: string | null, currency: string, total: number,
  balance: number | null, totalTax: number, stamp: string | null, voided: 0 | 1, key: string,
];
/** A line comparison reads (item lines, and discount lines as 1): its document's rowid first. */
export type DocChunkLine = [rowid: number, discount: 0 | 1, itemId: string | null, description: string | null, qty: number | null, unitPrice: string | null, amount: number];

export type CustomerRow = [id: string, displayName: string, givenName: string | null, familyName: string | null, email: string | null, active: 0 | 1];

// Chunks follow the rowid (the mirror's order, as before), each starting after the last one's
// highest; the first column is that highest, NULL once nothing is left. The lines are those of
// the rows from after the last chunk up to this one's highest, in the rows' order.
const ORDER_ROWS_SQL = `SELECT max(id), json_group_array(json_array(id, store_id, source_id, lower(hex(content_hash)), source, number, coalesce(processed_at, created_at), currency,
      total, total_tax, cancelled_at IS NOT NULL OR financial_status = 'voided', email, customer_name, shipping, refunded, paid, store_id || '/' || source_id, source || ':' || source_id))
    FROM (SELECT id, store_id, source_id, content_hash, source, number, processed_at, created_at, currency, total, total_tax, cancelled_at, financial_status, email,
      customer_name, shipping, refunded, paid FROM store_orders WHERE id > ? ORDER BY id LIMIT ?) o`;
const ORDER_LINES_SQL = `SELECT json_group_array(json_array(order_id, sku, CASE WHEN sku IS NULL THEN title END, quantity, unit_price, discount))
    FROM (SELECT order_id, sku, title, quantity, unit_price, discount FROM store_order_lines WHERE order_id > ? AND order_id <= ? ORDER BY order_id, position)`;

// The description only where no item names the line (it is what names the product then); a
// line's type as a number: the text, on a third of a million lines, was a third of the JSON.
const DOC_ROWS_SQL = `SELECT max(r), json_group_array(json_array(r, type, id, sync_token, doc_number, txn_date, customer_id, currency, total, balance, total_tax, stamp, voided,
      type || ':' || id))
    FROM (SELECT rowid AS r, type, id, sync_token, doc_number, txn_date, customer_id, currency, total, balance, total_tax, stamp, voided
      FROM qbo_sales_txns WHERE rowid > ? ORDER BY rowid LIMIT ?) d`;
const DOC_LINES_SQL = `SELECT json_group_array(json_array(r, discount, item_id, description, qty, unit_price, amount))
    FROM (SELECT d.rowid AS r, l.detail_type = 'DiscountLineDetail' AS discount, l.item_id, CASE WHEN l.item_id IS NULL THEN l.description END AS description,
        l.qty, l.unit_price, l.amount
      FROM qbo_sales_txns d JOIN qbo_sales_txn_lines l ON l.type = d.type AND l.txn_id = d.id
      WHERE d.rowid > ? AND d.rowid <= ? AND l.detail_type IN ('SalesItemLineDetail', 'DiscountLineDetail') ORDER BY d.rowid, l.line_no)`;

const CUSTOMERS_SQL = 'SELECT json_group_array(json_array(id, display_name, given_name, family_name, email, active)) FROM qbo_customers';

/** Each chunk as one JSON text: `[rows, lines]`. */
function* chunks(db: CompanyDb, rowsSql: string, linesSql: string, rows: number): Generator<string> {
  const chunk = db.prepare(rowsSql).raw();
  const lines = db.prepare(linesSql).pluck();
  let after = 0;
  for (;;) {
    const [last, json] = chunk.get(after, rows) as [number | null, string];
    if (last === null) return;
    yield `[${json},${lines.get(after, last) as string}]`;
    after = last;
  }
}

/** The whole company for a full run: head, order chunks, payments, customers, document chunks, end. Call inside a read transaction. */
export function* readMirror(db: CompanyDb, chunkRows = CHUNK_ROWS): Generator<MirrorPart> {
  yield { part: 'head', seq: latestChange(db), items: loadItems(db), decisions: loadDecisions(db) };
  for (const json of chunks(db, ORDER_ROWS_SQL, ORDER_LINES_SQL, chunkRows)) yield { part: 'orders', json };
  yield { part: 'payments', payments: loadPayments(db) };
  yield { part: 'customers', json: db.prepare(CUSTOMERS_SQL).pluck().get() as string };
  for (const json of chunks(db, DOC_ROWS_SQL, DOC_LINES_SQL, chunkRows)) yield { part: 'docs', json };
  yield { part: 'end' };
}
