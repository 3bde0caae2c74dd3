/**
 * Each company's reconcile session, kept between calls so that a decision re-reconciles only what
 * it touches: milliseconds, where a full run over 100,000 orders takes seconds. A session is
 * trusted only while nothing but this process changes the mirror: a sync here replaces it with a
 * full run, and a session built with other settings is never reused. Two companies are kept (a
 * bookkeeper switching back and forth); each costs a few hundred bytes per order and document.
 */
import type { CompanyDb } from '../mirror/open';
import { CompanyReconciler, type ChangedKeys } from './incremental';
import type { SavedCounts } from './results';
import type { ReconcileSession } from './session';
import type { ReconcileConfig } from './types';

const KEPT = 2;

export class Reconcilers {
  /** Most recently used last. */
  private readonly kept = new Map<string, { session: ReconcileSession; config: string }>();

  /** Everything, from the mirror; the session is kept for later refreshes. */
  full(realmId: string, db: CompanyDb, config: ReconcileConfig): SavedCounts {
    const reconciler = new CompanyReconciler(db, config);
    const counts = reconciler.full();
    this.keep(realmId, reconciler.session, config);
    return counts;
  }

  /** Re-reconciles what `keys` name; a full run when no session for these settings is kept. */
  refresh(realmId: string, db: CompanyDb, config: ReconcileConfig, keys: ChangedKeys): { full: boolean } {
    const kept = this.kept.get(realmId);
    if (!kept || kept.config !== JSON.stringify(config)) {
      this.full(realmId, db, config);
      return { full: true };
    }
    const result = new CompanyReconciler(db, config, kept.session).refresh(keys);
    this.keep(realmId, kept.session, config);
    return { full: result.full };
  }

  forget(realmId: string): void {
    this.kept.delete(realmId);
  }

  private keep(realmId: string, session: ReconcileSession, config: ReconcileConfig): void {
    this.kept.delete(realmId);
    this.kept.set(realmId, { session, config: JSON.stringify(config) });
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
