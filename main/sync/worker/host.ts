/**
 * Runs a pull in a worker thread so JSON parsing, projection and SQLite writes never hold the
 * app's event loop. The app thread keeps the realm limiter and the token source and answers the
 * worker's requests for them.
 */
import { Worker } from 'node:worker_threads';
import { errorFromInfo, errorInfo } from '../../platform/error-info';
import { workerTarget } from '../../platform/worker-target';
import type { RetryPolicy } from '../../qbo/backoff';
import type { Permit, RealmLimiter } from '../../qbo/limiter';
import type { AccessTokenSource } from '../../qbo/transport';
import type { SyncSummary } from '../engine';
import { isOffline, SyncOfflineError } from '../errors';
import type { ProgressListener } from '../progress';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

export interface WorkerSyncOptions {
  dataDir: string;
  realmId: string;
  apiBase: string;
  tokens: AccessTokenSource;
  /** The realm's limiter in this thread, shared with every other QBO caller. */
  limiter: RealmLimiter;
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  pageSize?: number;
  concurrency?: number;
  retry?: RetryPolicy;
}

export function syncInWorker(options: WorkerSyncOptions): Promise<SyncSummary> {
  const start: WorkerStart = {
    dataDir: options.dataDir,
    realmId: options.realmId,
    apiBase: options.apiBase,
    full: options.full ?? false,
    pageSize: options.pageSize,
    concurrency: options.concurrency,
    retry: options.retry,
  };
  const target = workerTarget(new URL('./entry.ts', import.meta.url), 'sync-worker');
  const worker = new Worker(target.url, { workerData: { start, entry: target.entry } });
  const permits = new Map<number, Permit>();
  const waiting = new Map<number, AbortController>();
  const post = (message: ToWorker) => worker.postMessage(message);

  return new Promise<SyncSummary>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const c of waiting.values()) c.abort();
      for (const p of permits.values()) p.release();
      permits.clear();
      fn();
    };
    const onAbort = () => post({ type: 'cancel', message: String((options.signal?.reason as Error | undefined)?.message ?? 'cancelled') });
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'acquire': {
          const controller = new AbortController();
          waiting.set(message.id, controller);
          options.limiter.acquire(message.kind, controller.signal).then(
            (permit) => {
              waiting.delete(message.id);
              permits.set(message.id, permit);
              post({ type: 'permit', id: message.id });
            },
            (error: unknown) => {
              waiting.delete(message.id);
              if (!controller.signal.aborted) post({ type: 'permit-failed', id: message.id, message: String(error) });
            },
          );
          return;
        }
        case 'release':
        case 'abandon': {
          waiting.get(message.id)?.abort();
          waiting.delete(message.id);
          permits.get(message.id)?.release();
          permits.delete(message.id);
          return;
        }
        case 'token': {
          const ask = message.op === 'access' ? options.tokens.accessToken() : options.tokens.renewAfterRejection(message.rejected ?? '');
          ask.then(
            (token) => post({ type: 'token', id: message.id, token }),
            (error: unknown) =>
              post({
                type: 'token-failed',
                id: message.id,
                ...errorInfo(error),
                // The error's class does not cross to the worker: say here whether it means offline.
                offline: isOffline(error),
              }),
          );
          return;
        }
        case 'progress':
          try {
            options.onProgress?.(message.event);
          } catch {
            // A broken listener must not fail the pull.
          }
          return;
        case 'done':
          finish(() => resolve(message.summary));
          return;
        case 'failed': {
          const info = message.error;
          finish(() => {
            if (info.cancelled && options.signal?.aborted) reject(options.signal.reason);
            else if (info.offline) reject(new SyncOfflineError(options.realmId, new Error(info.message)));
            else reject(errorFromInfo(info));
          });
          return;
        }
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the sync worker stopped (exit code ${code}) before reporting`))));
  });
}
