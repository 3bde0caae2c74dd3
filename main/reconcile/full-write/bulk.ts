/**
 * Storing every verdict of a full run into emptied tables: rows appended with ids in the order
 * they come, the list's indexes dropped first and built once at the end (sorting 100,000 keys
 * once is a quarter of keeping seven indexes up to date row by row). Used on the caller's
 * connection, or on the writer thread's (writer.ts) for a big company; either way inside the
 * caller's write transaction.
 */
import type { CompanyDb } from '../../mirror/open';
import { RECONCILE_LIST_INDEXES } from '../../mirror/migrations/006-reconcile-rowid';
import type { QboSideResult } from '../types';
import { rowDigest, type VerdictRow } from '../verdict-row';

export interface BulkStore {
  append(row: VerdictRow): void;
  /** The list's indexes, the QuickBooks side and the time of the run; the caller commits. */
  finish(qboSide: readonly QboSideResult[], timeZone: string, at: string): void;
}

const indexName = (ddl: string): string => /^CREATE (?:UNIQUE )?INDEX (\w+)/.exec(ddl)![1]!;

export function bulkStore(db: CompanyDb): BulkStore {
  for (const ddl of RECONCILE_LIST_INDEXES) db.exec(`DROP INDEX IF EXISTS ${indexName(ddl)}`);
  db.prepare('DELETE FROM reconcile_orders').run();
  db.prepare('DELETE FROM reconcile_results').run();
  const row = db.prepare(`INSERT INTO reconcile_orders (id, store_id, source_id, number, status, order_date, total, currency, customer, search, digest)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const result = db.prepare('INSERT INTO reconcile_results (id, result) VALUES (?, ?)');
  let id = 0;
  return {
    append(r) {
      id += 1;
      // The digest here: on the writer thread it costs the engine's thread nothing.
      row.run(id, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], rowDigest(r));
      result.run(id, r[9]);
    },
    finish(qboSide, timeZone, at) {
      for (const ddl of RECONCILE_LIST_INDEXES) db.exec(ddl);
      writeQboSide(db, qboSide);
      stampRun(db, timeZone, at);
    },
  };
}

export function writeQboSide(db: CompanyDb, qboSide: readonly QboSideResult[]): void {
  db.prepare('DELETE FROM reconcile_qbo_side').run();
  const insert = db.prepare('INSERT INTO reconcile_qbo_side (doc_type, doc_id, kind, reason) VALUES (?, ?, ?, ?)');
  for (const q of qboSide) insert.run(q.type, q.id, q.kind, q.reason);
}

/** When the stored verdicts were computed, and in which zone (their dates are local to it). */
export function stampRun(db: CompanyDb, timeZone: string, at: string): void {
  db.prepare(`INSERT INTO reconcile_state (key, computed_at, time_zone) VALUES (1, ?, ?)
    ON CONFLICT (key) DO UPDATE SET computed_at = excluded.computed_at, time_zone = excluded.time_zone`).run(at, timeZone);
}
