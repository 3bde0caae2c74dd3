/**
 * The last computed verdicts, kept in the mirror for the read side (the UI's list, the CLI's
 * report). A full run stores every verdict (rewriting only those whose digest changed); an
 * incremental run rewrites only the orders it recomputed and removes those that left the mirror.
 */
import type { CompanyDb } from '../mirror/open';
import { bulkStore, stampRun, writeQboSide, type BulkStore } from './full-write/bulk';
import { bulkStoreThread, writerThreadAvailable } from './full-write/writer';
import { rowDigest, type VerdictRow } from './verdict-row';
import { orderKeyOf, splitOrderKey, type OrderKey, type OrderResult, type QboSideResult, type Status } from './types';

/**
 * A stored verdict is positional JSON of what the list row's columns do not hold: a third of the
 * bytes of the keyed object, and bytes are most of what a full run spends storing 100,000 of them.
 * The first element is the layout, so a later one can be told apart.
 */
const VERDICT_LAYOUT = 1;

function encodeVerdict(r: OrderResult): string {
  return JSON.stringify([VERDICT_LAYOUT, r.customer, r.skus, r.match, r.docs, r.suggestion, r.ignoredReason, r.explanation, r.diffs]);
}

/** The list row's columns a verdict is rebuilt with, in this order (see VERDICT_COLUMNS). */
export type VerdictColumns = [storeId: string, sourceId: string, number: string, status: Status, orderDate: string, total: number, currency: string];
export const VERDICT_COLUMNS = 'o.store_id, o.source_id, o.number, o.status, o.order_date, o.total, o.currency';

export function decodeVerdict([storeId, sourceId, number, status, orderDate, total, currency]: VerdictColumns, json: string): OrderResult {
  const v = JSON.parse(json) as unknown[];
  if (v[0] !== VERDICT_LAYOUT) throw new Error(`stored verdict of ${storeId}/${sourceId} has unknown layout ${JSON.stringify(v[0])}`);
  const [, customer, skus, match, docs, suggestion, ignoredReason, explanation, diffs] = v as [number, ...unknown[]];
  return {
    key: orderKeyOf(storeId, sourceId), storeId, sourceId, number, orderDate, total, currency, status,
    customer, skus, match, docs, suggestion, ignoredReason, explanation, diffs,
  } as OrderResult;
}

/** `text` and `more` joined by a space, leaving out whichever is empty (no arrays: this runs per order). */
const joined = (text: string, more: string | null): string => (more ? (text ? `${text} ${more}` : more) : text);

function searchText(r: OrderResult): string {
  let text = joined(joined(r.number, r.customer.name), r.customer.email);
  for (const sku of r.skus) text = joined(text, sku);
  return text.toLowerCase();
}

const customerColumn = (r: OrderResult): string | null => joined(r.customer.name ?? '', r.customer.email) || null;

/** One verdict as stored (its digest is taken where it is written: on the writer thread for a full run). */
function encoded(r: OrderResult): VerdictRow {
  return [r.storeId, r.sourceId, r.number, r.status, r.orderDate, r.total, r.currency, customerColumn(r), searchText(r), encodeVerdict(r)];
}

/** Adds or replaces one order's verdict, keeping its id. */
function upserter(db: CompanyDb) {
  const row = db.prepare<unknown[], { id: number }>(`INSERT INTO reconcile_orders (store_id, source_id, number, status, order_date, total, currency, customer, search, digest)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (store_id, source_id) DO UPDATE SET number = excluded.number, status = excluded.status, order_date = excluded.order_date,
      total = excluded.total, currency = excluded.currency, customer = excluded.customer, search = excluded.search, digest = excluded.digest
    RETURNING id`);
  const result = db.prepare('INSERT OR REPLACE INTO reconcile_results (id, result) VALUES (?, ?)');
  return (r: VerdictRow, digest = rowDigest(r)): void => {
    const { id } = row.get(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], digest)!;
    result.run(id, r[9]);
  };
}

/** Removes one stored verdict by its id. */
function remover(db: CompanyDb) {
  const row = db.prepare('DELETE FROM reconcile_orders WHERE id = ?');
  const result = db.prepare('DELETE FROM reconcile_results WHERE id = ?');
  return (id: number): void => {
    row.run(id);
    result.run(id);
  };
}

export interface SavedCounts {
  orders: number;
  byStatus: Partial<Record<OrderResult['status'], number>>;
  qboSide: number;
  /** Verdicts written or removed (the rest were stored already, unchanged). */
  written: number;
}

/**
 * The stored verdicts' ids and digests by order, or null when rewriting everything is the way:
 * nothing stored, verdicts computed in another time zone (every date may move), or rows written
 * before digests were kept.
 */
