/**
 * Each company's reconcile session, kept between calls so that a sync or a decision re-reconciles
 * only what it touched: milliseconds, where a full run over 100,000 orders takes seconds. What
 * changed comes from the mirror's change log, so writes by other processes are caught up too; a
 * session built with other settings is never reused. Two companies are kept (a bookkeeper
 * switching back and forth); each costs a few kilobytes per order and document. The app keeps
 * them in its reconcile worker (worker/).
 */
import type { CompanyDb } from '../mirror/open';
import { CompanyReconciler } from './incremental';
import type { SavedCounts } from './results';
import type { ReconcileSession } from './session';
import type { ReconcileConfig } from './types';

const KEPT = 2;

/** `company` names a company's file (its realm, or its data folder and realm): sessions are kept by it. */
export class Reconcilers {
  /** Most recently used last. */
  private readonly kept = new Map<string, { session: ReconcileSession; config: string; seq: number }>();

  /** Everything, from the mirror; the session is kept for later refreshes. */
  full(company: string, db: CompanyDb, config: ReconcileConfig): SavedCounts {
    const reconciler = new CompanyReconciler(db, config);
    const counts = reconciler.full();
    this.keep(company, reconciler);
    return counts;
  }

  /**
   * Re-reconciles what changed in the mirror since the last run (and, with `decisions`, what the
   * decisions touch); a full run when no session for these settings is kept.
   */
  refresh(company: string, db: CompanyDb, config: ReconcileConfig, options: { decisions?: boolean } = {}): { full: boolean } {
    const kept = this.kept.get(company);
    if (!kept || kept.config !== JSON.stringify(config)) {
      this.full(company, db, config);
      return { full: true };
    }
    const reconciler = new CompanyReconciler(db, config, kept.session, kept.seq);
    let result: { full: boolean };
    try {
      result = reconciler.catchUp(options);
    } catch (error) {
      // A run that failed part-way may have left the session half old, half new: the next one starts afresh.
      this.forget(company);
      throw error;
    }
    this.keep(company, reconciler);
    return { full: result.full };
  }

  /** Readies the company's kept session for its next refresh (see ReconcileSession.prepareChanges). */
  prepare(company: string): void {
    this.kept.get(company)?.session.prepareChanges();
  }

  forget(company: string): void {
    this.kept.delete(company);
  }

  private keep(company: string, reconciler: CompanyReconciler): void {
    this.kept.delete(company);
    this.kept.set(company, { session: reconciler.session, config: JSON.stringify(reconciler.config), seq: reconciler.seq });
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
  }
}
