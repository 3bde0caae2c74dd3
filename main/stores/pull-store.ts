import { readCursor, writeCursor } from '../mirror/store-cursors';
import type { CompanyDb } from '../mirror/open';
import { upsertOrders, type UpsertCounts } from '../mirror/store-orders';
import type { PullOptions, StoreConnector } from './connector';

export const ORDERS_CURSOR = 'orders';

export interface StorePullResult extends UpsertCounts {
  pages: number;
}

/**
 * Pulls a store into the company's mirror. Each page and the cursor after it commit together:
 * a cancel or crash between pages loses nothing and repeats nothing but the overlap window.
 */
export async function pullStore(
  db: CompanyDb,
  storeId: string,
  connector: StoreConnector,
  options: Omit<PullOptions, 'cursor'> = {},
): Promise<StorePullResult> {
  const result: StorePullResult = { added: 0, updated: 0, unchanged: 0, pages: 0 };
  const cursor = readCursor(db, storeId, ORDERS_CURSOR) ?? null;
  for await (const page of connector.pull({ ...options, cursor })) {
    options.signal?.throwIfAborted();
    db.transaction(() => {
      const counts = upsertOrders(db, storeId, page.orders);
      writeCursor(db, storeId, ORDERS_CURSOR, page.cursor);
      result.added += counts.added;
      result.updated += counts.updated;
      result.unchanged += counts.unchanged;
    })();
    result.pages++;
  }
  return result;
}
