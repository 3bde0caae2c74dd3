import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openCompanyDb, type CompanyDb } from '../../main/mirror/open';
import { selectPage, SORT_KEYS, type ListFilter, type PagePlan, type SortKey } from '../../main/reconcile/list-query';
import { STATUSES } from '../../main/reconcile/types';
import { tempDir } from '../helpers/tmp';

interface Row { id: number; number: string; status: string; order_date: string; total: number; currency: string; customer: string | null; search: string }

/**
 * 12,000 list rows with many ties on every sort (numbers repeat across two stores, 30 dates, 40
 * totals, 150 customers and some without): enough for every plan, including one pass over the
 * table for a text search (past 10,000 rows).
 */
function company(): { db: CompanyDb; rows: Row[] } {
  const db = openCompanyDb(tempDir(), '77');
  const rows: Row[] = [];
  const insert = db.prepare(`INSERT INTO reconcile_orders (id, store_id, source_id, number, status, order_date, total, currency, customer, search, digest)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  db.transaction(() => {
    for (let id = 1; id <= 12_000; id++) {
      const customer = random(20) === 0 ? null : `Customer ${random(150)}`;
      const number = `#${900 + (id % 6_000)}`;
      const row: Row = {
        id, number, status: STATUSES[random(10) < 6 ? 0 : random(STATUSES.length)]!, order_date: `2026-03-${String(1 + random(30)).padStart(2, '0')}`,
        total: 500 * (1 + random(40)), currency: random(8) === 0 ? 'EUR' : 'USD', customer, search: `${number} ${customer ?? ''} sku-${random(12)}`.toLowerCase(),
      };
      rows.push(row);
      insert.run(id, id % 2 ? 's1' : 's2', String(id), row.number, row.status, row.order_date, row.total, row.currency, row.customer, row.search);
    }
  })();
  return { db, rows };
}

const KEYS: Record<SortKey, (r: Row) => Array<string | number | null>> = {
  date: (r) => [r.order_date, r.total, r.status],
  number: (r) => [r.number.length, r.number, r.order_date, r.total, r.status],
  total: (r) => [r.total, r.order_date, r.status],
  status: (r) => [r.status, r.order_date, r.total],
  customer: (r) => [r.customer, r.order_date, r.total, r.status],
};

/** What a query selects, worked out the plain way: filter everything, sort everything (NULL first, ties by id). */
function expected(rows: Row[], q: ListFilter): number[] {
  const statuses = q.status === undefined ? null : ([] as string[]).concat(q.status);
  const text = q.text?.trim().toLowerCase();
  const hits = rows.filter((r) => (!statuses || statuses.includes(r.status)) && (!q.from || r.order_date >= q.from) && (!q.to || r.order_date <= q.to)
    && (q.minTotal === undefined || r.total >= q.minTotal) && (q.maxTotal === undefined || r.total <= q.maxTotal)
    && (q.currency === undefined || r.currency === q.currency) && (!text || r.search.includes(text)));
  const key = KEYS[q.sort ?? 'date'];
  const compare = (a: Row, b: Row): number => {
    const [ka, kb] = [[...key(a), a.id], [...key(b), b.id]];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] === kb[i]) continue;
      if (ka[i] === null) return -1;
      if (kb[i] === null) return 1;
      return ka[i]! < kb[i]! ? -1 : 1;
    }
    return 0;
  };
  return hits.sort((a, b) => (q.descending ? compare(b, a) : compare(a, b))).map((r) => r.id);
}

const pageOf = (ids: number[], page: number) => ({ count: ids.length, ids: ids.slice(page * 50, page * 50 + 50) });

