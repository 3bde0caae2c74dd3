import { describe, expect, it } from 'vitest';
import { Reconcilers } from '../../main/reconcile/reconcilers';
import { reconcileCompany } from '../../main/reconcile/service';
import { storedResult } from '../../main/reconcile/read';
import { changesSince, latestChange } from '../../main/mirror/changes';
import { loadOrder, upsertOrders } from '../../main/mirror/store-orders';
import { deleteQboEntities, writeQboEntities } from '../../main/mirror/qbo/write';
import { STORE_ID } from './helpers/seeded-mirror';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';
import { expectSameAsFullReconcile, writeSync } from './helpers/stored';

const demo = useDemo();
const REALM = 'realm-1';

describe('catching up with the mirror after a sync', () => {
  it('re-reconciles only what the writers logged, and stores what a full reconcile would', () => {
    const { db } = demo.mirror();
    const reconcilers = new Reconcilers();
    reconcilers.full(REALM, db, CONFIG);
    // A full run prunes the log to its newest row and remembers how far it got.
    expect(db.prepare('SELECT count(*) FROM mirror_changes').pluck().get()).toBeLessThanOrEqual(1);
    expect(db.prepare('SELECT up_to FROM mirror_changes_pruned').pluck().get()).toBe(latestChange(db));

    const sync = writeSync(db, demo);

    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: false });
    expect(storedResult(db, sync.edited)!.status).toBe('differs');
    expect(storedResult(db, sync.gone)).toBeNull();
    expect(storedResult(db, sync.paid)!.status).toBe('in_sync');
    expect(storedResult(db, sync.refundGone)!.status).toBe('refund_missing');
    expectSameAsFullReconcile(db);
    // The log is pruned to its newest row once reconciled.
    expect(db.prepare('SELECT count(*) FROM mirror_changes').pluck().get()).toBe(1);
  });

  it('reconciles from scratch when another process pruned the log past the session, or an item changed', () => {
    const { db } = demo.mirror();
    const reconcilers = new Reconcilers();
    reconcilers.full(REALM, db, CONFIG);
    const edited = demo.order('receipt_stamped');
    const order = loadOrder(db, STORE_ID, edited.expected.orderId)!;
    upsertOrders(db, STORE_ID, [{ ...order, total: order.total + 100, updatedAt: '2026-11-21T00:00:00.000Z' }]);
    // The CLI (another process) reconciles fully and prunes the log.
    reconcileCompany(db, CONFIG);
    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: true });
    expect(storedResult(db, edited.key)!.status).toBe('differs');

    const item = db.prepare('SELECT raw FROM qbo_items LIMIT 1').pluck().get() as string;
    writeQboEntities(db, 'Item', [{ ...JSON.parse(item), SyncToken: '9' }]);
    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: true });
    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: false });
    expectSameAsFullReconcile(db);
  });

  it('follows a customer edited and one deleted in QuickBooks (reading only those customers)', () => {
    const { db } = demo.mirror();
    const reconcilers = new Reconcilers();
    reconcilers.full(REALM, db, CONFIG);
    const stamped = demo.order('receipt_stamped');
    const doc = stamped.expected.qboDocs[0]!;
    const customerId = db.prepare('SELECT customer_id FROM qbo_sales_txns WHERE type = ? AND id = ?').pluck().get(doc.type, doc.id) as string;
    const raw = JSON.parse(db.prepare('SELECT raw FROM qbo_customers WHERE id = ?').pluck().get(customerId) as string);
    expect(storedResult(db, stamped.key)!.status).toBe('in_sync');

    writeQboEntities(db, 'Customer', [{ ...raw, PrimaryEmailAddr: { Address: 'someone.else@example.com' }, SyncToken: '7' }]);
    expect(changesSince(db, latestChange(db) - 1)!.customers).toEqual([customerId]);
    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: false });
    expect(storedResult(db, stamped.key)!.diffs.map((d) => d.field)).toContain('customer');
    expectSameAsFullReconcile(db);

    deleteQboEntities(db, 'Customer', [customerId]);
    expect(reconcilers.refresh(REALM, db, CONFIG)).toEqual({ full: false });
    expectSameAsFullReconcile(db);
  });
});
