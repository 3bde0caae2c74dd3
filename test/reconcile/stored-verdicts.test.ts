/**
 * A full run — every time the app opens a company — stores only the verdicts that changed since
 * the last one (by digest), and what it leaves stored is exactly what a full run from nothing
 * stores; it starts over when digests cannot be compared.
 */
import { describe, expect, it } from 'vitest';
import type { CompanyDb } from '../../main/mirror/open';
import { reconcileCompany } from '../../main/reconcile/service';
import { STORED_VERDICT_VERSION } from '../../main/reconcile/verdict-store';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';
import { expectSameAsFullReconcile, writeSync } from './helpers/stored';

const demo = useDemo();

/** Every stored row, ids and digests included. */
const storedRows = (db: CompanyDb) => ({
  orders: db.prepare('SELECT * FROM reconcile_orders ORDER BY id').all(),
  results: db.prepare('SELECT * FROM reconcile_results ORDER BY id').all(),
});

describe('a full run over verdicts already stored', () => {
  it('writes none of them when nothing changed, and leaves every row as it was', () => {
    const { db } = demo.mirror();
    const first = reconcileCompany(db, CONFIG);
    expect(first.orders).toBeGreaterThan(100);
    expect(first.written).toBe(first.orders);
    const before = storedRows(db);
    expect(before.orders.every((r) => typeof (r as { digest: unknown }).digest === 'number')).toBe(true);

    const again = reconcileCompany(db, CONFIG);
    expect(again).toEqual({ ...first, written: 0 });
    expect(storedRows(db)).toEqual(before);
  });

  it('writes only the verdicts a sync changed (or removed), leaving what a full run from nothing would', () => {
    const { db } = demo.mirror();
    const first = reconcileCompany(db, CONFIG);
    const sync = writeSync(db, demo);
    const again = reconcileCompany(db, CONFIG);
    // The edited, deleted, paid and refund-less orders at least; nowhere near all of them.
    expect(again.written).toBeGreaterThanOrEqual(4);
    expect(again.written).toBeLessThan(first.orders / 10);
    expect(again.orders).toBe(first.orders - 1);
    expect(db.prepare('SELECT count(*) FROM reconcile_orders WHERE store_id || \'/\' || source_id = ?').pluck().get(sync.gone)).toBe(0);
    expectSameAsFullReconcile(db);
  });

  it('rewrites them all in another time zone, and over rows stored before digests were kept', () => {
    const { db } = demo.mirror();
    const first = reconcileCompany(db, CONFIG);
    const elsewhere = reconcileCompany(db, { ...CONFIG, timeZone: 'Asia/Kolkata' });
    expect(elsewhere.written).toBe(first.orders);

    reconcileCompany(db, CONFIG);
    db.exec('UPDATE reconcile_orders SET digest = NULL');
    expect(reconcileCompany(db, CONFIG).written).toBe(first.orders);
    expectSameAsFullReconcile(db);
  });

  it('replaces verdicts stored in another version wholesale (the tables refilled), not row by row', () => {
    const { db } = demo.mirror();
    const first = reconcileCompany(db, CONFIG);
    expect(db.prepare('SELECT verdict_version FROM reconcile_state').pluck().get()).toBe(STORED_VERDICT_VERSION);
    // Ids a refill would not give (it numbers rows from 1), and an older version.
    db.exec('UPDATE reconcile_orders SET id = id + 1000; UPDATE reconcile_results SET id = id + 1000; UPDATE reconcile_state SET verdict_version = 1;');
    expect(reconcileCompany(db, CONFIG).written).toBe(first.orders);
    expect(db.prepare('SELECT min(id), max(id) FROM reconcile_orders').raw().get()).toEqual([1, first.orders]);
    expect(db.prepare('SELECT verdict_version FROM reconcile_state').pluck().get()).toBe(STORED_VERDICT_VERSION);
    expect(reconcileCompany(db, CONFIG).written).toBe(0);
    expectSameAsFullReconcile(db);
  });
});
