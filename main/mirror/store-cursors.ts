/** Where a store connection's incremental pull left off (e.g. Shopify's updated_at cursor). */
import type { CompanyDb } from './open';

export function readCursor(db: CompanyDb, storeId: string, name: string): string | undefined {
  const row = db.prepare<[string, string], { value: string }>('SELECT value FROM store_cursors WHERE store_id = ? AND name = ?').get(storeId, name);
  return row?.value;
}

export function writeCursor(db: CompanyDb, storeId: string, name: string, value: string): void {
  db.prepare(
    `INSERT INTO store_cursors (store_id, name, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (store_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(storeId, name, value, new Date().toISOString());
}
