/**
 * FIDELITY: Shopify's own Admin API client, unmodified, talks to the stand-in. Only the transport
 * is redirected (customFetchApi rewrites https://{shop}/… to the loopback server).
 */
import { createAdminApiClient } from '@shopify/admin-api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startShopify, TOKEN, type ShopifyHarness } from './helpers';

let h: ShopifyHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const ORDERS = `query Orders($first: Int!, $after: String, $q: String) {
  orders(first: $first, after: $after, query: $q, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id legacyResourceId name updatedAt displayFinancialStatus
      totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
      refunds(first: 5) { id totalRefundedSet { shopMoney { amount } } }
    } }
  }
}`;

describe('FIDELITY: @shopify/admin-api-client against the Shopify stand-in', () => {
  it('pages orders with variables and reads extensions.cost', async () => {
    h = await startShopify();
    const base = h.running.origin;
    const requested: string[] = [];
    const client = createAdminApiClient({
      storeDomain: 'harbor-goods.myshopify.com',
      apiVersion: '2026-10',
      accessToken: TOKEN,
      customFetchApi: (url, init) => {
        requested.push(String(url));
        return fetch(String(url).replace(/^https:\/\/harbor-goods\.myshopify\.com/, base), init);
      },
    });

    const names: string[] = [];
    let after: string | null = null;
    const costs: number[] = [];
    for (let page = 0; page < 5; page++) {
      const res: { data?: unknown; errors?: unknown; extensions?: unknown } = await client.request(ORDERS, { variables: { first: 2, after, q: "updated_at:>='2026-11-01T00:00:00Z'" } });
      expect(res.errors).toBeUndefined();
      const conn: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { name: string } }> } = (res.data as { orders: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { name: string } }> } }).orders;
      names.push(...conn.edges.map((e) => e.node.name));
      const cost = (res.extensions as { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } } }).cost;
      costs.push(cost.throttleStatus.currentlyAvailable);
      expect(cost.actualQueryCost).toBeGreaterThan(0);
      expect(cost.requestedQueryCost).toBeGreaterThanOrEqual(cost.actualQueryCost);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toEqual(['#1001', '#1002', '#1004', '#1005']);
    expect(requested[0]).toBe('https://harbor-goods.myshopify.com/admin/api/2026-10/graphql.json');
    // Each request spends points from the same bucket.
    expect(costs[1]!).toBeLessThan(costs[0]!);
  });

  it('surfaces the stand-in\'s 401 through the client as a network error status', async () => {
    h = await startShopify();
    const base = h.running.origin;
    const client = createAdminApiClient({
      storeDomain: 'harbor-goods.myshopify.com',
      apiVersion: '2026-10',
      accessToken: 'shpat_not_valid',
      customFetchApi: (url, init) => fetch(String(url).replace(/^https:\/\/harbor-goods\.myshopify\.com/, base), init),
    });
    const res = await client.request('{ shop { name } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.networkStatusCode).toBe(401);
  });
});