describe('the list: a page among many orders, read the cheapest way', () => {
  it('every plan returns the rows and count the plain way gives, on every sort, filter and page', () => {
    const { db, rows } = company();
    try {
      const filters: ListFilter[] = [
        {}, { status: 'in_sync' }, { status: ['differs', 'missing_in_qbo'] }, { status: 'ignored' }, { from: '2026-03-05', to: '2026-03-20' },
        { minTotal: 2_000, maxTotal: 9_000 }, { status: 'in_sync', from: '2026-03-10', minTotal: 5_000 }, { currency: 'EUR' }, { currency: 'USD', status: 'in_sync' },
        { text: 'sku-' }, { text: 'SKU-3' }, { text: 'customer 1' }, { text: '#10' }, { text: 'sku-', status: 'in_sync' }, { text: 'nobody' },
      ];
      const plans = new Set<PagePlan>();
      for (const filter of filters) {
        for (const sort of SORT_KEYS) {
          for (const descending of [false, true]) {
            const q = { ...filter, sort, descending };
            const all = expected(rows, q);
            const count = all.length;
            const pages = [0, 1, Math.floor(count / 100), Math.floor(count / 50) - 1, Math.floor(count / 50), Math.floor(count / 50) + 1];
            for (const page of new Set(pages.filter((p) => p >= 0))) {
              const got = selectPage(db, q, page * 50, 50);
              const want = pageOf(all, page);
              plans.add(got.plan);
              expect({ count: got.count, ids: got.rows.map((r) => r[0]) }, `${JSON.stringify(q)} page ${page} (${got.plan})`).toEqual(want);
              for (const [id, customer] of got.rows) expect(customer).toBe(rows[id - 1]!.customer);
            }
          }
        }
      }
      expect([...plans].sort()).toEqual(['ordered', 'sort', 'walk']);
    } finally {
      db.close();
    }
  });

  it('a search read once is read again after any change: by this connection or committed by another', () => {
    const { db, rows } = company();
    const other = new Database(db.name);
    try {
      const q: ListFilter = { text: 'customer', sort: 'total' };
      const before = selectPage(db, q, 5_000, 50);
      expect(before.plan).toBe('ordered');
      expect(before.count).toBe(expected(rows, q).length);
      // Here: an order leaves the search.
      const gone = before.rows[0]![0];
      db.prepare("UPDATE reconcile_orders SET search = 'elsewhere' WHERE id = ?").run(gone);
      rows[gone - 1]!.search = 'elsewhere';
      expect(selectPage(db, q, 5_000, 50).count).toBe(before.count - 1);
      // Elsewhere (the reconcile worker's connection): another joins it.
      const joined = rows.find((r) => !r.search.includes('customer'))!;
      other.prepare("UPDATE reconcile_orders SET search = 'customer now' WHERE id = ?").run(joined.id);
      joined.search = 'customer now';
      const after = selectPage(db, q, 5_000, 50);
      expect({ count: after.count, ids: after.rows.map((r) => r[0]) }).toEqual(pageOf(expected(rows, q), 100));
    } finally {
      other.close();
      db.close();
    }
  });

  it("a sort's order kept for the next search is made again after any change: by this connection or committed by another", () => {
    const { db, rows } = company();
    const other = new Database(db.name);
    try {
      const deep = (q: ListFilter) => {
        const got = selectPage(db, q, 5_000, 50);
        expect(got.plan).toBe('ordered');
        expect({ count: got.count, ids: got.rows.map((r) => r[0]) }, JSON.stringify(q)).toEqual(pageOf(expected(rows, q), 100));
        return got;
      };
      const first = deep({ text: 'customer', sort: 'total' });
      // Another search on the same sort takes the kept order; each change below moves an order
      // from the middle of it to its start, which an order kept from before would not show.
      deep({ text: 'sku-', sort: 'total' });
      const moved = first.rows[0]![0];
      db.prepare('UPDATE reconcile_orders SET total = 1 WHERE id = ?').run(moved);
      rows[moved - 1]!.total = 1;
      deep({ text: '#', sort: 'total' });
      deep({ text: 'customer', sort: 'total' });
      const elsewhere = first.rows[1]![0];
      other.prepare('UPDATE reconcile_orders SET total = 2 WHERE id = ?').run(elsewhere);
      rows[elsewhere - 1]!.total = 2;
      deep({ text: 'sku-', sort: 'total' });
      deep({ text: 'customer', sort: 'total', descending: true });
    } finally {
      other.close();
      db.close();
    }
  });
});
