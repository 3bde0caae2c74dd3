/**
 * Each company's reconcile session, kept between calls so that a sync or a decision re-reconciles
 * only what it touched: milliseconds, where a full run over 100,000 orders takes seconds. What
 * changed comes from the mirror's change log, so writes by other processes are caught up too; a
 * session built with other settings is never reused. Two companies are kept (a bookkeeper
 * switching back and forth); each costs a few kilobytes per order and document.
 */
import type { CompanyDb } from '../mirror/open';
import { CompanyReconciler } from './incremental';
import type { SavedCounts } from './results';
import type { ReconcileSession } from './session';
import type { ReconcileConfig } from './types';

const KEPT = 2;

export class Reconcilers {
  /** Most recently used last. */
  private readonly kept = new Map<string, { session: ReconcileSession; config: string; seq: number }>();

  /** Everything, from the mirror; the session is kept for later refreshes. */
  full(realmId: string, db: CompanyDb, config: ReconcileConfig): SavedCounts {
    const reconciler = new CompanyReconciler(db, config);
    const counts = reconciler.full();
    this.keep(realmId, reconciler);
    return counts;
  }

  /**
   * Re-reconciles what changed in the mirror since the last run (and, with `decisions`, what the
   * decisions touch); a full run when no session for these settings is kept.
   */
  refresh(realmId: string, db: CompanyDb, config: ReconcileConfig, options: { decisions?: boolean } = {}): { full: boolean } {
    const kept = this.kept.get(realmId);
    if (!kept || kept.config !== JSON.stringify(config)) {
      this.full(realmId, db, config);
      return { full: true };
    }
    const reconciler = new CompanyReconciler(db, config, kept.session, kept.seq);
    const result = reconciler.catchUp(options);
    this.keep(realmId, reconciler);
    return { full: result.full };
  }

  forget(realmId: string): void {
    this.kept.delete(realmId);
  }

  private keep(realmId: string, reconciler: CompanyReconciler): void {
    this.kept.delete(realmId);
    this.kept.set(realmId, { session: reconciler.session, config: JSON.stringify(reconciler.config), seq: reconciler.seq });
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
  }
}

const byOwner = new WeakMap<object, Reconcilers>();

/** The reconcilers of one running app (its context is the owner), created on first use. */
export function reconcilersOf(owner: object): Reconcilers {
  let found = byOwner.get(owner);
  if (!found) byOwner.set(owner, (found = new Reconcilers()));
  return found;
}
