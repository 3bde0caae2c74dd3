/**
 * The app reconciles in a worker thread (main/reconcile/worker): a full run the first time, then
 * incremental runs from the sessions the worker keeps, each storing exactly what a full reconcile
 * of the same mirror stores; failures come back as errors, and a stopped worker starts afresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ignoreOrder } from '../../main/reconcile/decisions';
import { storedResult } from '../../main/reconcile/read';
import { ReconcileWorker } from '../../main/reconcile/worker/host';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';
import { REALM } from './helpers/seeded-mirror';
import { expectSameAsFullReconcile, writeSync } from './helpers/stored';

const demo = useDemo();
let worker: ReconcileWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

describe('reconciling in the worker thread', () => {
  it('runs fully once, then follows syncs and decisions, storing what a full reconcile would', async () => {
    const mirror = demo.mirror();
    worker = new ReconcileWorker();
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG)).toEqual({ full: true });
    expectSameAsFullReconcile(mirror.db);

    const written = writeSync(mirror.db, demo);
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG)).toEqual({ full: false });
    expect(storedResult(mirror.db, written.gone)).toBeNull();
    expectSameAsFullReconcile(mirror.db);

    const test = demo.order('missing_test');
    ignoreOrder(mirror.db, test.key, 'test order', { by: 't' });
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG, { decisions: true })).toEqual({ full: false });
    expect(storedResult(mirror.db, test.key)!.status).toBe('ignored');
    expectSameAsFullReconcile(mirror.db);
  });

  it('answers requests in order, and reports a failure as an error without losing the worker', async () => {
    const mirror = demo.mirror();
    worker = new ReconcileWorker();
    const runs = await Promise.all([worker.refresh(mirror.dataDir, REALM, CONFIG), worker.refresh(mirror.dataDir, REALM, CONFIG)]);
    expect(runs).toEqual([{ full: true }, { full: false }]);
    await expect(worker.refresh(mirror.dataDir, REALM, { ...CONFIG, timeZone: 'Not/AZone' })).rejects.toThrow(/time ?zone|Not\/AZone/i);
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG)).toEqual({ full: false });
  });

  it('starts afresh (a full run) after it was stopped', async () => {
    const mirror = demo.mirror();
    worker = new ReconcileWorker();
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG)).toEqual({ full: true });
    await worker.close();
    expect(await worker.refresh(mirror.dataDir, REALM, CONFIG)).toEqual({ full: true });
    expectSameAsFullReconcile(mirror.db);
  });
});
