/**
 * Between the app's thread and a store-pull worker. The credentials travel in the start data:
 * they were read from the keychain on the app's thread, and stay in this process's memory.
 */
import type { ErrorInfo } from '../../platform/error-info';
import type { StoreSetting } from '../../settings/schema';
import type { PullProgress } from '../connector';
import type { StoreCredentials } from '../credentials';
import type { ConnectorTuning } from '../kinds';
import type { StoreSyncSummary } from '../sync-store';

export interface StorePullStart {
  store: StoreSetting;
  dataDir: string;
  credentials: StoreCredentials;
  /** Without its clock: a function does not cross threads. */
  tuning: Omit<ConnectorTuning, 'now'>;
}

export type ToStoreWorker = { type: 'cancel' };

export type FromStoreWorker =
  | { type: 'progress'; progress: PullProgress }
  | { type: 'done'; summary: StoreSyncSummary }
  | { type: 'failed'; error: ErrorInfo };
