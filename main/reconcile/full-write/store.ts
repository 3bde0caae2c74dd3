/**
 * Storing every verdict of a full run, inside the caller's write transaction (on the caller's
 * connection, or on the writer thread's for a big company, writer.ts). Two ways, chosen from what
 * is stored:
 * - verdicts comparable with these (same zone and version, digests kept): only the rows whose
 *   digest changed are rewritten, in place, and those of orders gone from the mirror removed —
 *   when the app opens a company, next to none;
 * - otherwise the tables are emptied and refilled, rows appended with ids in the order they come
 *   and the list's indexes dropped first and built once at the end (sorting 100,000 keys once is
 *   a quarter of keeping seven indexes up to date row by row).
 */
import type { Statement } from 'better-sqlite3';
import type { CompanyDb } from '../../mirror/open';
import { RECONCILE_LIST_INDEXES } from '../../mirror/migrations/012-number-index-filters';
import { orderKeyOf, type QboSideResult } from '../types';
import { remover, rowDigest, stampRun, storedDigests, upserter, writeQboSide, type VerdictRow } from '../verdict-store';

export interface FullStore {
  append(row: VerdictRow): void;
  /** The list's indexes, the QuickBooks side and the time of the run; the caller commits. Returns the rows written or removed. */
  finish(qboSide: readonly QboSideResult[], at: string): number;
}

const indexName = (ddl: string): string => /^CREATE (?:UNIQUE )?INDEX (\w+)/.exec(ddl)![1]!;
/** Drops the indexes these CREATE INDEX statements make (the list's, by default). */
export const dropIndexes = (db: CompanyDb, ddls: readonly string[] = RECONCILE_LIST_INDEXES): void => {
  for (const ddl of ddls) db.exec(`DROP INDEX IF EXISTS ${indexName(ddl)}`);
};
export const createIndexes = (db: CompanyDb, ddls: readonly string[] = RECONCILE_LIST_INDEXES): void => {
  for (const ddl of ddls) db.exec(ddl);
};

/** All but the order's key, which rewriting rows in place finds them by (the upsert's conflict target). */
const LIST_INDEXES = RECONCILE_LIST_INDEXES.filter((ddl) => indexName(ddl) !== 'reconcile_orders_key');

/**
 * Past this many rows rewritten in place (a settings change moved many verdicts), the list's other
 * indexes are dropped and built again at the end: kept up to date row by row, a full rewrite
 * took twice as long as a refill.
 */
const REBUILD_INDEXES_AFTER = 5_000;

export function fullStore(db: CompanyDb, timeZone: string): FullStore {
  const stored = storedDigests(db, timeZone);
  const end = (qboSide: readonly QboSideResult[], at: string): void => {
    writeQboSide(db, qboSide);
    stampRun(db, timeZone, at, true);
  };
  if (stored !== null) {
    const write = upserter(db);
    let written = 0;
    return {
      append(r) {
        const key = orderKeyOf(r[0], r[1]);
        const digest = rowDigest(r);
        const before = stored.get(key);
        stored.delete(key);
        if (before?.digest === digest) return;
        write(r, digest);
        if (++written === REBUILD_INDEXES_AFTER) dropIndexes(db, LIST_INDEXES);
      },
      finish(qboSide, at) {
        // What is left stored is of orders no longer in the mirror.
        const remove = remover(db);
        for (const { id } of stored.values()) remove(id);
        if (written >= REBUILD_INDEXES_AFTER) createIndexes(db, LIST_INDEXES);
        end(qboSide, at);
        return written + stored.size;
      },
    };
  }
  dropIndexes(db);
  db.prepare('DELETE FROM reconcile_orders').run();
  db.prepare('DELETE FROM reconcile_results').run();
  const { rows, results } = refillInserts(db);
  let id = 0;
  return {
    append(r) {
      id += 1;
      rows.add([id, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], rowDigest(r)]);
      results.add([id, r[9]]);
    },
    finish(qboSide, at) {
      rows.flush();
      results.flush();
      createIndexes(db);
      end(qboSide, at);
      return id;
    },
  };
}

/** A refill's inserts: list rows `[id, …VerdictRow columns but the JSON, digest]`, and `[id, JSON]`. */
export function refillInserts(db: CompanyDb): { rows: BatchedInsert; results: BatchedInsert } {
  return {
    rows: new BatchedInsert(db, 'reconcile_orders (id, store_id, source_id, number, status, order_date, total, currency, customer, search, digest)', 11),
    results: new BatchedInsert(db, 'reconcile_results (id, result)', 2),
  };
}

/**
 * Rows inserted ROWS_PER_INSERT to a statement: a refill runs 200,000 inserts (a list row and a
 * verdict per order), and each statement run is a crossing into SQLite with its own bookkeeping.
 * Fifty rows to a statement stored 100,000 verdicts ~20 % quicker than one.
 */
export const ROWS_PER_INSERT = 50;

export class BatchedInsert {
  private readonly full: Statement;
  private readonly values: unknown[];
  private rows = 0;

  /** `into`: the table and its columns, as after INSERT INTO; `width`: how many columns. */
  constructor(private readonly db: CompanyDb, private readonly into: string, private readonly width: number) {
    this.full = db.prepare(this.sql(ROWS_PER_INSERT));
    this.values = new Array<unknown>(width * ROWS_PER_INSERT);
  }

  add(row: readonly unknown[]): void {
    if (row.length !== this.width) throw new Error(`a row of ${row.length} values for ${this.width} columns`);
    if (this.rows === ROWS_PER_INSERT) this.flush();
    const at = this.rows * this.width;
    for (let i = 0; i < this.width; i++) this.values[at + i] = row[i];
    this.rows++;
  }

  /** Inserts what is held. */
  flush(): void {
    if (this.rows === ROWS_PER_INSERT) this.full.run(this.values);
    else if (this.rows > 0) this.db.prepare(this.sql(this.rows)).run(this.values.slice(0, this.rows * this.width));
    this.rows = 0;
  }

  private sql(rows: number): string {
    const row = `(${new Array(this.width).fill('?').join(', ')})`;
    return `INSERT INTO ${this.into} VALUES ${new Array(rows).fill(row).join(', ')}`;
  }
}
