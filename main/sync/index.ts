/**
 * The QuickBooks sync engine: what the CLI, the app context and the worker thread use.
 *
 * CLI (one pull in this process):
 *   const { client, meter } = createSyncClient({ apiBase, realmId, tokens: tokenManager, limiter: limiters.forRealm(realmId) });
 *   const summary = await syncCompany({ dataDir, realmId, client, meter, full, signal, onProgress });
 * App (pulls in a worker thread, one at a time per company; CompanySync schedules and calls it):
 *   const coordinator = new SyncCoordinator({ run: ({ realmId, full, signal }) =>
 *     syncInWorker({ dataDir, realmId, apiBase, tokens, limiter: limiters.forRealm(realmId), full, signal,
 *       onProgress: (e) => ctx.events.emit('syncProgress', e) }) });
 *   const summary = await coordinator.sync(realmId, { full });
 * Status (`ledgerbridge status`): mirrorStatus(openCompanyDb(dataDir, realmId)).
 */
export { syncCompany, PAGE_SIZE, type SyncOptions, type SyncSummary, type EntitySummary } from './engine';
export { mirrorStatus, type MirrorStatus, type EntityMirrorStatus } from './status';
export { createSyncClient, newMeter, MeteredLimiter, type RequestMeter, type SyncClientOptions } from './metered';
export { SyncOfflineError, isOffline } from './errors';
export type { SyncProgressEvent, ProgressListener } from './progress';
export type { SyncQboClient } from './context';
export { syncInWorker, type WorkerSyncOptions } from './worker/host';
export { SyncCoordinator, type SyncRunner, type RunRequest, type CompanyRunStatus } from './coordinator';
