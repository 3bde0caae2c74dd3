/**
 * Numbered schema migrations, recorded in `PRAGMA user_version`. Every pending migration runs in
 * one transaction, so a crash mid-upgrade leaves the file at its old version; a file written by a
 * newer build is refused before anything touches it.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class DbFromFutureError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${file} has schema version ${fileVersion}, but this build of Ledgerbridge knows versions up to ${knownVersion}. ` +
        'It was written by a newer Ledgerbridge; update Ledgerbridge to open it. The file was not changed.',
    );
    this.name = 'DbFromFutureError';
  }
}

/** Throws if the list is not strictly increasing from 1 with no gaps; a gap would skip a schema step. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list out of order: position ${index + 1} holds version ${migration.version} (${migration.name})`);
    }
  });
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/** Brings `db` up to the newest version; returns the versions applied (empty when already current). */
export function migrate(db: Database.Database, migrations: readonly Migration[], file: string): number[] {
  checkMigrationList(migrations);
  const known = latestVersion(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new DbFromFutureError(file, current, known);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${known}`);
  }).immediate();
  return pending.map((m) => m.version);
}
