import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openCompanyDb, type CompanyDb } from '../../../main/mirror/open';
import type { StoreOrder } from '../../../main/orders/store-order';
import { loadOrder } from '../../../main/mirror/store-orders';

export const REALM = '9341453117294856';

/** A fresh company mirror in a temp folder, closed and removed when the test ends. */
export function freshMirror(): { db: CompanyDb; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerbridge-stores-'));
  const db = openCompanyDb(dataDir, REALM);
  onTestFinished(() => {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { db, dataDir };
}

export function allOrders(db: CompanyDb, storeId: string): StoreOrder[] {
  const ids = db.prepare('SELECT source_id FROM store_orders WHERE store_id = ? ORDER BY source_id').all(storeId) as Array<{ source_id: string }>;
  return ids.map((r) => loadOrder(db, storeId, r.source_id)!);
}

/** Collects every page of a pull. */
export async function collect(pages: AsyncIterable<{ orders: StoreOrder[] }>): Promise<StoreOrder[]> {
  const out: StoreOrder[] = [];
  for await (const page of pages) out.push(...page.orders);
  return out;
}
