/**
 * Reconciling a company end to end: read the mirror, compute, store the verdicts for the read
 * side. Settings supply the matching thresholds and the books' time zone.
 */
import type { CompanyDb } from '../mirror/open';
import type { Settings } from '../settings/schema';
import { CompanyReconciler } from './incremental';
import type { SavedCounts } from './results';
import type { ReconcileConfig } from './types';

/**
 * QuickBooks does not report its company's time zone through the API; the books are kept where
 * the business is, which is where its store says it is. A store without a zone leaves UTC.
 */
export function configFromSettings(settings: Settings, realmId: string): ReconcileConfig {
  const store = settings.stores.find((s) => s.realmId === realmId && s.timeZone && isZone(s.timeZone));
  return { matching: settings.matching, timeZone: store?.timeZone ?? 'UTC' };
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A full reconcile from the mirror, every verdict stored for the read side. */
export function reconcileCompany(db: CompanyDb, config: ReconcileConfig): SavedCounts {
  return new CompanyReconciler(db, config).full();
}
