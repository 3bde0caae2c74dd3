import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/mirror/migrate';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { RECONCILE_LIST_INDEXES } from '../../main/mirror/migrations/011-narrow-list-indexes';
import { companyDbPath, openCompanyDb } from '../../main/mirror/open';
import { listQuery, SORT_KEYS } from '../../main/reconcile/read';
import { tempDir } from '../helpers/tmp';

const indexSql = (db: Database.Database): string[] =>
  (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reconcile_orders' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[]).map((s) => `${s};`).sort();

describe('migration 011: the list indexes without the customer', () => {
  it('narrows a version-10 file’s indexes to those a full run builds, and every sort still walks one of them instead of sorting', () => {
    const dir = tempDir();
    const file = companyDbPath(dir, '42');
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 10), file);
    expect(indexSql(old).filter((s) => s.includes('customer'))).toHaveLength(4);
    old.close();

    const db = openCompanyDb(dir, '42');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(indexSql(db)).toEqual([...RECONCILE_LIST_INDEXES].sort());
      // Unfiltered, a sort must walk its index: sorting 100,000 rows per page is what the indexes are for.
      // (Filtered, the planner may search a filter's index and sort the few rows it finds.)
      for (const sort of SORT_KEYS) {
        for (const descending of [false, true]) {
          const { page: sql, params } = listQuery({ sort, descending });
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 50, 0) as Array<{ detail: string }>).map((p) => p.detail).join('; ');
          expect(plan, sort).toMatch(/^SCAN reconcile_orders USING (COVERING )?INDEX reconcile_orders_by_\w+$/);
        }
      }
    } finally {
      db.close();
    }
  });
});
