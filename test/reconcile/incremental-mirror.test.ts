import { describe, expect, it } from 'vitest';
import { CompanyReconciler } from '../../main/reconcile/incremental';
import { reconcileCompany } from '../../main/reconcile/service';
import { ignoreOrder } from '../../main/reconcile/decisions';
import { loadOrder, upsertOrders, deleteOrder } from '../../main/mirror/store-orders';
import { writeQboEntities, deleteQboEntities } from '../../main/mirror/qbo/write';
import type { CompanyDb } from '../../main/mirror/open';
import { cloneMirror, STORE_ID } from './helpers/seeded-mirror';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();

function stored(db: CompanyDb): unknown[] {
  return db.prepare('SELECT o.store_id, o.source_id, o.number, o.status, o.order_date, o.total, o.currency, o.customer, o.search, r.result FROM reconcile_orders o JOIN reconcile_results r USING (id) ORDER BY store_id, source_id').all();
}
function storedSide(db: CompanyDb): unknown[] {
  return db.prepare('SELECT * FROM reconcile_qbo_side ORDER BY doc_type, doc_id').all();
}

describe('CompanyReconciler.refresh after a sync', () => {
  it('stores exactly what a full reconcile stores, re-reading only the rows the sync wrote', () => {
    const { db } = demo.mirror();
    const reconciler = new CompanyReconciler(db, CONFIG);
    reconciler.full();

    // A sync: one order edited, one deleted, one document re-typed by hand (amount), one deleted,
    // a payment applied to an open invoice; and a decision.
    const edited = demo.order('receipt_stamped');
    const order = loadOrder(db, STORE_ID, edited.expected.orderId)!;
    upsertOrders(db, STORE_ID, [{ ...order, total: order.total + 100, updatedAt: '2026-11-21T00:00:00.000Z' }]);
    const gone = demo.order('missing_paid');
    deleteOrder(db, STORE_ID, gone.expected.orderId);
    const differs = demo.order('receipt_docnumber').expected.qboDocs[0]!;
    const raw = JSON.parse((db.prepare('SELECT raw FROM qbo_sales_txns WHERE type = ? AND id = ?').get(differs.type, differs.id) as { raw: string }).raw);
    writeQboEntities(db, differs.type as 'SalesReceipt', [{ ...raw, TotalAmt: raw.TotalAmt + 1, SyncToken: '5' }]);
    const deleted = demo.order('refund_partial_recorded').expected.qboDocs.find((d) => d.type === 'RefundReceipt')!;
    deleteQboEntities(db, 'RefundReceipt', [deleted.id]);
    const unpaid = demo.order('unpaid_invoice_open');
    const invoice = unpaid.expected.qboDocs[0]!;
    const invRaw = JSON.parse((db.prepare('SELECT raw FROM qbo_sales_txns WHERE type = ? AND id = ?').get(invoice.type, invoice.id) as { raw: string }).raw);
    writeQboEntities(db, 'Payment', [{ Id: '99001', SyncToken: '0', TxnDate: invRaw.TxnDate, CustomerRef: invRaw.CustomerRef, TotalAmt: invRaw.TotalAmt, UnappliedAmt: 0, MetaData: invRaw.MetaData, Line: [{ Amount: invRaw.TotalAmt, LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }] }]);
    writeQboEntities(db, 'Invoice', [{ ...invRaw, Balance: 0, SyncToken: '3' }]);
    ignoreOrder(db, demo.order('missing_test').key, 'test order', { by: 't' });

    const result = reconciler.refresh({
      orders: [edited.key, gone.key],
      docs: [`${differs.type}:${differs.id}`, `RefundReceipt:${deleted.id}`, `Invoice:${invoice.id}`, 'Payment:99001'],
      decisions: true,
    });
    expect(result.full).toBe(false);
    expect(result.removed).toEqual([gone.key]);
    const statuses = new Map(result.recomputed.map((r) => [r.key, r.status]));
    expect(statuses.get(edited.key)).toBe('differs');
    expect(statuses.get(unpaid.key)).toBe('in_sync');
    expect(statuses.get(demo.order('refund_partial_recorded').key)).toBe('refund_missing');
    expect(statuses.get(demo.order('missing_test').key)).toBe('ignored');

    const fresh = cloneMirror(db);
    try {
      reconcileCompany(fresh.db, CONFIG);
      expect(stored(db)).toEqual(stored(fresh.db));
      expect(storedSide(db)).toEqual(storedSide(fresh.db));
    } finally {
      fresh.close();
    }
  });
});
