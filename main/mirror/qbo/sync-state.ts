/**
 * Reads and writes the QBO sync bookkeeping of migration 003. Page markers are written inside the
 * transaction that writes the page's rows, so "page done" and "rows in the mirror" can never
 * disagree, whatever moment the process dies at.
 */
import type { CompanyDb } from '../open';

export type SyncPhase = 'full' | 'incremental';

export interface EntitySyncState {
  entity: string;
  phase: SyncPhase;
  /** QBO's time when the running full pull began: what the catch-up after it starts from. */
  fullStartedAt: string | null;
  /** count(*) when the running full pull began. */
  fullTotal: number | null;
  pageSize: number | null;
  /** QBO's time up to which changes are in the mirror (incremental phase). */
  cursor: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** QBO's count(*) at the last check. */
  remoteCount: number | null;
  updatedAt: string;
}

interface StateRow {
  entity: string;
  phase: SyncPhase;
  full_started_at: string | null;
  full_total: number | null;
  page_size: number | null;
  cursor: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  remote_count: number | null;
  updated_at: string;
}

function fromRow(r: StateRow): EntitySyncState {
  return {
    entity: r.entity,
    phase: r.phase,
    fullStartedAt: r.full_started_at,
    fullTotal: r.full_total,
    pageSize: r.page_size,
    cursor: r.cursor,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    remoteCount: r.remote_count,
    updatedAt: r.updated_at,
  };
}

export function syncState(db: CompanyDb, entity: string): EntitySyncState | null {
  const row = db.prepare('SELECT * FROM qbo_sync_state WHERE entity = ?').get(entity) as StateRow | undefined;
  return row ? fromRow(row) : null;
}


/** Begins (or restarts) a full pull; forgets pages of an earlier attempt. Keeps last success/error. */
export function beginFullPull(db: CompanyDb, entity: string, plan: { startedAt: string; total: number | null; pageSize: number; at: string }): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO qbo_sync_state (entity, phase, full_started_at, full_total, page_size, cursor, updated_at)
       VALUES (?, 'full', ?, ?, ?, NULL, ?)
       ON CONFLICT (entity) DO UPDATE SET phase = 'full', full_started_at = excluded.full_started_at, full_total = excluded.full_total,
         page_size = excluded.page_size, cursor = NULL, updated_at = excluded.updated_at`,
    ).run(entity, plan.startedAt, plan.total, plan.pageSize, plan.at);
    db.prepare('DELETE FROM qbo_sync_pages WHERE entity = ?').run(entity);
  })();
}

/** The running full pull's planned total, learnt once its first page came back full. */
export function setFullTotal(db: CompanyDb, entity: string, total: number, at: string): void {
  db.prepare("UPDATE qbo_sync_state SET full_total = ?, updated_at = ? WHERE entity = ? AND phase = 'full'").run(total, at, entity);
}

/** Marks one page of the running full pull as written; call inside the page's transaction. */
export function recordPage(db: CompanyDb, entity: string, pageNo: number, rows: number): void {
  db.prepare('INSERT OR REPLACE INTO qbo_sync_pages (entity, page_no, rows) VALUES (?, ?, ?)').run(entity, pageNo, rows);
}

/** Pages of the running full pull already in the mirror: page number → rows it held. */
export function donePages(db: CompanyDb, entity: string): Map<number, number> {
  const rows = db.prepare('SELECT page_no, rows FROM qbo_sync_pages WHERE entity = ?').all(entity) as { page_no: number; rows: number }[];
  return new Map(rows.map((r) => [r.page_no, r.rows]));
}

/** The mirror holds every change up to `cursor` (QBO time): incremental from now on. */
export function advanceCursor(db: CompanyDb, entity: string, cursor: string, info: { at: string; remoteCount?: number | null }): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO qbo_sync_state (entity, phase, cursor, last_success_at, last_error, last_error_at, remote_count, updated_at)
       VALUES (?, 'incremental', ?, ?, NULL, NULL, ?, ?)
       ON CONFLICT (entity) DO UPDATE SET phase = 'incremental', full_started_at = NULL, full_total = NULL, page_size = NULL,
         cursor = excluded.cursor, last_success_at = excluded.last_success_at, last_error = NULL, last_error_at = NULL,
         remote_count = coalesce(excluded.remote_count, remote_count), updated_at = excluded.updated_at`,
    ).run(entity, cursor, info.at, info.remoteCount ?? null, info.at);
    db.prepare('DELETE FROM qbo_sync_pages WHERE entity = ?').run(entity);
  })();
}

/** Drops an entity's sync position so the next pull of it is a full one. */
export function forgetSyncState(db: CompanyDb, entity: string): void {
  db.prepare('DELETE FROM qbo_sync_state WHERE entity = ?').run(entity);
}


export interface CompanySyncStatus {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  offline: boolean;
}

export function companySyncStatus(db: CompanyDb): CompanySyncStatus {
  const row = db.prepare('SELECT * FROM qbo_sync_company WHERE key = 1').get() as
    | { last_attempt_at: string | null; last_success_at: string | null; last_error: string | null; last_error_at: string | null; offline: number }
    | undefined;
  return {
    lastAttemptAt: row?.last_attempt_at ?? null,
    lastSuccessAt: row?.last_success_at ?? null,
    lastError: row?.last_error ?? null,
    lastErrorAt: row?.last_error_at ?? null,
    offline: row?.offline === 1,
  };
}

export function recordCompanyOutcome(
  db: CompanyDb,
  outcome: { at: string; ok: true } | { at: string; ok: false; error: string; offline: boolean },
): void {
  db.prepare('INSERT OR IGNORE INTO qbo_sync_company (key) VALUES (1)').run();
  if (outcome.ok) {
    db.prepare('UPDATE qbo_sync_company SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, last_error_at = NULL, offline = 0 WHERE key = 1').run(
      outcome.at,
      outcome.at,
    );
  } else {
    db.prepare('UPDATE qbo_sync_company SET last_attempt_at = ?, last_error = ?, last_error_at = ?, offline = ? WHERE key = 1').run(
      outcome.at,
      outcome.error,
      outcome.at,
      outcome.offline ? 1 : 0,
    );
  }
}
