/**
 * Messages between the app's thread and the sync worker. The worker does the HTTP and the SQLite
 * writes; the access token and the realm's rate limiter stay in the app's thread (the limiter is
 * shared with everything else that calls QBO for the realm, and tokens come from the keychain).
 */
import type { RetryPolicy } from '../../qbo/backoff';
import type { RequestKind } from '../../qbo/limiter';
import type { SyncSummary } from '../engine';
import type { SyncProgressEvent } from '../progress';

export interface WorkerStart {
  dataDir: string;
  realmId: string;
  apiBase: string;
  full: boolean;
  pageSize?: number;
  concurrency?: number;
  retry?: RetryPolicy;
}

export type ToWorker =
  | { type: 'permit'; id: number }
  | { type: 'permit-failed'; id: number; message: string }
  | { type: 'token'; id: number; token: string }
  | { type: 'token-failed'; id: number; name: string; message: string; offline: boolean }
  | { type: 'cancel'; message: string };

export interface FailureInfo {
  name: string;
  message: string;
  offline: boolean;
  cancelled: boolean;
}

export type FromWorker =
  | { type: 'acquire'; id: number; kind: RequestKind }
  | { type: 'release'; id: number }
  | { type: 'abandon'; id: number }
  | { type: 'token'; id: number; op: 'access' | 'renew'; rejected: string | null }
  | { type: 'progress'; event: SyncProgressEvent }
  | { type: 'done'; summary: SyncSummary }
  | { type: 'failed'; error: FailureInfo };
