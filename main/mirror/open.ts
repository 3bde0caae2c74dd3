import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestVersion, migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type CompanyDb = Database.Database;

/** One SQLite file per QuickBooks company: `<dataDir>/companies/<realmId>.sqlite`. */
export function companyDbPath(dataDir: string, realmId: string): string {
  if (!/^[0-9]+$/.test(realmId)) throw new Error(`a QuickBooks realm id is digits only, not ${JSON.stringify(realmId)}`);
  return join(dataDir, 'companies', `${realmId}.sqlite`);
}

/**
 * Opens (creating if needed) a company's mirror and brings its schema up to date. The schema version
 * is checked before any pragma that writes (journal mode), so a file from a newer build is refused
 * untouched.
 */
export function openCompanyDb(dataDir: string, realmId: string): CompanyDb {
  const file = companyDbPath(dataDir, realmId);
  mkdirSync(join(dataDir, 'companies'), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    // Refuse a future file before switching it to WAL, which would write to it.
    if (version <= latestVersion(MIGRATIONS)) {
      // Only a new, empty file takes a page size (before WAL). QBO rows carry ~1.5 KB of raw JSON;
      // with 4 KB pages a sales transaction fills most of a page and bulk ingest is 2-3x slower.
      if (version === 0) db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    migrate(db, MIGRATIONS, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
