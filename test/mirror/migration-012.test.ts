import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { openCompanyDb } from '../../main/mirror/open';
import { pageStatement, selectionOf, SORT_KEYS, type ListFilter } from '../../main/reconcile/list-query';
import { companyAtVersion } from '../helpers/old-company';

const numberIndex = (db: Database.Database): string =>
  db.prepare("SELECT sql FROM sqlite_master WHERE name = 'reconcile_orders_by_number'").pluck().get() as string;

describe('migration 012: the number index holds the filters', () => {
  it('widens a version-11 file’s number index, and every walk, filtered or not, reads its index in order without sorting', () => {
    const { dir, old } = companyAtVersion(11);
    expect(numberIndex(old)).toMatch(/\(length\(number\), number\)$/);
    old.close();

    const db = openCompanyDb(dir, '42');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(numberIndex(db)).toMatch(/\(length\(number\), number, order_date, total, status\)$/);
      // A filter on a later column of the index (status on the date index) made SQLite sort
      // everything it found when the ORDER BY named id; the walks leave id to the index.
      const filters: ListFilter[] = [{}, { status: 'in_sync' }, { status: ['differs', 'in_sync'], from: '2026-01-01', to: '2026-06-30', minTotal: 100, maxTotal: 9_000 }];
      for (const filter of filters) {
        for (const sort of SORT_KEYS) {
          for (const descending of [false, true]) {
            const s = selectionOf({ ...filter, sort });
            const { sql, params } = pageStatement(s, 'walk', descending, null);
            const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 50, 0) as Array<{ detail: string }>).map((p) => p.detail).join('; ');
            expect(plan, `${JSON.stringify(filter)} by ${sort}`).toMatch(new RegExp(`^(SCAN|SEARCH) reconcile_orders USING (COVERING )?INDEX reconcile_orders_by_${sort}( \\(.*\\))?$`));
          }
        }
      }
    } finally {
      db.close();
    }
  });
});