function storedDigests(db: CompanyDb, timeZone: string): Map<OrderKey, { id: number; digest: number }> | null {
  const zone = db.prepare('SELECT time_zone FROM reconcile_state WHERE key = 1').pluck().get() as string | undefined;
  if (zone !== timeZone) return null;
  const stored = new Map<OrderKey, { id: number; digest: number }>();
  for (const [id, storeId, sourceId, digest] of db.prepare('SELECT id, store_id, source_id, digest FROM reconcile_orders').raw().iterate() as Iterable<[number, string, string, number | null]>) {
    if (digest === null) return null;
    stored.set(orderKeyOf(storeId, sourceId), { id, digest });
  }
  return stored.size === 0 ? null : stored;
}

/** Whether storedDigests() would say null, without reading them. */
function refillNeeded(db: CompanyDb, timeZone: string): boolean {
  return db.prepare(`SELECT coalesce((SELECT time_zone FROM reconcile_state WHERE key = 1), '') IS NOT ?
      OR NOT EXISTS (SELECT 1 FROM reconcile_orders) OR EXISTS (SELECT 1 FROM reconcile_orders WHERE digest IS NULL)`).pluck().get(timeZone) === 1;
}

/** Where a full run's verdicts are written: 'auto' is the writer thread for a big company in a file. */
export interface SaveOptions {
  where?: 'auto' | 'thread' | 'here';
  /** How many verdicts are coming (for 'auto'). */
  expected?: number;
}

/** Below this many verdicts a thread's start-up costs more than it saves. */
const WRITER_THREAD_MIN_ROWS = 20_000;

/**
 * Replaces every stored verdict; `orders` may be a generator, so 100,000 verdicts never sit in
 * memory at once. Verdicts whose digest is unchanged are left as they are (when the app opens a
 * company, nearly all), so only the changed ones are written; when nothing comparable is stored,
 * the tables are emptied and refilled with the list's indexes built once at the end, by the
 * writer thread for a big company (full-write/).
 */
export function saveAll(db: CompanyDb, orders: Iterable<OrderResult>, qboSide: readonly QboSideResult[], timeZone: string, at = new Date().toISOString(), options: SaveOptions = {}): SavedCounts {
  const counts: SavedCounts = { orders: 0, byStatus: {}, qboSide: qboSide.length, written: 0 };
  const count = (r: OrderResult): void => {
    counts.orders++;
    counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1;
  };
  const refill = (store: BulkStore): void => {
    for (const r of orders) {
      store.append(encoded(r));
      count(r);
    }
    counts.written = counts.orders;
    store.finish(qboSide, timeZone, at);
  };
  const { where = 'auto', expected = 0 } = options;
  if (where === 'thread' || (where === 'auto' && !db.memory && expected >= WRITER_THREAD_MIN_ROWS && writerThreadAvailable())) {
    // Asked apart from the writer's transaction: a refill replaces whatever is stored anyway.
    if (refillNeeded(db, timeZone)) {
      const store = bulkStoreThread(db);
      try {
        refill(store);
      } finally {
        store.close();
      }
      return counts;
    }
  }
  db.transaction(() => {
    const stored = storedDigests(db, timeZone);
    if (stored === null) return refill(bulkStore(db));
    const write = upserter(db);
    for (const r of orders) {
      count(r);
      const w = encoded(r);
      const digest = rowDigest(w);
      const before = stored.get(r.key);
      stored.delete(r.key);
      if (before?.digest === digest) continue;
      write(w, digest);
      counts.written++;
    }
    // What is left stored is of orders no longer in the mirror.
    const remove = remover(db);
    for (const { id } of stored.values()) remove(id);
    counts.written += stored.size;
    writeQboSide(db, qboSide);
    stampRun(db, timeZone, at);
  })();
  return counts;
}

export function saveSome(db: CompanyDb, changed: readonly OrderResult[], removed: readonly OrderKey[], qboSide: readonly QboSideResult[], timeZone: string, at = new Date().toISOString()): void {
  db.transaction(() => {
    const del = db.prepare<[string, string], { id: number }>('DELETE FROM reconcile_orders WHERE store_id = ? AND source_id = ? RETURNING id');
    const delResult = db.prepare('DELETE FROM reconcile_results WHERE id = ?');
    for (const key of removed) {
      const { storeId, sourceId } = splitOrderKey(key);
      const gone = del.get(storeId, sourceId);
      if (gone) delResult.run(gone.id);
    }
    const write = upserter(db);
    for (const r of changed) write(encoded(r));
    writeQboSide(db, qboSide);
    stampRun(db, timeZone, at);
  })();
}
