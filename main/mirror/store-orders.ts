/** The store-order repository: normalised orders in and out of a company's mirror. */
import Database from 'better-sqlite3';
import { hash as digest } from 'node:crypto';
import { paidTotal, refundedTotal, shippingTotal } from '../orders/net-total';
import { storeOrderSchema, type StoreOrder } from '../orders/store-order';
import { logChanges, orderChangeKey } from './changes';
import type { CompanyDb } from './open';
import { perConnection } from './statements';
import { decodeOrder, encodeOrder } from './order-codec';

export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

const statements = perConnection((db) => ({
  // One lookup per batch rather than per order: the keys go in as a JSON array.
  findMany: db.prepare<[string, string], { source_id: string; id: number; content_hash: Buffer }>(
    'SELECT source_id, id, content_hash FROM store_orders WHERE store_id = ? AND source_id IN (SELECT value FROM json_each(?))',
  ),
  insert: db.prepare(`INSERT INTO store_orders (source, number, created_at, updated_at, processed_at, currency, presentment_currency,
      total, total_tax, refunded, email, customer_name, financial_status, cancelled_at, test, content_hash, doc, mirrored_at, shipping, paid, store_id, source_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  update: db.prepare(`UPDATE store_orders SET source = ?, number = ?, created_at = ?, updated_at = ?, processed_at = ?, currency = ?,
      presentment_currency = ?, total = ?, total_tax = ?, refunded = ?, email = ?, customer_name = ?, financial_status = ?,
      cancelled_at = ?, test = ?, content_hash = ?, doc = ?, mirrored_at = ?, shipping = ?, paid = ?
    WHERE store_id = ? AND source_id = ?`),
  deleteLines: db.prepare('DELETE FROM store_order_lines WHERE order_id = ?'),
  deleteRefunds: db.prepare('DELETE FROM store_order_refunds WHERE order_id = ?'),
  deleteTransactions: db.prepare('DELETE FROM store_order_transactions WHERE order_id = ?'),
  insertLine: db.prepare('INSERT INTO store_order_lines (order_id, position, sku, title, quantity, unit_price, discount, tax, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  insertRefund: db.prepare('INSERT INTO store_order_refunds (order_id, position, refund_id, created_at, amount, tax, shipping) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  insertTransaction: db.prepare('INSERT INTO store_order_transactions (order_id, position, kind, gateway, amount, created_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  load: db.prepare<[string, string], { doc: string }>('SELECT doc FROM store_orders WHERE store_id = ? AND source_id = ?'),
}));

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface UpsertOptions {
  /** Told what happened to each order, in input order. */
  onOutcome?: (sourceId: string, outcome: UpsertOutcome) => void;
  /**
   * Skip the schema check for orders this process just built through typed code (the CSV importer
   * does, to keep ingest fast); anything parsed from outside must leave this false.
   */
  trusted?: boolean;
}

/**
 * Adds or replaces orders keyed by (store, source id), in one transaction (a savepoint when the
 * caller already holds one). An order whose normalised content is byte-for-byte what the mirror
 * holds is left alone and counted unchanged (compared by a hash of the stored form, which does not
 * depend on the order of keys in the input object).
 */
export function upsertOrders(db: CompanyDb, storeId: string, orders: readonly StoreOrder[], options: UpsertOptions = {}): UpsertCounts {
  const s = statements(db);
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const checked = options.trusted ? orders : orders.map((order) => storeOrderSchema.parse(order));
  const mirroredAt = new Date().toISOString();
  // One array of statement parameters, refilled per order: an ingest writes hundreds of thousands.
  const values: unknown[] = new Array(22);
  db.transaction(() => {
    const found = new Map<string, { id: number; content_hash: Buffer }>();
    const keys = new Array<string>(checked.length);
    for (let i = 0; i < checked.length; i++) keys[i] = checked[i]!.sourceId;
    for (const row of s.findMany.all(storeId, JSON.stringify(keys))) found.set(row.source_id, row);
    const changed: string[] = [];
    for (const order of checked) {
      const doc = encodeOrder(order);
      const hash = digest('sha256', doc, 'buffer');
      const existing = found.get(order.sourceId);
      if (existing && existing.content_hash.equals(hash)) {
        counts.unchanged += 1;
        options.onOutcome?.(order.sourceId, 'unchanged');
        continue;
      }
      // Positional parameters: binding by name costs more than the insert itself at ingest rates.
      values[0] = order.source;
      values[1] = order.number;
      values[2] = order.createdAt;
      values[3] = order.updatedAt;
      values[4] = order.processedAt;
      values[5] = order.currency;
      values[6] = order.presentmentCurrency;
      values[7] = order.total;
      values[8] = order.totalTax;
      values[9] = refundedTotal(order);
      values[10] = order.customer.email;
      values[11] = order.customer.name;
      values[12] = order.financialStatus;
      values[13] = order.cancelledAt;
      values[14] = order.test ? 1 : 0;
      values[15] = hash;
      values[16] = doc;
      values[17] = mirroredAt;
      values[18] = shippingTotal(order);
      values[19] = paidTotal(order);
      values[20] = storeId;
      values[21] = order.sourceId;
      let id: number;
      if (existing) {
        id = existing.id;
        s.update.run(values);
        s.deleteLines.run(id);
        s.deleteRefunds.run(id);
        s.deleteTransactions.run(id);
        counts.updated += 1;
        options.onOutcome?.(order.sourceId, 'updated');
      } else {
        id = Number(s.insert.run(values).lastInsertRowid);
        counts.added += 1;
        options.onOutcome?.(order.sourceId, 'added');
      }
      // The same order twice in one batch: the second copy must see the first.
      found.set(order.sourceId, { id, content_hash: hash });
      changed.push(orderChangeKey(storeId, order.sourceId));
      const { lines, refunds, transactions } = order;
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        s.insertLine.run(id, i, l.sku, l.title, l.quantity, l.unitPrice, l.discount, l.tax, l.total);
      }
      for (let i = 0; i < refunds.length; i++) {
        const r = refunds[i]!;
        s.insertRefund.run(id, i, r.id, r.createdAt, r.amount, r.tax, r.shipping);
      }
      for (let i = 0; i < transactions.length; i++) {
        const t = transactions[i]!;
        s.insertTransaction.run(id, i, t.kind, t.gateway, t.amount, t.createdAt, t.reference);
      }
    }
    logChanges(db, 'order', changed);
  })();
  return counts;
}

/** The order as it was stored, or undefined when the mirror has no such order. */
export function loadOrder(db: CompanyDb, storeId: string, sourceId: string): StoreOrder | undefined {
  const row = statements(db).load.get(storeId, sourceId);
  return row ? storeOrderSchema.parse(decodeOrder(row.doc)) : undefined;
}

/** Removes an order and its child rows; true when there was one. */
export function deleteOrder(db: CompanyDb, storeId: string, sourceId: string): boolean {
  return db.transaction(() => {
    const gone = db.prepare('DELETE FROM store_orders WHERE store_id = ? AND source_id = ?').run(storeId, sourceId).changes > 0;
    if (gone) logChanges(db, 'order', [orderChangeKey(storeId, sourceId)]);
    return gone;
  })();
}

/**
 * Puts one order back the way the last commit had it, undoing what the caller's open transaction
 * did to it. Reads through a second connection, which in WAL mode sees the committed state.
 */
export function restoreCommittedOrder(db: CompanyDb, storeId: string, sourceId: string): void {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  let committed: StoreOrder | undefined;
  try {
    committed = loadOrder(reader, storeId, sourceId);
  } finally {
    reader.close();
  }
  // loadOrder has checked it against the schema already.
  if (committed) upsertOrders(db, storeId, [committed], { trusted: true });
  else deleteOrder(db, storeId, sourceId);
}

export function countOrders(db: CompanyDb, storeId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM store_orders WHERE store_id = ?').get(storeId) as { n: number }).n;
}
