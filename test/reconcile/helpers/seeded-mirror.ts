/**
 * A company mirror filled from a seeded business the way the app fills it: the books through the
 * mirror's QBO writer, the store through the Shopify stand-in on 127.0.0.1, the Shopify connector
 * and `pullStore`. The pulled orders are returned too, so a test can reuse them without a second pull.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCompanyDb, type CompanyDb } from '../../../main/mirror/open';
import { writeQboEntities, type MirroredEntity } from '../../../main/mirror/qbo/write';
import { pullStore } from '../../../main/stores/pull-store';
import { loadOrder } from '../../../main/mirror/store-orders';
import { ShopifyConnector } from '../../../main/stores/shopify/connector';
import type { StoreOrder } from '../../../main/orders/store-order';
import { defaultStandInOptions } from '../../../sandbox/common/types';
import { createShopifyStandIn } from '../../../sandbox/shopify/index';
import type { SeedBooks, SeedBusiness } from '../../../sandbox/seed/types';

export const REALM = '9341453117294856';
export const STORE_ID = 'shop-1';
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

const BOOK_ENTITIES: MirroredEntity[] = [
  'TaxCode', 'TaxRate', 'Account', 'PaymentMethod', 'Customer', 'Item', 'Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt', 'Payment',
];

export function tempDir(prefix = 'ledgerbridge-reconcile-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every QBO entity of the books into the mirror, through the same writer the sync uses. */
export function writeBooks(db: CompanyDb, books: SeedBooks): void {
  writeQboEntities(db, 'CompanyInfo', [books.CompanyInfo]);
  writeQboEntities(db, 'Preferences', [books.Preferences]);
  for (const entity of BOOK_ENTITIES) {
    // The seed shares frozen reference objects between documents; the writer only reads them.
    writeQboEntities(db, entity, books[entity as keyof SeedBooks] as Array<Record<string, unknown>>);
  }
}

/** The store's orders as the Shopify connector normalises them, pulled over HTTP from the stand-in. */
export async function pullSeededStore(db: CompanyDb, business: SeedBusiness, now: number): Promise<void> {
  const shift = now - Date.now();
  const clock = () => Date.now() + shift;
  const standIn = createShopifyStandIn({
    store: business.store,
    accessToken: TOKEN,
    readAllOrders: true,
    options: defaultStandInOptions({ now: clock, rateLimits: 'off' }),
  });
  const server = createServer(standIn.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const connector = new ShopifyConnector({
      storeName: business.store.name, shopDomain: business.store.domain, accessToken: TOKEN,
      endpoint: `http://127.0.0.1:${port}/admin/api/2025-07/graphql.json`, now: clock, bulkPollMs: 5, retryDelaysMs: [20],
    });
    await pullStore(db, STORE_ID, connector);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface SeededMirror {
  db: CompanyDb;
  dataDir: string;
  close(): void;
}

/** A fresh mirror holding `business`: books written, store pulled. */
export async function seededMirror(business: SeedBusiness, now: number): Promise<SeededMirror> {
  const { dir, remove } = tempDir();
  const db = openCompanyDb(dir, REALM);
  writeBooks(db, business.books);
  await pullSeededStore(db, business, now);
  return { db, dataDir: dir, close: () => { db.close(); remove(); } };
}

/** A copy of a mirror in its own temp folder (one seeded pull serves many tests). */
export function cloneMirror(source: CompanyDb): SeededMirror {
  const { dir, remove } = tempDir();
  mkdirSync(join(dir, 'companies'), { recursive: true });
  source.prepare('VACUUM INTO ?').run(join(dir, 'companies', `${REALM}.sqlite`));
  const db = openCompanyDb(dir, REALM);
  return { db, dataDir: dir, close: () => { db.close(); remove(); } };
}

export function allStoreOrders(db: CompanyDb): StoreOrder[] {
  const rows = db.prepare('SELECT store_id, source_id FROM store_orders ORDER BY id').all() as Array<{ store_id: string; source_id: string }>;
  return rows.map((r) => loadOrder(db, r.store_id, r.source_id)!);
}
