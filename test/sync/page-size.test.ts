import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/mirror/migrate';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { companyDbPath, openCompanyDb } from '../../main/mirror/open';
import { tempDir } from '../helpers/tmp';

describe('mirror page size', () => {
  it('creates new company files with 16 KB pages (QBO rows carry ~1.5 KB of raw JSON) and leaves existing files as they are', () => {
    const dir = tempDir();
    const fresh = openCompanyDb(dir, '11');
    expect(fresh.pragma('page_size', { simple: true })).toBe(16384);
    expect(fresh.pragma('journal_mode', { simple: true })).toBe('wal');
    fresh.close();

    // A file made by an earlier build (4 KB pages, schema version 1) keeps its page size.
    mkdirSync(`${dir}/companies`, { recursive: true });
    const old = new Database(companyDbPath(dir, '22'));
    migrate(old, MIGRATIONS.slice(0, 1), 'old');
    old.close();
    const reopened = openCompanyDb(dir, '22');
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });
});
