import { describe, expect, it } from 'vitest';
import { CompanyReconciler } from '../../main/reconcile/incremental';
import { ignoreOrder } from '../../main/reconcile/decisions';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';
import { expectSameAsFullReconcile, writeSync } from './helpers/stored';

const demo = useDemo();

describe('CompanyReconciler.refresh after a sync', () => {
  it('stores exactly what a full reconcile stores, re-reading only the rows the sync wrote', () => {
    const { db } = demo.mirror();
    const reconciler = new CompanyReconciler(db, CONFIG);
    reconciler.full();

    // A sync, and a decision.
    const sync = writeSync(db, demo);
    ignoreOrder(db, demo.order('missing_test').key, 'test order', { by: 't' });

    const result = reconciler.refresh({ orders: sync.orders, docs: sync.docs, decisions: true });
    expect(result.full).toBe(false);
    expect(result.removed).toEqual([sync.gone]);
    const statuses = new Map(result.recomputed.map((r) => [r.key, r.status]));
    expect(statuses.get(sync.edited)).toBe('differs');
    expect(statuses.get(sync.paid)).toBe('in_sync');
    expect(statuses.get(sync.refundGone)).toBe('refund_missing');
    expect(statuses.get(demo.order('missing_test').key)).toBe('ignored');

    expectSameAsFullReconcile(db);
  });
});
