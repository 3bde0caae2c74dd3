import type { Migration } from '../migrate';

/**
 * Each stored verdict keeps a digest of what was written for it (its list row and its verdict),
 * so a full run — every time the app opens a company — rewrites only the verdicts that changed
 * instead of all of them and the list's seven indexes (reconcile/results.ts). Rows written before
 * have none and are rewritten once.
 */
export const reconcileDigest009: Migration = {
  version: 9,
  name: 'reconcile-digest',
  up(db) {
    db.exec('ALTER TABLE reconcile_orders ADD COLUMN digest INTEGER;');
  },
};
