import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { RECONCILE_LIST_INDEXES } from '../../main/mirror/migrations/012-number-index-filters';
import { openCompanyDb } from '../../main/mirror/open';
import { companyAtVersion } from '../helpers/old-company';

const indexSql = (db: Database.Database): string[] =>
  (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reconcile_orders' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[]).map((s) => `${s};`).sort();

describe('migration 011: the list indexes without the customer', () => {
  it('narrows a version-10 file’s indexes to those a full run builds', () => {
    const { dir, old } = companyAtVersion(10);
    expect(indexSql(old).filter((s) => s.includes('customer'))).toHaveLength(4);
    old.close();

    const db = openCompanyDb(dir, '42');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(indexSql(db)).toEqual([...RECONCILE_LIST_INDEXES].sort());
    } finally {
      db.close();
    }
  });
});
