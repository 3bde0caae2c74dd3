import type { ReconcileConfig } from '../../../main/reconcile/types';

/** The seed keeps its books in Chicago time; thresholds are the settings' defaults. */
export const CONFIG: ReconcileConfig = {
  matching: { autoLinkThreshold: 0.9, reviewThreshold: 0.5, roundingToleranceMinor: 1 },
  timeZone: 'America/Chicago',
};
