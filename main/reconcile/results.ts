/**
 * The last computed verdicts, kept in the mirror for the read side (the UI's list, the CLI's
 * report). A full run replaces everything; an incremental run rewrites only the orders it
 * recomputed and removes those that left the mirror.
 */
import type { CompanyDb } from '../mirror/open';
import { RECONCILE_LIST_INDEXES } from '../mirror/migrations/004-reconcile';
import { splitOrderKey, type OrderKey, type OrderResult, type QboSideResult } from './types';

export function searchText(r: OrderResult): string {
  return [r.number, r.customer.name, r.customer.email, ...r.skus].filter(Boolean).join(' ').toLowerCase();
}

function writer(db: CompanyDb) {
  const row = db.prepare(`INSERT OR REPLACE INTO reconcile_orders (store_id, source_id, number, status, order_date, total, currency, customer, search)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const result = db.prepare('INSERT OR REPLACE INTO reconcile_results (store_id, source_id, result) VALUES (?, ?, ?)');
  return (r: OrderResult): void => {
    const customer = [r.customer.name, r.customer.email].filter(Boolean).join(' ') || null;
    row.run(r.storeId, r.sourceId, r.number, r.status, r.orderDate, r.total, r.currency, customer, searchText(r));
    result.run(r.storeId, r.sourceId, JSON.stringify(r));
  };
}

function writeQboSide(db: CompanyDb, qboSide: readonly QboSideResult[]): void {
  db.prepare('DELETE FROM reconcile_qbo_side').run();
  const insert = db.prepare('INSERT INTO reconcile_qbo_side (doc_type, doc_id, kind, reason) VALUES (?, ?, ?, ?)');
  for (const q of qboSide) insert.run(q.type, q.id, q.kind, q.reason);
}

function stamp(db: CompanyDb, timeZone: string, at: string): void {
  db.prepare(`INSERT INTO reconcile_state (key, computed_at, time_zone) VALUES (1, ?, ?)
    ON CONFLICT (key) DO UPDATE SET computed_at = excluded.computed_at, time_zone = excluded.time_zone`).run(at, timeZone);
}

export interface SavedCounts {
  orders: number;
  byStatus: Partial<Record<OrderResult['status'], number>>;
  qboSide: number;
}

/** Replaces every stored verdict; `orders` may be a generator, so 100,000 verdicts never sit in memory at once. */
export function saveAll(db: CompanyDb, orders: Iterable<OrderResult>, qboSide: readonly QboSideResult[], timeZone: string, at = new Date().toISOString()): SavedCounts {
  const counts: SavedCounts = { orders: 0, byStatus: {}, qboSide: qboSide.length };
  db.transaction(() => {
    for (const ddl of RECONCILE_LIST_INDEXES) db.exec(`DROP INDEX IF EXISTS ${/^CREATE INDEX (\w+)/.exec(ddl)![1]}`);
    db.prepare('DELETE FROM reconcile_orders').run();
    db.prepare('DELETE FROM reconcile_results').run();
    const write = writer(db);
    for (const r of orders) {
      write(r);
      counts.orders++;
      counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1;
    }
    for (const ddl of RECONCILE_LIST_INDEXES) db.exec(ddl);
    writeQboSide(db, qboSide);
    stamp(db, timeZone, at);
  })();
  return counts;
}

export function saveSome(db: CompanyDb, changed: readonly OrderResult[], removed: readonly OrderKey[], qboSide: readonly QboSideResult[], timeZone: string, at = new Date().toISOString()): void {
  db.transaction(() => {
    const del = db.prepare('DELETE FROM reconcile_orders WHERE store_id = ? AND source_id = ?');
    const delResult = db.prepare('DELETE FROM reconcile_results WHERE store_id = ? AND source_id = ?');
    for (const key of removed) {
      const { storeId, sourceId } = splitOrderKey(key);
      del.run(storeId, sourceId);
      delResult.run(storeId, sourceId);
    }
    const write = writer(db);
    for (const r of changed) write(r);
    writeQboSide(db, qboSide);
    stamp(db, timeZone, at);
  })();
}
