import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/mirror/migrate';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { openCompanyDb } from '../../main/mirror/open';
import { qboSyncState003 } from '../../main/mirror/migrations/003-qbo-sync-state';
import { advanceCursor, beginFullPull, donePages, recordCompanyOutcome, companySyncStatus, recordPage, syncState } from '../../main/mirror/qbo/sync-state';
import { tempDir } from '../helpers/tmp';

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('migration 003: QBO sync state', () => {
  it('is registered third and upgrades a version-2 file in place', () => {
    expect(MIGRATIONS[2]).toBe(qboSyncState003);
    expect(qboSyncState003.version).toBe(3);
    const file = join(tempDir(), 'company.sqlite');
    const open = () => {
      const db = new Database(file);
      db.pragma('foreign_keys = ON');
      return db;
    };
    // A build that knew only versions 1 and 2 wrote the file and closed it.
    const v2 = open();
    expect(migrate(v2, MIGRATIONS.slice(0, 2), file)).toEqual([1, 2]);
    v2.prepare("INSERT INTO qbo_customers (id, sync_token, display_name, active, last_updated, raw) VALUES ('1', '0', 'Amy', 1, 't', '{}')").run();
    v2.close();
    const upgrading = open();
    expect(migrate(upgrading, MIGRATIONS.slice(0, 3), file)).toEqual([3]);
    upgrading.close();
    // A fresh connection reads what the upgrade wrote to the file, not what one connection saw.
    const db = open();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT count(*) FROM qbo_customers').pluck().get()).toBe(1);
    expect(columns(db, 'qbo_sync_state')).toEqual([
      'entity', 'phase', 'full_started_at', 'full_total', 'page_size', 'cursor', 'last_success_at', 'last_error', 'last_error_at', 'remote_count', 'updated_at',
    ]);
    expect(columns(db, 'qbo_sync_pages')).toEqual(['entity', 'page_no', 'rows']);
    expect(columns(db, 'qbo_sync_company')).toEqual(['key', 'last_attempt_at', 'last_success_at', 'last_error', 'last_error_at', 'offline']);
    db.close();
  });

  it('enforces what a resumable pull relies on', () => {
    // Opened the way a pull opens it (foreign keys on, every migration applied).
    const db = openCompanyDb(tempDir(), '1');
    // An incremental entity needs a cursor; a full pull needs its start and page size.
    expect(() => db.prepare("INSERT INTO qbo_sync_state (entity, phase, updated_at) VALUES ('Invoice', 'incremental', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO qbo_sync_state (entity, phase, updated_at) VALUES ('Invoice', 'full', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO qbo_sync_state (entity, phase, cursor, updated_at) VALUES ('Invoice', 'later', 'c', 't')").run()).toThrow(/CHECK/);
    // Page markers belong to an entity's pull and go with it.
    expect(() => recordPage(db, 'Invoice', 0, 1000)).toThrow(/FOREIGN KEY/);
    beginFullPull(db, 'Invoice', { startedAt: '2026-11-25T09:00:00.000Z', total: 2500, pageSize: 1000, at: 'now' });
    recordPage(db, 'Invoice', 0, 1000);
    recordPage(db, 'Invoice', 2, 500);
    expect(donePages(db, 'Invoice')).toEqual(new Map([[0, 1000], [2, 500]]));
    // A new full pull forgets the pages of the previous one.
    beginFullPull(db, 'Invoice', { startedAt: '2026-11-25T10:00:00.000Z', total: null, pageSize: 1000, at: 'now' });
    expect(donePages(db, 'Invoice').size).toBe(0);
    recordPage(db, 'Invoice', 0, 1000);
    advanceCursor(db, 'Invoice', '2026-11-25T10:05:00.000-08:00', { at: 'later', remoteCount: 2500 });
    expect(syncState(db, 'Invoice')).toMatchObject({ phase: 'incremental', cursor: '2026-11-25T10:05:00.000-08:00', fullStartedAt: null, remoteCount: 2500, lastSuccessAt: 'later' });
    expect(donePages(db, 'Invoice').size).toBe(0);
    expect(() => db.prepare('INSERT INTO qbo_sync_company (key) VALUES (2)').run()).toThrow(/CHECK/);
    recordCompanyOutcome(db, { at: 'a', ok: false, error: 'offline', offline: true });
    expect(companySyncStatus(db)).toMatchObject({ offline: true, lastError: 'offline', lastSuccessAt: null });
    recordCompanyOutcome(db, { at: 'b', ok: true });
    expect(companySyncStatus(db)).toEqual({ lastAttemptAt: 'b', lastSuccessAt: 'b', lastError: null, lastErrorAt: null, offline: false });
    db.close();
  });
});
