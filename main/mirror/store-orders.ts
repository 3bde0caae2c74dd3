/** The store-order repository: normalised orders in and out of a company's mirror. */
import { createHash } from 'node:crypto';
import { refundedTotal } from '../orders/net-total';
import { storeOrderSchema, type StoreOrder } from '../orders/store-order';
import type { CompanyDb } from './open';

export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<CompanyDb, Statements>();

function prepare(db: CompanyDb) {
  return {
    find: db.prepare<[string, string], { id: number; content_hash: Buffer }>('SELECT id, content_hash FROM store_orders WHERE store_id = ? AND source_id = ?'),
    insert: db.prepare(`INSERT INTO store_orders (store_id, source, source_id, number, created_at, updated_at, processed_at, currency,
        presentment_currency, total, total_tax, refunded, email, customer_name, financial_status, cancelled_at, test, content_hash, doc, mirrored_at)
      VALUES (@storeId, @source, @sourceId, @number, @createdAt, @updatedAt, @processedAt, @currency, @presentmentCurrency, @total,
        @totalTax, @refunded, @email, @customerName, @financialStatus, @cancelledAt, @test, @hash, @doc, @mirroredAt)`),
    update: db.prepare(`UPDATE store_orders SET source = @source, number = @number, created_at = @createdAt, updated_at = @updatedAt,
        processed_at = @processedAt, currency = @currency, presentment_currency = @presentmentCurrency, total = @total,
        total_tax = @totalTax, refunded = @refunded, email = @email, customer_name = @customerName,
        financial_status = @financialStatus, cancelled_at = @cancelledAt, test = @test, content_hash = @hash, doc = @doc,
        mirrored_at = @mirroredAt
      WHERE id = @id`),
    deleteLines: db.prepare('DELETE FROM store_order_lines WHERE order_id = ?'),
    deleteRefunds: db.prepare('DELETE FROM store_order_refunds WHERE order_id = ?'),
    deleteTransactions: db.prepare('DELETE FROM store_order_transactions WHERE order_id = ?'),
    insertLine: db.prepare('INSERT INTO store_order_lines (order_id, position, sku, title, quantity, unit_price, discount, tax, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insertRefund: db.prepare('INSERT INTO store_order_refunds (order_id, position, refund_id, created_at, amount, tax, shipping) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertTransaction: db.prepare('INSERT INTO store_order_transactions (order_id, position, kind, gateway, amount, created_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    load: db.prepare<[string, string], { doc: string }>('SELECT doc FROM store_orders WHERE store_id = ? AND source_id = ?'),
  };
}

function statements(db: CompanyDb): Statements {
  let found = cache.get(db);
  if (!found) {
    found = prepare(db);
    cache.set(db, found);
  }
  return found;
}

export interface UpsertOptions {
  /**
   * Skip the schema check for orders this process just built through typed code (the CSV importer
   * does, to keep ingest fast); anything parsed from outside must leave this false.
   */
  trusted?: boolean;
}

/**
 * Adds or replaces orders keyed by (store, source id), in one transaction (a savepoint when the
 * caller already holds one). An order whose normalised content is byte-for-byte what the mirror
 * holds is left alone and counted unchanged.
 */
export function upsertOrders(db: CompanyDb, storeId: string, orders: readonly StoreOrder[], options: UpsertOptions = {}): UpsertCounts {
  const s = statements(db);
  const counts: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const checked = options.trusted ? orders : orders.map((order) => storeOrderSchema.parse(order));
  const mirroredAt = new Date().toISOString();
  db.transaction(() => {
    for (const order of checked) {
      const doc = JSON.stringify(order);
      const hash = createHash('sha256').update(doc).digest();
      const existing = s.find.get(storeId, order.sourceId);
      if (existing && existing.content_hash.equals(hash)) {
        counts.unchanged += 1;
        continue;
      }
      const row = {
        storeId,
        source: order.source,
        sourceId: order.sourceId,
        number: order.number,
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
        processedAt: order.processedAt,
        currency: order.currency,
        presentmentCurrency: order.presentmentCurrency,
        total: order.total,
        totalTax: order.totalTax,
        refunded: refundedTotal(order),
        email: order.customer.email,
        customerName: order.customer.name,
        financialStatus: order.financialStatus,
        cancelledAt: order.cancelledAt,
        test: order.test ? 1 : 0,
        hash,
        doc,
        mirroredAt,
      };
      let id: number;
      if (existing) {
        id = existing.id;
        s.update.run({ ...row, id });
        s.deleteLines.run(id);
        s.deleteRefunds.run(id);
        s.deleteTransactions.run(id);
        counts.updated += 1;
      } else {
        id = Number(s.insert.run(row).lastInsertRowid);
        counts.added += 1;
      }
      order.lines.forEach((l, i) => s.insertLine.run(id, i, l.sku, l.title, l.quantity, l.unitPrice, l.discount, l.tax, l.total));
      order.refunds.forEach((r, i) => s.insertRefund.run(id, i, r.id, r.createdAt, r.amount, r.tax, r.shipping));
      order.transactions.forEach((t, i) => s.insertTransaction.run(id, i, t.kind, t.gateway, t.amount, t.createdAt, t.reference));
    }
  })();
  return counts;
}

/** The order as it was stored, or undefined when the mirror has no such order. */
export function loadOrder(db: CompanyDb, storeId: string, sourceId: string): StoreOrder | undefined {
  const row = statements(db).load.get(storeId, sourceId);
  return row ? storeOrderSchema.parse(JSON.parse(row.doc)) : undefined;
}

export function countOrders(db: CompanyDb, storeId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM store_orders WHERE store_id = ?').get(storeId) as { n: number }).n;
}
