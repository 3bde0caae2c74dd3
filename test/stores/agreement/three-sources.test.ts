/**
 * The same seeded business through the three sources — Shopify's API, WooCommerce's API and
 * Shopify's CSV export — gives the same normalised orders on every field each source carries.
 * Fields a source does not carry are listed where they are skipped. Shopify's API against
 * WooCommerce's is test/stores/woocommerce/same-business.test.ts; Shopify's API against its CSV
 * export is here (the export carries no line tax, refund detail, transactions or presentment
 * amounts, so those are not compared).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCompanyDb, type CompanyDb } from '../../../main/mirror/open';
import { loadOrder } from '../../../main/mirror/store-orders';
import type { StoreOrder } from '../../../main/orders/store-order';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { storeKind } from '../../../main/stores/kinds';
import { pullStore } from '../../../main/stores/pull-store';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start';
import { tempDir } from '../../helpers/tmp';
import { writeShopifyExport } from './csv-export';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', rateLimits: 'off' });
});
afterAll(async () => {
  await sandbox?.stop();
});

function orders(db: CompanyDb, storeId: string): Map<string, StoreOrder> {
  const ids = db.prepare('SELECT source_id FROM store_orders WHERE store_id = ?').pluck().all(storeId) as string[];
  return new Map(ids.map((id) => [loadOrder(db, storeId, id)!.number.replace(/^#/, ''), loadOrder(db, storeId, id)!]));
}

/** What Shopify's order export carries of an order (no line tax, no refund detail, no transactions). */
function csvView(o: StoreOrder) {
  return {
    currency: o.currency,
    createdAt: o.createdAt,
    email: o.customer.email,
    financialStatus: o.financialStatus,
    cancelled: o.cancelledAt !== null,
    total: o.total,
    totalTax: o.totalTax,
    shipping: o.shippingLines.reduce((s, l) => s + l.amount, 0),
    refunded: o.refunds.reduce((s, r) => s + r.amount, 0),
    test: o.test,
    lines: o.lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount, total: l.total })),
  };
}

describe('one business, three sources', () => {
  it('Shopify API and the Shopify CSV export agree on every field the export carries', async () => {
    const dir = tempDir();
    const db = openCompanyDb(dir, '1');
    try {
      const graphql = new URL(sandbox.info.shopify.graphqlUrl);
      const shopify = storeKind('shopify')!.build(
        { name: 'Harbor (API)', address: sandbox.info.shopify.shop, apiUrl: graphql.origin, apiVersion: /\/api\/([^/]+)\//.exec(graphql.pathname)![1]! },
        { accessToken: sandbox.info.shopify.accessToken },
      );
      await pullStore(db, 'api', shopify);
      const file = join(dir, 'orders_export.csv');
      writeShopifyExport(file, sandbox.business.store.orders);
      const imported = await importCsv({ db, storeId: 'csv', file });
      expect(imported.rejected).toEqual([]);
      expect(imported.added).toBe(sandbox.business.store.orders.length);

      const fromApi = orders(db, 'api');
      const fromCsv = orders(db, 'csv');
      expect([...fromCsv.keys()].sort()).toEqual([...fromApi.keys()].sort());
      for (const [number, apiOrder] of fromApi) {
        expect(csvView(fromCsv.get(number)!), `order ${number}`).toEqual(csvView(apiOrder));
      }
    } finally {
      db.close();
    }
  });
});
