import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbFromFutureError, checkMigrationList, migrate, type Migration } from '../../main/mirror/migrate';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { companyDbPath, openCompanyDb } from '../../main/mirror/open';
import { tempDir } from '../helpers/tmp';


describe('company database and migrations', () => {
  it('creates <dataDir>/companies/<realmId>.sqlite in WAL mode with foreign keys and synchronous NORMAL', () => {
    const dir = tempDir();
    const db = openCompanyDb(dir, '9130350');
    expect(db.name).toBe(companyDbPath(dir, '9130350'));
    expect(db.name.endsWith('/companies/9130350.sqlite')).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    // WAL is a property of the file, not of the connection that set it: a plain reopen still sees it.
    const plain = new Database(companyDbPath(dir, '9130350'));
    expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(plain.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    plain.close();
  });

  it('refuses a realm id that is not digits (it becomes a file name)', () => {
    expect(() => companyDbPath(tempDir(), '../etc')).toThrow(/digits only/);
  });

  it('lists migrations 1, 2, 3… in order and rejects a list that is not', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const step = (version: number): Migration => ({ version, name: `m${version}`, up: () => {} });
    expect(() => checkMigrationList([step(1), step(3)])).toThrow(/out of order/);
    expect(() => checkMigrationList([step(2), step(1)])).toThrow(/out of order/);
  });

  it('re-opening a current file applies nothing and changes no schema', () => {
    const dir = tempDir();
    openCompanyDb(dir, '1').close();
    const db = new Database(companyDbPath(dir, '1'));
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    expect(migrate(db, MIGRATIONS, db.name)).toEqual([]);
    db.close();
    const again = openCompanyDb(dir, '1');
    expect(again.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a file from a newer build and leaves it byte-for-byte untouched', () => {
    const dir = tempDir();
    const file = companyDbPath(dir, '42');
    openCompanyDb(dir, '42').close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    let error: unknown;
    try {
      openCompanyDb(dir, '42');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbFromFutureError);
    expect((error as Error).message).toMatch(new RegExp(`schema version ${MIGRATIONS.length + 5}.*knows versions up to ${MIGRATIONS.length}.*not changed`));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('applies all pending migrations in one transaction: a failing step leaves the file at its old version', () => {
    const file = join(tempDir(), 'company.sqlite');
    const failing = new Database(file);
    const good: Migration = { version: 1, name: 'good', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') };
    const bad: Migration = { version: 2, name: 'bad', up: (d) => d.exec('CREATE TABLE b (x NOPE_NOT_SQL') };
    expect(() => migrate(failing, [good, bad], file)).toThrow();
    failing.close();
    // Reopened, as the next start would: the rollback must hold on disk, not only in that connection.
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'a'").get()).toEqual({ n: 0 });
    expect(migrate(db, [good], file)).toEqual([1]);
    const second: Migration = { version: 2, name: 'second', up: (d) => d.exec('CREATE TABLE b (x INTEGER) STRICT') };
    expect(migrate(db, [good, second], file)).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});
