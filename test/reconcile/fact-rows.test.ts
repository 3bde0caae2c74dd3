/**
 * A full run reads the mirror straight into facts (orderFactRows / docFactRows); incremental runs
 * and the arrays path build them from whole inputs (orderFacts / docFacts). Both must agree on
 * every order and document, or a catch-up would disagree with the full run it continues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBusiness, DEMO_NOW } from '../../sandbox/seed/business';
import { docFactRows, loadDocs, loadItems, loadOrders, orderFactRows } from '../../main/reconcile/load';
import { docFacts, itemIndex, orderFacts } from '../../main/reconcile/facts';
import { LocalDates } from '../../main/reconcile/local-date';
import { seededMirror, type SeededMirror } from './helpers/seeded-mirror';

let mirror: SeededMirror;
beforeAll(async () => {
  mirror = await seededMirror(demoBusiness(), DEMO_NOW.getTime());
});
afterAll(() => mirror?.close());

describe('facts read straight from the mirror', () => {
  it('equal the facts of the orders loadOrders reads, in India’s half-hour zone too', () => {
    for (const zone of ['America/Chicago', 'Asia/Kolkata']) {
      const dates = new LocalDates(zone);
      const direct = [...orderFactRows(mirror.db, dates)];
      const loaded = loadOrders(mirror.db).map((o) => orderFacts(o, dates));
      expect(direct.length).toBeGreaterThan(100);
      expect(direct).toEqual(loaded);
    }
  });

  it('equal the facts of the documents loadDocs reads', () => {
    const items = itemIndex(loadItems(mirror.db));
    const direct = [...docFactRows(mirror.db, items)];
    const loaded = loadDocs(mirror.db).map((d) => docFacts(d, items));
    expect(direct.length).toBeGreaterThan(100);
    expect(direct.some((d) => d.shipping !== 0) && direct.some((d) => d.discount !== 0)).toBe(true);
    expect(direct).toEqual(loaded);
  });
});
