import { describe, expect, it } from 'vitest';
import { Reconcilers } from '../../main/reconcile/reconcilers';
import { reconcileCompany } from '../../main/reconcile/service';
import { storedResult } from '../../main/reconcile/read';
import { changesSince, latestChange } from '../../main/mirror/changes';
import { loadOrder, upsertOrders } from '../../main/mirror/store-orders';
import { writeQboEntities } from '../../main/mirror/qbo/write';
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
    expect(changesSince(db, latestChange(db))).toEqual({ upTo: latestChange(db), orders: [], docs: [], customers: [], items: false });

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
});
