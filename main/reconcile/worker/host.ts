/**
 * Reconciling off the app's thread. A full run over 100,000 orders takes seconds (the first one
 * after the app starts, or after a full pull); on the app's thread every call and every window
 * would wait for it. One long-lived worker keeps the sessions (so later runs are incremental) and
 * takes requests in order; the app thread keeps reading the stored verdicts meanwhile (WAL).
 */
import { Worker } from 'node:worker_threads';
import { errorFromInfo } from '../../platform/error-info';
import { workerTarget } from '../../platform/worker-target';
import type { ReconcileConfig } from '../types';
import type { FromReconcileWorker, ToReconcileWorker } from './protocol';

interface Pending {
  resolve: (result: { full: boolean }) => void;
  reject: (error: Error) => void;
}

export class ReconcileWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /**
   * Re-reconciles what changed in the company's mirror since the worker last looked (a full run
   * the first time); with `decisions`, what the bookkeeper's decisions touch too. Resolves once the
   * verdicts are stored.
   */
  refresh(dataDir: string, realmId: string, config: ReconcileConfig, options: { decisions?: boolean } = {}): Promise<{ full: boolean }> {
    const id = this.nextId++;
    const request: ToReconcileWorker = { type: 'refresh', id, dataDir, realmId, config, decisions: options.decisions === true };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const worker = this.start();
      // Held open only while it has work: an idle worker never keeps the app (or a test) alive.
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** Stops the worker; anything still waiting fails. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('the reconcile worker was stopped'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const target = workerTarget(new URL('./entry.ts', import.meta.url), 'reconcile-worker');
    const worker = new Worker(target.url, { workerData: { entry: target.entry } });
    worker.on('message', (message: FromReconcileWorker) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.type === 'done') waiting.resolve({ full: message.full });
      else waiting.reject(errorFromInfo(message.error));
    });
    // A worker that dies takes its sessions with it; the next request starts a fresh one (a full run).
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the reconcile worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

let shared: ReconcileWorker | null = null;

/**
 * The process's reconcile worker, started on first use. One per process, not per app context:
 * its sessions are kept per company file (data folder and realm), and each worker holds a copy of
 * the engine's code and its sessions.
 */
export function reconcileWorker(): ReconcileWorker {
  return (shared ??= new ReconcileWorker());
}
