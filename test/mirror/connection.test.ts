import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { tempDir } from '../helpers/tmp';

const settings = (db: Database.Database) => ({ busyTimeout: db.pragma('busy_timeout', { simple: true }), synchronous: db.pragma('synchronous', { simple: true }) });

describe('a connection opened by path (the full run’s reader and writer threads)', () => {
  // better-sqlite3 builds SQLite with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 and waits 5 s on a lock by
  // default, so the threads' plain connections commit and wait as openCompanyDb's do without
  // setting it; this holds them to it should a later better-sqlite3 change either default.
  it('commits and waits for a lock as openCompanyDb’s connection does, read-only or not', () => {
    const app = openCompanyDb(tempDir(), '31');
    try {
      const want = settings(app);
      expect(want).toEqual({ busyTimeout: 5000, synchronous: 1 });
      for (const options of [{ fileMustExist: true }, { readonly: true, fileMustExist: true }]) {
        const thread = new Database(app.name, options);
        try {
          expect(settings(thread), JSON.stringify(options)).toEqual(want);
        } finally {
          thread.close();
        }
      }
    } finally {
      app.close();
    }
  });
});
