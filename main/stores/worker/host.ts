/**
 * Store pulls off the app's thread. Importing a store's history parses and writes tens of
 * thousands of orders; on the app's thread that held every call and window for up to a fifth of
 * a second at a time (bench/benchmarks/shopify-pull.bench.ts). The keychain is read here, the
 * pull runs in a worker thread of its own, its progress comes back as it goes.
 */
import { Worker } from 'node:worker_threads';
import { errorFromInfo } from '../../platform/error-info';
import { workerTarget } from '../../platform/worker-target';
import type { StoreCredentials } from '../credentials';
import { emptySummary, storeCredentials, type PullStoreOptions, type StoreSyncSummary, type SyncStoreOptions } from '../sync-store';
import type { FromStoreWorker, StorePullStart, ToStoreWorker } from './protocol';

/** syncStore(), with the pull in a worker thread. */
export async function syncStoreInWorker({ keychain, ...options }: SyncStoreOptions): Promise<StoreSyncSummary> {
  const read = await storeCredentials(options.store, keychain, options.dataDir);
  return 'summary' in read ? read.summary : pullStoreInWorker(read.credentials, options);
}

/** pullStoreInto() in a worker thread. */
export async function pullStoreInWorker(credentials: StoreCredentials, { signal, onProgress, tuning, ...options }: PullStoreOptions): Promise<StoreSyncSummary> {
  // Stopped before it started (the app is closing): no thread, nothing recorded, as a pull stopped later.
  if (signal?.aborted) return { ...emptySummary(options.store), status: 'stopped' };
  const { now: _clock, ...data } = tuning ?? {};
  const start: StorePullStart = { ...options, credentials, tuning: data };
  const target = workerTarget(new URL('./entry.ts', import.meta.url), 'store-worker');
  const worker = new Worker(target.url, { workerData: { entry: target.entry, start } });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      finish();
    };
    const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies ToStoreWorker);
    signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (message: FromStoreWorker) => {
      if (message.type === 'progress') {
        try {
          onProgress?.(message.progress);
        } catch {
          // A broken listener must not fail the pull (nor, thrown from this event, the app).
        }
      } else if (message.type === 'done') settle(() => resolve(message.summary));
      else settle(() => reject(errorFromInfo(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the store pull stopped (exit code ${code})`))));
  });
}
