import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from '../../main/mirror/migrate';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { companyDbPath } from '../../main/mirror/open';
import { tempDir } from './tmp';

/**
 * A company file as an older release left it: migrated only up to `version`, open on a plain
 * connection for the test to fill. Close it, then open the folder with openCompanyDb to upgrade.
 */
export function companyAtVersion(version: number, realm = '42'): { dir: string; old: Database.Database } {
  const dir = tempDir();
  const file = companyDbPath(dir, realm);
  mkdirSync(dirname(file), { recursive: true });
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, version), file);
  return { dir, old };
}
