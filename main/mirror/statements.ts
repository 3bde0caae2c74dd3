/**
 * Compiled statements kept per open connection: compiling SQL costs more than the point reads and
 * writes it is used for, and a sync or an incremental reconcile runs the same ones thousands of times.
 */
import type { Statement } from 'better-sqlite3';
import type { CompanyDb } from './open';

/** One `make(db)` per connection, made on first use and dropped with the connection. */
export function perConnection<T>(make: (db: CompanyDb) => T): (db: CompanyDb) => T {
  const made = new WeakMap<CompanyDb, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = make(db)));
    return value;
  };
}

const byText = perConnection(() => new Map<string, Statement>());

/** `sql` compiled once per connection (for statements whose text is built at run time). */
export function prepared(db: CompanyDb, sql: string): Statement {
  const statements = byText(db);
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
