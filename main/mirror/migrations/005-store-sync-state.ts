import type { Migration } from '../migrate';

/** Per store connection: when it was last pulled, last pulled successfully, and the last error. */
export const storeSyncState005: Migration = {
  version: 5,
  name: 'store-sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE store_sync_state (
        store_id TEXT PRIMARY KEY,
        last_attempt_at TEXT NOT NULL,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) STRICT;
    `);
  },
};
