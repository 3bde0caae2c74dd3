import type { Migration } from '../migrate';

/**
 * The stored verdicts say which version of their encoding they are (reconcile/verdict-store.ts):
 * a full run replaces verdicts of another version wholesale — one refill of the tables — instead
 * of comparing digests that all differ and rewriting 100,000 rows one by one in place. Verdicts
 * stored before have none, and are replaced once.
 */
export const verdictVersion010: Migration = {
  version: 10,
  name: 'verdict-version',
  up(db) {
    db.exec('ALTER TABLE reconcile_state ADD COLUMN verdict_version INTEGER;');
  },
};
