/**
 * What a reconcile left in the mirror for the read side, and the check every incremental path
 * must pass: its stored verdicts equal those of a full reconcile of a copy of the same mirror.
 */
import { expect } from 'vitest';
import type { CompanyDb } from '../../../main/mirror/open';
import { deleteOrder, loadOrder, upsertOrders } from '../../../main/mirror/store-orders';
import { deleteQboEntities, writeQboEntities } from '../../../main/mirror/qbo/write';
import { reconcileCompany } from '../../../main/reconcile/service';
import type { DocKey, OrderKey } from '../../../main/reconcile/types';
import { CONFIG } from './config';
import type { Demo } from './demo';
import { cloneMirror, STORE_ID } from './seeded-mirror';

/** Every stored verdict with its list row (ids left out: an incremental run hands out new ones). */
export function storedVerdicts(db: CompanyDb): unknown[] {
  return db.prepare('SELECT o.store_id, o.source_id, o.number, o.status, o.order_date, o.total, o.currency, o.customer, o.search, r.result FROM reconcile_orders o JOIN reconcile_results r USING (id) ORDER BY store_id, source_id').all();
}

export function storedSide(db: CompanyDb): unknown[] {
  return db.prepare('SELECT * FROM reconcile_qbo_side ORDER BY doc_type, doc_id').all();
}

export function expectSameAsFullReconcile(db: CompanyDb): void {
  const fresh = cloneMirror(db);
  try {
    reconcileCompany(fresh.db, CONFIG);
    expect(storedVerdicts(db)).toEqual(storedVerdicts(fresh.db));
    expect(storedSide(db)).toEqual(storedSide(fresh.db));
  } finally {
    fresh.close();
  }
}

const rawDoc = (db: CompanyDb, type: string, id: string) => JSON.parse((db.prepare('SELECT raw FROM qbo_sales_txns WHERE type = ? AND id = ?').get(type, id) as { raw: string }).raw);

/**
 * What a sync writes to the demo mirror: an order edited, one deleted, a document re-typed by hand
 * (amount), one deleted, an open invoice paid. Returns the keys written and the orders to check.
 */
export function writeSync(db: CompanyDb, demo: Demo): { orders: OrderKey[]; docs: DocKey[]; edited: OrderKey; gone: OrderKey; paid: OrderKey; refundGone: OrderKey } {
  const edited = demo.order('receipt_stamped');
  const order = loadOrder(db, STORE_ID, edited.expected.orderId)!;
  upsertOrders(db, STORE_ID, [{ ...order, total: order.total + 100, updatedAt: '2026-11-21T00:00:00.000Z' }]);
  const gone = demo.order('missing_paid');
  deleteOrder(db, STORE_ID, gone.expected.orderId);
  const differs = demo.order('receipt_docnumber').expected.qboDocs[0]!;
  const raw = rawDoc(db, differs.type, differs.id);
  writeQboEntities(db, differs.type as 'SalesReceipt', [{ ...raw, TotalAmt: raw.TotalAmt + 1, SyncToken: '5' }]);
  const refunded = demo.order('refund_partial_recorded');
  const refund = refunded.expected.qboDocs.find((d) => d.type === 'RefundReceipt')!;
  deleteQboEntities(db, 'RefundReceipt', [refund.id]);
  const unpaid = demo.order('unpaid_invoice_open');
  const invoice = unpaid.expected.qboDocs[0]!;
  const inv = rawDoc(db, invoice.type, invoice.id);
  writeQboEntities(db, 'Payment', [{ Id: '99001', SyncToken: '0', TxnDate: inv.TxnDate, CustomerRef: inv.CustomerRef, TotalAmt: inv.TotalAmt, UnappliedAmt: 0, MetaData: inv.MetaData, Line: [{ Amount: inv.TotalAmt, LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }] }]);
  writeQboEntities(db, 'Invoice', [{ ...inv, Balance: 0, SyncToken: '3' }]);
  return {
    orders: [edited.key, gone.key],
    docs: [`${differs.type}:${differs.id}`, `RefundReceipt:${refund.id}`, `Invoice:${invoice.id}`, 'Payment:99001'],
    edited: edited.key,
    gone: gone.key,
    paid: unpaid.key,
    refundGone: refunded.key,
  };
}
