/**
 * One full reconcile of the mirror in `argv[2]`, alone in a fresh process as when the app opens a
 * company, printed as one JSON line. reconcile.bench.ts bundles it like the app's build, so the
 * figures are the shipped code's (no tsx loader here or in the reader thread, which comes from
 * the built app in out/main/). As in the app's reconcile worker, the write-ahead log is copied
 * into the file after the run, not inside its commit; that copy is timed apart.
 */
import { openCompanyDb } from '../main/mirror/open';
import { CompanyReconciler } from '../main/reconcile/incremental';
import type { ReconcileConfig } from '../main/reconcile/types';

const [dir, realmId, config] = process.argv.slice(2) as [string, string, string];
const db = openCompanyDb(dir, realmId);
db.pragma('wal_autocheckpoint = 0');
const rssBefore = process.memoryUsage.rss();
const cpu = process.cpuUsage();
const started = performance.now();
const { written } = new CompanyReconciler(db, JSON.parse(config) as ReconcileConfig).full();
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const checkpointStarted = performance.now();
db.pragma('wal_checkpoint(PASSIVE)');
const checkpointSeconds = (performance.now() - checkpointStarted) / 1000;
db.close();
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6, checkpointSeconds, peakRssMB: process.resourceUsage().maxRSS / 1024, rssBeforeMB: rssBefore / 2 ** 20, written }) + '\n');
