/**
 * The last computed verdicts, kept in the mirror for the read side (the UI's list, the CLI's
 * report). A full run stores every verdict (rewriting only those whose digest changed); an
 * incremental run rewrites only the orders it recomputed and removes those that left the mirror.
 */
import type { CompanyDb } from '../mirror/open';
import { prepared } from '../mirror/statements';
import { fullStore, type FullStore } from './full-write/store';
import { fullStoreThread, writerThreadAvailable, type ThreadStore } from './full-write/writer';
import { stampRun, upserter, writeQboSide, type VerdictRow } from './verdict-store';
import { splitOrderKey, type OrderKey, type OrderResult, type QboSideResult } from './types';
import { encodeVerdict } from './verdict-codec';

/** `text` and `more` joined by a space, leaving out whichever is empty (no arrays: this runs per order). */
const joined = (text: string, more: string | null): string => (more ? (text ? `${text} ${more}` : more) : text);

function searchText(r: OrderResult): string {
  let text = joined(joined(r.number, r.customer.name), r.customer.email);
  for (const sku of r.skus) text = joined(text, sku);
  return text.toLowerCase();
}

const customerColumn = (r: OrderResult): string | null => joined(r.customer.name ?? '', r.customer.email) || null;

/** One verdict as stored (its digest is taken where it is written: on the writer thread for a big company's full run). */
function encoded(r: OrderResult): VerdictRow {
  return [r.storeId, r.sourceId, r.number, r.status, r.orderDate, r.total, r.currency, customerColumn(r), searchText(r), encodeVerdict(r)];
}

export interface SavedCounts {
  orders: number;
  byStatus: Partial<Record<OrderResult['status'], number>>;
  qboSide: number;
  /** Verdicts written or removed (the rest were stored already, unchanged). */
  written: number;
}

/** Where a full run's verdicts are written: 'auto' is the writer thread for a big company in a file. */
export interface WriterOptions {
  where?: 'auto' | 'thread' | 'here';
  /** How many verdicts are coming (for 'auto'). */
  expected?: number;
}

/** Below this many verdicts a thread's start-up costs more than it saves. */
const WRITER_THREAD_MIN_ROWS = 20_000;

/**
 * The writer thread for a full run's verdicts (full-write/), or null where they are written on
 * the caller's connection. Started once the mirror is read, it has opened its transaction and read
 * what is stored by the time the first verdict comes; saveAll() ends it either way.
 */
export function fullRunWriter(db: CompanyDb, timeZone: string, { where = 'auto', expected = 0 }: WriterOptions = {}): ThreadStore | null {
  const threaded = where === 'thread' || (where === 'auto' && !db.memory && expected >= WRITER_THREAD_MIN_ROWS && writerThreadAvailable());
  return threaded ? fullStoreThread(db, timeZone) : null;
}

/**
 * Replaces every stored verdict; `orders` may be a generator, so 100,000 verdicts never sit in
 * memory at once. Only the verdicts whose digest changed are written when comparable ones are
 * stored (when the app opens a company, next to none); otherwise the tables are refilled
 * (full-write/store.ts). `writer`: fullRunWriter()'s thread, which this closes; `at`: the run's time.
 */
export function saveAll(
  db: CompanyDb, orders: Iterable<OrderResult>, qboSide: readonly QboSideResult[], timeZone: string,
  { at = new Date().toISOString(), writer = null }: { at?: string; writer?: ThreadStore | null } = {},
): SavedCounts {
  const counts: SavedCounts = { orders: 0, byStatus: {}, qboSide: qboSide.length, written: 0 };
  const storeAll = (store: FullStore): void => {
    for (const r of orders) {
      store.append(encoded(r));
      counts.orders++;
      counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1;
    }
    counts.written = store.finish(qboSide, at);
  };
  if (writer === null) db.transaction(() => storeAll(fullStore(db, timeZone)))();
  else {
    try {
      storeAll(writer);
    } finally {
      writer.close();
    }
  }
  return counts;
}

export function saveSome(db: CompanyDb, changed: readonly OrderResult[], removed: readonly OrderKey[], qboSide: readonly QboSideResult[], timeZone: string, at = new Date().toISOString()): void {
  db.transaction(() => {
    const del = prepared(db, 'DELETE FROM reconcile_orders WHERE store_id = ? AND source_id = ? RETURNING id');
    const delResult = prepared(db, 'DELETE FROM reconcile_results WHERE id = ?');
    for (const key of removed) {
      const { storeId, sourceId } = splitOrderKey(key);
      const gone = del.get(storeId, sourceId) as { id: number } | undefined;
      if (gone) delResult.run(gone.id);
    }
    const write = upserter(db);
    for (const r of changed) write(encoded(r));
    writeQboSide(db, qboSide);
    stampRun(db, timeZone, at);
  })();
}
