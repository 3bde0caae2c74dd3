/**
 * The app's way of reconciling a company, run as the app ships it (bundled by reconcile.bench.ts,
 * the reconcile worker and its threads from the app's build, no tsx): the full run in the
 * reconcile worker while this thread's event loop is watched (verdicts already stored, as when the
 * app opens the company), then catching up after syncs that each changed 100 orders, in the worker
 * and called directly. Like the worker, the direct catch-ups copy the write-ahead log into the file
 * after answering, not inside their commit. Printed as one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCompanyDb } from '../main/mirror/open';
import { loadOrder, upsertOrders } from '../main/mirror/store-orders';
import { CompanyReconciler } from '../main/reconcile/incremental';
import type { ReconcileConfig } from '../main/reconcile/types';
import { ReconcileWorker } from '../main/reconcile/worker/host';
import { median, timeIt, timeItAsync } from './measure';

const [dir, realmId, configJson, storeId] = process.argv.slice(2) as [string, string, string, string];
const config = JSON.parse(configJson) as ReconcileConfig;
const db = openCompanyDb(dir, realmId);

// The worker is started first on an empty company, so the figure is the run, not the start-up.
const worker = new ReconcileWorker();
const warmDir = mkdtempSync(join(tmpdir(), 'lb-reconcile-bench-warm-'));
await worker.refresh(warmDir, '1', config);
rmSync(warmDir, { recursive: true, force: true });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const fullInWorkerSeconds = await timeItAsync(async () => { await worker.refresh(dir, realmId, config); });
delay.disable();

const ids = (db.prepare('SELECT source_id FROM store_orders WHERE store_id = ? ORDER BY id').all(storeId) as Array<{ source_id: string }>).map((r) => r.source_id);
/** What a store pull changing 100 orders writes (not timed). */
const editHundred = (round: number): void => {
  const edited = [];
  for (let k = 0; k < 100; k++) {
    const o = loadOrder(db, storeId, ids[(round * 7919 + k * 997) % ids.length]!)!;
    edited.push({ ...o, total: o.total + 100 + round, updatedAt: new Date(Date.parse(o.updatedAt) + 60_000 * (round + 1)).toISOString() });
  }
  upsertOrders(db, storeId, edited);
};

// The app's catch-up: message, the worker's own connection, re-reconcile, store, answer. The
// first sync after the company opens comes a pull's time later (seconds against the real APIs;
// two here), which the worker spends copying the log into the file and readying its session for
// catch-ups (~1 s together; a catch-up sent at once waits for them: ~0.6 s).
await new Promise((resolve) => setTimeout(resolve, 2_000));
const inWorker: number[] = [];
for (let round = 10; round < 15; round++) {
  // Syncs are a pull apart (half a second here), as in the app: after answering, the worker copies
  // the log into the file; back to back, each round waited for the last one's copy (~30 ms).
  if (round > 10) await new Promise((resolve) => setTimeout(resolve, 500));
  editHundred(round);
  inWorker.push(await timeItAsync(async () => {
    if ((await worker.refresh(dir, realmId, config)).full) throw new Error('the worker fell back to a full run');
  }));
}
await worker.close();

// Called directly, on this thread.
db.pragma('wal_autocheckpoint = 0');
const reconciler = new CompanyReconciler(db, config);
reconciler.full();
db.pragma('wal_checkpoint(PASSIVE)');
const direct: number[] = [];
const directCpu: number[] = [];
let recomputed = 0;
for (let round = 0; round < 5; round++) {
  editHundred(round);
  db.pragma('wal_checkpoint(PASSIVE)');
  const cpu = process.cpuUsage();
  direct.push(timeIt(() => {
    const r = reconciler.catchUp();
    if (r.full) throw new Error('catching up fell back to a full run');
    recomputed = r.recomputed;
  }));
  const used = process.cpuUsage(cpu);
  directCpu.push((used.user + used.system) / 1e6);
  db.pragma('wal_checkpoint(PASSIVE)');
}
db.close();
process.stdout.write(JSON.stringify({
  fullInWorkerSeconds, appThreadMaxStallMs: delay.max / 1e6, catchUpInWorkerSeconds: median(inWorker), firstCatchUpInWorkerSeconds: inWorker[0], catchUpSeconds: median(direct),
  catchUpCpuSeconds: median(directCpu), recomputed,
}) + '\n');
