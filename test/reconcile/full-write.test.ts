/**
 * A full run of a big company stores its verdicts from a writer thread (full-write/): what it
 * leaves stored must be exactly what storing on the caller's connection leaves (refilling the
 * tables or rewriting only what changed), all of it or none: a run that fails on either side
 * keeps the verdicts stored before and leaves the company's file free to write.
 */
import { describe, expect, it } from 'vitest';
import type { CompanyDb } from '../../main/mirror/open';
import { fullRunWriter, saveAll } from '../../main/reconcile/results';
import { ReconcileSession } from '../../main/reconcile/session';
import { loadInput } from '../../main/reconcile/load';
import type { OrderResult } from '../../main/reconcile/types';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();
const AT = '2026-12-01T10:00:00.000Z';

/** Every stored row of the verdict tables. */
const stored = (db: CompanyDb) => ({
  orders: db.prepare('SELECT * FROM reconcile_orders ORDER BY id').all(),
  results: db.prepare('SELECT * FROM reconcile_results ORDER BY id').all(),
  side: db.prepare('SELECT * FROM reconcile_qbo_side ORDER BY doc_type, doc_id').all(),
  state: db.prepare('SELECT * FROM reconcile_state').all(),
  indexes: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'reconcile_orders' ORDER BY name").pluck().all(),
});

function verdictsOf(db: CompanyDb) {
  const session = new ReconcileSession(CONFIG).load(loadInput(db));
  return { orders: [...session.results(true)], qboSide: session.qboSide() };
}

/** The verdicts, stopping with an error after `n` of them. */
function* failingAfter(orders: OrderResult[], n: number): Generator<OrderResult> {
  yield* orders.slice(0, n);
  throw new Error('the engine stopped');
}

/** What was stored before is still there, and no transaction is left open: this connection writes at once. */
function expectUntouchedAndFree(db: CompanyDb, before: ReturnType<typeof stored>): void {
  expect(stored(db)).toEqual(before);
  db.pragma('busy_timeout = 0');
  expect(() => db.prepare('UPDATE reconcile_state SET computed_at = ?').run(AT)).not.toThrow();
}

type Where = 'here' | 'thread';

/** A copy of the demo with its verdicts stored (on this connection), and what that left stored. */
function storedDemo() {
  const db = demo.mirror().db;
  const { orders, qboSide } = verdictsOf(db);
  save(db, orders, qboSide, 'here');
  return { db, orders, qboSide, before: stored(db) };
}
const save = (db: CompanyDb, orders: Iterable<OrderResult>, qboSide: ReturnType<typeof verdictsOf>['qboSide'], where: Where, timeZone = CONFIG.timeZone) =>
  saveAll(db, orders, qboSide, timeZone, { at: AT, writer: fullRunWriter(db, timeZone, { where }) });

