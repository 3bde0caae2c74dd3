/** The last pull of each store connection, for `status` and the UI: success time and last error. */
import type { CompanyDb } from './open';

export interface StoreSyncState {
  lastAttemptAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export function recordStoreSync(db: CompanyDb, storeId: string, outcome: { ok: true } | { ok: false; error: string }, at = new Date().toISOString()): void {
  if (outcome.ok) {
    db.prepare(`INSERT INTO store_sync_state (store_id, last_attempt_at, last_success_at) VALUES (?, ?, ?)
      ON CONFLICT (store_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
        last_error = NULL, last_error_at = NULL`).run(storeId, at, at);
  } else {
    db.prepare(`INSERT INTO store_sync_state (store_id, last_attempt_at, last_error, last_error_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (store_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,
        last_error_at = excluded.last_error_at`).run(storeId, at, outcome.error, at);
  }
}

export function readStoreSync(db: CompanyDb, storeId: string): StoreSyncState | null {
  const row = db.prepare('SELECT last_attempt_at, last_success_at, last_error, last_error_at FROM store_sync_state WHERE store_id = ?').get(storeId) as
    | { last_attempt_at: string; last_success_at: string | null; last_error: string | null; last_error_at: string | null }
    | undefined;
  return row ? { lastAttemptAt: row.last_attempt_at, lastSuccessAt: row.last_success_at, lastError: row.last_error, lastErrorAt: row.last_error_at } : null;
}
