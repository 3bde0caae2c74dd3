import type { Migration } from '../migrate';

/**
 * Where each QuickBooks pull stands, so a pull cancelled or killed at any moment continues where
 * it stopped. Per entity: the full pull in progress (its start instant on QBO's clock, the total
 * it expects, and which pages are already in the mirror, each recorded in the same transaction as
 * the page's rows), the CDC cursor of the incremental pulls, and the last success / error.
 * Per company: the last complete sync and whether QuickBooks was reachable.
 */
export const qboSyncState003: Migration = {
  version: 3,
  name: 'qbo-sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE qbo_sync_state (
        entity TEXT PRIMARY KEY,
        phase TEXT NOT NULL CHECK (phase IN ('full', 'incremental')),
        full_started_at TEXT,
        full_total INTEGER,
        page_size INTEGER,
        cursor TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        remote_count INTEGER,
        updated_at TEXT NOT NULL,
        CHECK (phase = 'incremental' OR (full_started_at IS NOT NULL AND page_size IS NOT NULL)),
        CHECK (phase = 'full' OR cursor IS NOT NULL)
      ) STRICT;

      CREATE TABLE qbo_sync_pages (
        entity TEXT NOT NULL REFERENCES qbo_sync_state (entity) ON DELETE CASCADE,
        page_no INTEGER NOT NULL CHECK (page_no >= 0),
        rows INTEGER NOT NULL,
        PRIMARY KEY (entity, page_no)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE qbo_sync_company (
        key INTEGER PRIMARY KEY CHECK (key = 1),
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1))
      ) STRICT;
    `);
  },
};
