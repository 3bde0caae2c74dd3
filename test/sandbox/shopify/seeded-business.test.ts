/**
 * Both store stand-ins serving the generated demo business: every order is reachable by paging,
 * money adds up the same way through Shopify's MoneyBags and WooCommerce's strings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOW, demoBusiness } from '../../../sandbox/seed/index';
import { startWoo, type WooHarness } from '../woocommerce/helpers';
import { startShopify, type ShopifyHarness } from './helpers';

let shop: ShopifyHarness | null = null;
let woo: WooHarness | null = null;
afterEach(async () => {
  await shop?.running.close();
  await woo?.running.close();
  shop = null;
  woo = null;
});

const QUERY = `query All($after: String) { orders(first: 25, after: $after, sortKey: UPDATED_AT) {
  pageInfo { hasNextPage endCursor }
  nodes { legacyResourceId name totalPriceSet { shopMoney { amount currencyCode } } totalRefundedSet { shopMoney { amount } }
    lineItems(first: 5) { nodes { quantity originalUnitPriceSet { shopMoney { amount } } } } }
} }`;

describe('store stand-ins over the demo business', () => {
  it('pages every demo order out of Shopify (read_all_orders) and WooCommerce with the same totals', async () => {
    const business = demoBusiness();
    const orders = business.store.orders;
    shop = await startShopify({ store: business.store, readAllOrders: true, options: { now: () => DEMO_NOW.getTime(), rateLimits: 'off' } });
    shop.clock.ms = DEMO_NOW.getTime();
    const fromShopify = new Map<string, string>();
    let after: string | null = null;
    for (;;) {
      const r = await shop.gql(QUERY, { after });
      expect(r.body.errors).toBeUndefined();
      const conn = r.body.data!.orders as { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ legacyResourceId: string; totalPriceSet: { shopMoney: { amount: string } } }> };
      for (const n of conn.nodes) fromShopify.set(n.legacyResourceId, n.totalPriceSet.shopMoney.amount);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(fromShopify.size).toBe(orders.length);

    woo = await startWoo({ store: business.store });
    woo.clock.ms = DEMO_NOW.getTime();
    const fromWoo = new Map<string, string>();
    for (let page = 1; ; page++) {
      const r = await woo.get(`orders?per_page=100&page=${page}`);
      expect(r.status).toBe(200);
      for (const o of r.body as Array<{ id: number; total: string }>) fromWoo.set(String(o.id), o.total);
      if (page >= Number(r.headers.get('x-wp-totalpages'))) break;
    }
    expect(fromWoo.size).toBe(orders.length);
    for (const o of orders) {
      // Shopify drops trailing zeros ("12.3"), WooCommerce keeps the store's decimals ("12.30").
      expect(Number(fromShopify.get(o.id))).toBe(Number(fromWoo.get(o.id)));
      expect(Math.round(Number(fromWoo.get(o.id)) * 100)).toBe(o.totalMinor);
    }

    // Without read_all_orders only the last 60 days are visible.
    await shop.running.close();
    shop = await startShopify({ store: business.store, options: { rateLimits: 'off' } });
    shop.clock.ms = DEMO_NOW.getTime();
    const recent = orders.filter((o) => Date.parse(o.createdAt) >= DEMO_NOW.getTime() - 60 * 86_400_000).length;
    const count = await shop.gql('{ ordersCount(limit: null) { count precision } }');
    expect(count.body.data!.ordersCount).toEqual({ count: recent, precision: 'EXACT' });
    expect(recent).toBeLessThan(orders.length);
  });
});
