/** Messages between the app thread and the reconcile worker (structured-cloned, so plain data only). */
import type { ErrorInfo } from '../../platform/error-info';
import type { ReconcileConfig } from '../types';

export interface RefreshRequest {
  type: 'refresh';
  id: number;
  dataDir: string;
  realmId: string;
  config: ReconcileConfig;
  /** The bookkeeper made or undid a decision: re-reconcile what it touches too. */
  decisions: boolean;
}

export type ToReconcileWorker = RefreshRequest;

export type FromReconcileWorker =
  | { type: 'done'; id: number; full: boolean }
  | { type: 'failed'; id: number; error: ErrorInfo };
