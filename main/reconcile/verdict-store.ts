/**
 * The stored verdict tables, row by row: a row's shape as it is written (the list row's columns
 * and the verdict's JSON), the digest a full run compares to tell whether it changed, and the
 * statements that add, replace and remove rows. results.ts and full-write/ build on these.
 */
import type { CompanyDb } from '../mirror/open';
import { prepared } from '../mirror/statements';
import { orderKeyOf, type OrderKey, type QboSideResult, type Status } from './types';

/** The list row's columns, then the verdict's JSON (results.ts encodes it). */
export type VerdictRow = [
  storeId: string, sourceId: string, number: string, status: Status, orderDate: string, total: number, currency: string,
  customer: string | null, search: string, result: string,
];

/**
 * The version of what is stored for a verdict: its JSON's layout (verdict-codec.ts), the digest,
 * and how the list row's derived columns (customer, search) are made. Change it when any of them
 * changes: verdicts of another version are replaced wholesale by the next full run (store.ts),
 * not compared digest by digest.
 */
export const STORED_VERDICT_VERSION = 2;

/**
 * A 53-bit digest (cyrb53) of everything stored for a verdict: a full run compares it with the
 * stored one and rewrites the verdict only when they differ. A changed verdict goes unwritten only
 * if its digest collides with its own previous one, a chance of 2^-53.
 */
function digestOf(parts: ReadonlyArray<string | number | null>): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of parts) {
    const text = part === null ? '\u0001' : typeof part === 'number' ? String(part) : part;
    for (let i = 0; i <= text.length; i++) {
      // Each part ends with a code unit no text holds, so "ab" + "c" and "a" + "bc" differ.
      const ch = i < text.length ? text.charCodeAt(i) : 0x10000;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The digest stored with a row: of everything stored for its verdict. */
export const rowDigest = (r: VerdictRow): number => digestOf([r[2], r[3], r[4], r[5], r[6], r[9]]);

/** Adds or replaces one order's verdict, keeping its id. */
export function upserter(db: CompanyDb) {
  const row = prepared(db, `INSERT INTO reconcile_orders (store_id, source_id, number, status, order_date, total, currency, customer, search, digest)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (store_id, source_id) DO UPDATE SET number = excluded.number, status = excluded.status, order_date = excluded.order_date,
      total = excluded.total, currency = excluded.currency, customer = excluded.customer, search = excluded.search, digest = excluded.digest
    RETURNING id`);
  const result = prepared(db, 'INSERT OR REPLACE INTO reconcile_results (id, result) VALUES (?, ?)');
  return (r: VerdictRow, digest = rowDigest(r)): void => {
    const { id } = row.get(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], digest) as { id: number };
    result.run(id, r[9]);
  };
}

/** Removes one stored verdict by its id. */
export function remover(db: CompanyDb) {
  const row = prepared(db, 'DELETE FROM reconcile_orders WHERE id = ?');
  const result = prepared(db, 'DELETE FROM reconcile_results WHERE id = ?');
  return (id: number): void => {
    row.run(id);
    result.run(id);
  };
}

/**
 * The stored verdicts' ids and digests by order, or null when rewriting everything is the way:
 * nothing stored, verdicts computed in another time zone (every date may move) or stored in
 * another version, or rows written before digests were kept.
 */
export function storedDigests(db: CompanyDb, timeZone: string): Map<OrderKey, { id: number; digest: number }> | null {
  const state = db.prepare('SELECT time_zone, verdict_version FROM reconcile_state WHERE key = 1').raw().get() as [string, number | null] | undefined;
  if (state === undefined || state[0] !== timeZone || state[1] !== STORED_VERDICT_VERSION) return null;
  const stored = new Map<OrderKey, { id: number; digest: number }>();
  for (const [id, storeId, sourceId, digest] of db.prepare('SELECT id, store_id, source_id, digest FROM reconcile_orders').raw().iterate() as Iterable<[number, string, string, number | null]>) {
    if (digest === null) return null;
    stored.set(orderKeyOf(storeId, sourceId), { id, digest });
  }
  return stored.size === 0 ? null : stored;
}

export function writeQboSide(db: CompanyDb, qboSide: readonly QboSideResult[]): void {
  prepared(db, 'DELETE FROM reconcile_qbo_side').run();
  const insert = prepared(db, 'INSERT INTO reconcile_qbo_side (doc_type, doc_id, kind, reason) VALUES (?, ?, ?, ?)');
  for (const q of qboSide) insert.run(q.type, q.id, q.kind, q.reason);
}

/**
 * When the stored verdicts were computed, and in which zone (their dates are local to it). A full
 * run says which version they all are now; an incremental one leaves that as it was.
 */
export function stampRun(db: CompanyDb, timeZone: string, at: string, full = false): void {
  prepared(db, `INSERT INTO reconcile_state (key, computed_at, time_zone, verdict_version) VALUES (1, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET computed_at = excluded.computed_at, time_zone = excluded.time_zone,
      verdict_version = coalesce(excluded.verdict_version, verdict_version)`).run(at, timeZone, full ? STORED_VERDICT_VERSION : null);
}
