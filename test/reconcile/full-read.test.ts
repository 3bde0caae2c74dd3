/**
 * A full run reads the mirror in chunks straight into facts (full-read/), on the reader thread
 * for a big company; incremental runs and the arrays path build facts from whole inputs
 * (orderFacts / docFacts). Both must agree on every order and document, or a catch-up would
 * disagree with the full run it continues — and the thread must hand over exactly what reading
 * here would.
 */
import { unlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBusiness, DEMO_NOW } from '../../sandbox/seed/business';
import { latestChange } from '../../main/mirror/changes';
import { openCompanyDb } from '../../main/mirror/open';
import { loadCustomers, loadDocs, loadItems, loadOrders, loadPayments } from '../../main/reconcile/load';
import { loadDecisions } from '../../main/reconcile/decisions';
import { docFacts, itemIndex, orderFacts } from '../../main/reconcile/facts';
import { LocalDates } from '../../main/reconcile/local-date';
import { docFactsOf, orderFactsOf, type FullInput } from '../../main/reconcile/full-read/input';
import { readMirror, type MirrorPart } from '../../main/reconcile/full-read/parts';
import { withFullInput, type ReadOptions } from '../../main/reconcile/full-read/reader';
import { REALM, seededMirror, type SeededMirror } from './helpers/seeded-mirror';
import { tempDir } from '../helpers/tmp';

let mirror: SeededMirror;
beforeAll(async () => {
  mirror = await seededMirror(demoBusiness(), DEMO_NOW.getTime());
});
afterAll(() => mirror?.close());

const partsOf = (chunkRows?: number): MirrorPart[] => mirror.db.transaction(() => [...readMirror(mirror.db, chunkRows)])();
const chunksOf = (parts: MirrorPart[], kind: 'orders' | 'docs'): string[] => parts.flatMap((p) => (p.part === kind ? [p.json] : []));

/** Everything a full input holds, read in the order the engine reads it. */
function drained(input: FullInput, zone: string) {
  const items = itemIndex(input.items);
  const { orders, docs, payments, customers, ...rest } = input;
  if (typeof orders !== 'function' || typeof docs !== 'function' || typeof payments !== 'function' || typeof customers !== 'function') throw new Error('a full input streams facts');
  return { ...rest, orders: [...orders(new LocalDates(zone))], docs: [...docs(items)], payments: payments(), customers: customers() };
}

describe('a full run’s read of the mirror', () => {
  it('gives the facts of the orders loadOrders reads, in India’s half-hour zone too, across chunk boundaries', () => {
    for (const zone of ['America/Chicago', 'Asia/Kolkata']) {
      const dates = new LocalDates(zone);
      const loaded = loadOrders(mirror.db).map((o) => orderFacts(o, dates));
      expect(loaded.length).toBeGreaterThan(100);
      for (const chunkRows of [7, 10_000]) expect([...orderFactsOf(chunksOf(partsOf(chunkRows), 'orders'), dates)]).toEqual(loaded);
    }
    expect(chunksOf(partsOf(7), 'orders').length).toBeGreaterThan(10);
  });

  it('gives the facts of the documents loadDocs reads', () => {
    const items = itemIndex(loadItems(mirror.db));
    const loaded = loadDocs(mirror.db).map((d) => docFacts(d, items));
    expect(loaded.length).toBeGreaterThan(100);
    expect(loaded.some((d) => d.shipping !== 0) && loaded.some((d) => d.discount !== 0)).toBe(true);
    for (const chunkRows of [7, 10_000]) expect([...docFactsOf(chunksOf(partsOf(chunkRows), 'docs'), items)]).toEqual(loaded);
  });

  it('heads the parts with the small tables and the change number they go with; payments and customers come between orders and documents', () => {
    const parts = partsOf();
    const head = parts[0]!;
    if (head.part !== 'head') throw new Error(`first part: ${head.part}`);
    expect(head.seq).toBe(latestChange(mirror.db));
    expect(head.seq).toBeGreaterThan(0);
    expect(head.items).toEqual(loadItems(mirror.db));
    expect(head.decisions).toEqual(loadDecisions(mirror.db));
    expect(parts.map((p) => p.part).join(' ')).toMatch(/^head (orders )+payments customers (docs )+end$/);
    const payments = parts.find((p) => p.part === 'payments');
    if (payments?.part !== 'payments') throw new Error('no payments part');
    expect(payments.payments).toEqual(loadPayments(mirror.db));
    expect(payments.payments.length).toBeGreaterThan(0);
  });

  it('hands over on the reader thread exactly what reading here gives, a few parts ahead at a time', () => {
    const read = (options: ReadOptions) => withFullInput(mirror.db, (input) => drained(input, 'America/Chicago'), options);
    const here = read({ where: 'here' });
    expect(here.customers).toEqual(loadCustomers(mirror.db));
    expect(here.payments).toEqual(loadPayments(mirror.db));
    expect(here.orders.length).toBeGreaterThan(100);
    // Seven rows a chunk: dozens of parts, so the reader waits for the engine again and again.
    expect(read({ where: 'thread', chunkRows: 7 })).toEqual(here);
    expect(read({ where: 'thread' })).toEqual(here);
  });

  it('stops the reader thread when the engine stops reading, and reads again afterwards', () => {
    expect(() => withFullInput(mirror.db, (input) => {
      if (typeof input.orders !== 'function') throw new Error('a full input streams facts');
      input.orders(new LocalDates('UTC'))[Symbol.iterator]().next();
      throw new Error('the engine gave up');
    }, { where: 'thread', chunkRows: 7 })).toThrow('the engine gave up');
    expect(withFullInput(mirror.db, (input) => drained(input, 'UTC').docs.length, { where: 'thread', chunkRows: 7 })).toBeGreaterThan(100);
  });

  it('says so when a part is asked for after the read ended, instead of waiting for the thread', () => {
    const input = withFullInput(mirror.db, (input) => {
      if (typeof input.orders !== 'function') throw new Error('a full input streams facts');
      for (const _ of input.orders(new LocalDates('UTC')));
      return input;
    }, { where: 'thread', chunkRows: 7 });
    const { docs, payments, items } = input;
    if (typeof docs !== 'function' || typeof payments !== 'function') throw new Error('a full input streams facts');
    // The payments had come in with the orders (they follow them); the documents had not.
    expect(payments().length).toBeGreaterThan(0);
    expect(() => [...docs(itemIndex(items))]).toThrow('reading the mirror: a part was asked for after the read ended');
  });

  it('says why when the reader thread cannot read, instead of waiting for it', () => {
    const db = openCompanyDb(tempDir(), REALM);
    try {
      // The open connection keeps working; the reader thread cannot open the file any more.
      unlinkSync(db.name);
      expect(() => withFullInput(db, (input) => drained(input, 'UTC'), { where: 'thread' })).toThrow(/reading the mirror: .*(unable to open|does not exist)/i);
    } finally {
      db.close();
    }
  });

  it('refuses an input read out of order rather than reading nothing', () => {
    expect(() => withFullInput(mirror.db, (input) => {
      if (typeof input.docs !== 'function') throw new Error('a full input streams facts');
      return [...input.docs(itemIndex(input.items))];
    }, { where: 'here' })).toThrow(/documents were asked for before the orders/);
  });
});
