/**
 * The QuickBooks sync engine: what the CLI, the app context and the worker thread use.
 *
 * CLI (one pull in this process):
 *   const { client, meter } = createSyncClient({ apiBase, realmId, tokens: tokenManager, limiter: limiters.forRealm(realmId) });
 *   const summary = await syncCompany({ dataDir, realmId, client, meter, full, signal, onProgress });
 * App (pulls in a worker thread; CompanySync runs one sync per company at a time and schedules them):
 *   const summary = await syncInWorker({ dataDir, realmId, apiBase, tokens, limiter: limiters.forRealm(realmId), full, signal,
 *     onProgress: (e) => ctx.events.emit('syncProgress', e) });
 * Status (`ledgerbridge status`): mirrorStatus(openCompanyDb(dataDir, realmId)).
 */
export { syncCompany, PAGE_SIZE, type SyncOptions, type SyncSummary, type EntitySummary } from './engine';
export { mirrorStatus, type MirrorStatus, type EntityMirrorStatus } from './status';
export { createSyncClient, newMeter, MeteredLimiter, type RequestMeter, type SyncClientOptions } from './metered';
export { SyncOfflineError, isOffline } from './errors';
export type { SyncProgressEvent, ProgressListener } from './progress';
export type { SyncQboClient } from './context';
export { syncInWorker, type WorkerSyncOptions } from './worker/host';