describe('storing a full run’s verdicts from the writer thread', () => {
  it('stores exactly what storing here stores: rows, ids, digests, indexes, the QuickBooks side and the run’s time', () => {
    const here = demo.mirror().db;
    const thread = demo.mirror().db;
    const { orders, qboSide } = verdictsOf(here);
    expect(orders.length).toBeGreaterThan(100);
    expect(qboSide.length).toBeGreaterThan(0);
    const a = save(here, orders, qboSide, 'here');
    const b = save(thread, orders, qboSide, 'thread');
    expect(b).toEqual(a);
    expect(b.written).toBe(orders.length);
    expect(stored(thread)).toEqual(stored(here));
    expect(stored(thread).indexes.length).toBeGreaterThanOrEqual(7);
  });

  it('over comparable verdicts, writes only those that changed and removes those of orders gone, as storing here does', () => {
    const here = demo.mirror().db;
    const thread = demo.mirror().db;
    const { orders, qboSide } = verdictsOf(here);
    for (const db of [here, thread]) save(db, orders, qboSide, 'here');
    expect(save(thread, orders, qboSide, 'thread').written).toBe(0);
    // One verdict changed, one order gone: two rows written or removed, the rest left as they were.
    const next = orders.slice(1).map((o, i) => (i === 10 ? { ...o, explanation: `${o.explanation} (again)` } : o));
    const a = save(here, next, qboSide, 'here');
    const b = save(thread, next, qboSide, 'thread');
    expect(b).toEqual(a);
    expect(b.written).toBe(2);
    expect(stored(thread)).toEqual(stored(here));
  });

  it('crosses chunk boundaries (more verdicts than a chunk holds)', () => {
    const db = demo.mirror().db;
    const { orders, qboSide } = verdictsOf(db);
    // The demo's ~120 orders, each stored under nine store ids: 1,080 verdicts, more than one chunk of 1,000.
    const many = orders.flatMap((o) => Array.from({ length: 9 }, (_, i) => ({ ...o, storeId: `${o.storeId}-${i}`, key: `${o.storeId}-${i}/${o.sourceId}` })));
    expect(many.length).toBeGreaterThan(1_000);
    save(db, many, qboSide, 'thread');
    const rows = db.prepare('SELECT id, store_id, source_id FROM reconcile_orders ORDER BY id').all() as Array<{ id: number; store_id: string; source_id: string }>;
    expect(rows.map((r) => `${r.store_id}/${r.source_id}`)).toEqual(many.map((o) => o.key));
    expect(rows.at(-1)!.id).toBe(many.length);
    expect(db.prepare('SELECT count(*) FROM reconcile_results').pluck().get()).toBe(many.length);
  });

  it('rewriting thousands in place (the list’s indexes dropped and built again on the way), leaves what storing here leaves', () => {
    const here = demo.mirror().db;
    const thread = demo.mirror().db;
    const { orders, qboSide } = verdictsOf(here);
    // 50 copies of the demo's orders under other store ids: more than 5,000 verdicts, then every one of them changed.
    const many = orders.flatMap((o) => Array.from({ length: 50 }, (_, i) => ({ ...o, storeId: `${o.storeId}-${i}`, key: `${o.storeId}-${i}/${o.sourceId}` })));
    expect(many.length).toBeGreaterThan(5_000);
    const changed = many.map((o) => ({ ...o, explanation: `${o.explanation} (again)` }));
    for (const db of [here, thread]) save(db, many, qboSide, 'here');
    expect(save(here, changed, qboSide, 'here').written).toBe(many.length);
    expect(save(thread, changed, qboSide, 'thread').written).toBe(many.length);
    expect(stored(thread)).toEqual(stored(here));
    expect(stored(thread).indexes.length).toBeGreaterThanOrEqual(7);
  });

  it('keeps the verdicts stored before when the engine fails part-way, and leaves the file free to write', () => {
    const { db, orders, qboSide, before } = storedDemo();
    // Another zone: every verdict would be rewritten, through the thread.
    expect(() => save(db, failingAfter(orders, 50), qboSide, 'thread', 'Asia/Kolkata')).toThrow('the engine stopped');
    expectUntouchedAndFree(db, before);
  });

  it('started early and let go before any verdict (the run failed while reading), leaves what is stored and the file free to write', () => {
    const { db, before } = storedDemo();
    const writer = fullRunWriter(db, 'Asia/Kolkata', { where: 'thread' })!;
    expect(writer).not.toBeNull();
    writer.close();
    expectUntouchedAndFree(db, before);
  });

  it('says why the writer failed, naming the column, and keeps the verdicts stored before', () => {
    const { db, orders, qboSide, before } = storedDemo();
    const broken = orders.map((o, i) => (i === 60 ? { ...o, number: null as unknown as string } : o));
    expect(() => save(db, broken, qboSide, 'thread', 'Asia/Kolkata')).toThrow(/storing the verdicts: NOT NULL constraint failed: reconcile_orders\.number/);
    expectUntouchedAndFree(db, before);
  });
});
