import { describe, expect, it } from 'vitest';
import { acceptDifference, ignoreOrder, linkDocument, rejectPair, unlinkDocument, DecisionError } from '../../main/reconcile/decisions';
import { reconcileCompany } from '../../main/reconcile/service';
import { storedResult } from '../../main/reconcile/read';
import { upsertOrders, loadOrder, deleteOrder } from '../../main/mirror/store-orders';
import type { CompanyDb } from '../../main/mirror/open';
import { writeBooks, STORE_ID, allStoreOrders } from './helpers/seeded-mirror';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();
const me = { by: 'tester', at: '2026-11-21T10:00:00.000Z' };

function statusOf(db: CompanyDb, key: string) {
  reconcileCompany(db, CONFIG);
  return storedResult(db, key)!;
}

/** A full re-sync from scratch: every store order and QBO row deleted and written again. */
function resync(db: CompanyDb): void {
  const orders = allStoreOrders(db);
  db.transaction(() => {
    for (const o of orders) deleteOrder(db, STORE_ID, o.sourceId);
    db.exec('DELETE FROM qbo_sales_txns; DELETE FROM qbo_payments; DELETE FROM qbo_customers; DELETE FROM qbo_items;');
  })();
  writeBooks(db, demo.business.books);
  upsertOrders(db, STORE_ID, orders);
}

describe('bookkeeper decisions', () => {
  it('ignores a test order with its reason, and the decision survives a full re-sync', () => {
    const { db } = demo.mirror();
    const { key, expected } = demo.order('missing_test');
    expect(statusOf(db, key).status).toBe('missing_in_qbo');
    ignoreOrder(db, key, expected.decision!.reason, me);
    let r = statusOf(db, key);
    expect(r.status).toBe('ignored');
    expect(r.ignoredReason).toBe('test order');
    resync(db);
    r = statusOf(db, key);
    expect(r.status).toBe('ignored');
  });

  it('confirming a suggested match links it; the link survives a re-sync', () => {
    const { db } = demo.mirror();
    const { key, expected } = demo.order('suggested_hand_entered');
    const before = statusOf(db, key);
    expect(before.status).toBe('suggested_match');
    linkDocument(db, key, before.suggestion!.docKey, me, 'confirmed');
    let r = statusOf(db, key);
    // Entered by hand a day or two late (as one summary line): once linked, its differences show.
    expect(r.status).toBe('differs');
    expect(r.diffs.filter((d) => d.differs).map((d) => d.field)).toContain('date');
    expect(r.suggestion).toBeNull();
    expect(r.match?.method).toBe('confirmed');
    expect(r.docs.map((d) => d.key)).toEqual([`${expected.qboDocs[0]!.type}:${expected.qboDocs[0]!.id}`]);
    resync(db);
    r = statusOf(db, key);
    expect(r.status).toBe('differs');
    expect(r.match?.method).toBe('confirmed');
  });

  it('rejecting a suggested match leaves the order missing and never suggests that document again', () => {
    const { db } = demo.mirror();
    const { key } = demo.order('suggested_hand_entered');
    const doc = statusOf(db, key).suggestion!.docKey;
    rejectPair(db, key, doc, me);
    const r = statusOf(db, key);
    expect(r.status).toBe('missing_in_qbo');
    expect(r.suggestion).toBeNull();
    resync(db);
    expect(statusOf(db, key).suggestion).toBeNull();
  });

  it('unlinking a stamped document holds against the stamp; linking it again restores it', () => {
    const { db } = demo.mirror();
    const stamped = demo.order('receipt_stamped');
    const first = statusOf(db, stamped.key);
    expect(first.status).toBe('in_sync');
    const doc = first.docs[0]!.key;
    unlinkDocument(db, stamped.key, doc, me);
    const after = statusOf(db, stamped.key);
    expect(after.status).toBe('missing_in_qbo');
    expect(after.docs).toEqual([]);
    // Linking the same document back lifts the rejection; the stamp, the first pass, takes it again.
    linkDocument(db, stamped.key, doc, me);
    const relinked = statusOf(db, stamped.key);
    expect(relinked.status).toBe('in_sync');
    expect(relinked.docs[0]!.key).toBe(doc);
  });

  it('links a missing order to the store-numbered orphan invoice by hand', () => {
    const { db } = demo.mirror();
    const missing = demo.order('missing_paid');
    const orphan = demo.business.orphans.find((o) => o.type === 'Invoice')!;
    linkDocument(db, missing.key, `Invoice:${orphan.id}`, me);
    const r = statusOf(db, missing.key);
    expect(r.docs.map((d) => d.key)).toEqual([`Invoice:${orphan.id}`]);
    expect(r.status).toBe('differs');
    expect(r.match?.method).toBe('manual');
  });

  it('an accepted difference holds until the order or the document changes', () => {
    const { db } = demo.mirror();
    const { key } = demo.order('differs_shipping');
    const r = statusOf(db, key);
    expect(r.status).toBe('differs');
    const sale = r.docs.find((d) => d.role === 'sale')!;
    // Shipping is off by $3.00, and with it the total.
    const open = r.diffs.filter((d) => d.differs).map((d) => d.field);
    expect(open.sort()).toEqual(['shipping', 'total']);
    const acceptAll = () => { for (const f of open) acceptDifference(db, key, sale.key, f, me); };
    acceptAll();
    const accepted = statusOf(db, key);
    expect(accepted.status).toBe('in_sync');
    expect(accepted.diffs.find((d) => d.field === 'shipping')?.accepted).toBe(true);
    resync(db);
    expect(statusOf(db, key).status).toBe('in_sync');

    // The store side changes (a note-level edit): the acceptance lapses.
    const order = loadOrder(db, STORE_ID, key.split('/')[1]!)!;
    upsertOrders(db, STORE_ID, [{ ...order, updatedAt: '2026-11-21T09:00:00.000Z' }]);
    expect(statusOf(db, key).status).toBe('differs');
    acceptAll();
    expect(statusOf(db, key).status).toBe('in_sync');

    // The QuickBooks side changes (new SyncToken): lapses again.
    db.prepare("UPDATE qbo_sales_txns SET sync_token = '7' WHERE type = ? AND id = ?").run(sale.type, sale.id);
    expect(statusOf(db, key).status).toBe('differs');
  });

  it('refuses decisions about orders or documents the mirror does not have', () => {
    const { db } = demo.mirror();
    const { key } = demo.order('missing_paid');
    expect(() => ignoreOrder(db, `${STORE_ID}/nope`, 'x', me)).toThrow(DecisionError);
    expect(() => linkDocument(db, key, 'Invoice:999999', me)).toThrow(/no QuickBooks Invoice 999999/);
    expect(() => linkDocument(db, key, 'Bill:1', me)).toThrow(/not a QuickBooks document/);
    expect(() => ignoreOrder(db, key, '  ', me)).toThrow(/say why/);
  });
});
