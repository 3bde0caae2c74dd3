import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CompanyDb } from '../../../main/mirror/open';

export const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', 'csv', name);

/** A digest of every store row in the mirror (ignoring when rows were written), to prove nothing changed. */
export function mirrorDigest(db: CompanyDb): string {
  const hash = createHash('sha256');
  for (const table of ['store_orders', 'store_order_lines', 'store_order_refunds', 'store_order_transactions', 'store_cursors']) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<string, unknown>[];
    for (const row of rows) {
      delete row.mirrored_at;
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
  }
  return hash.digest('hex');
}

export function orderIds(db: CompanyDb, storeId: string): string[] {
  return (db.prepare('SELECT source_id FROM store_orders WHERE store_id = ? ORDER BY source_id').all(storeId) as { source_id: string }[]).map((r) => r.source_id);
}
