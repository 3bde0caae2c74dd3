import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchedInsert, ROWS_PER_INSERT } from '../../main/reconcile/full-write/store';
import { tempDir } from '../helpers/tmp';

describe('inserting a refill’s rows many to a statement', () => {
  it('inserts every row in order across full statements and the remainder, and nothing twice', () => {
    const db = new Database(join(tempDir(), 'batched.sqlite'));
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n REAL, note TEXT) STRICT');
      const insert = new BatchedInsert(db, 't (id, name, n, note)', 4);
      const count = ROWS_PER_INSERT * 2 + 23;
      const expected = Array.from({ length: count }, (_, i) => [i + 1, `row ${i}`, i / 4, i % 3 === 0 ? null : 'x']);
      for (const row of expected) insert.add(row);
      // Two full statements have run; the remainder waits for flush().
      expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(ROWS_PER_INSERT * 2);
      insert.flush();
      insert.flush();
      expect(db.prepare('SELECT id, name, n, note FROM t ORDER BY id').raw().all()).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('refuses a row of the wrong width, naming both widths', () => {
    const db = new Database(join(tempDir(), 'batched.sqlite'));
    try {
      db.exec('CREATE TABLE t (a, b)');
      expect(() => new BatchedInsert(db, 't (a, b)', 2).add([1, 2, 3])).toThrow('a row of 3 values for 2 columns');
    } finally {
      db.close();
    }
  });
});
