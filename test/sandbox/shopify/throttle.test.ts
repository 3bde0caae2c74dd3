import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../../sandbox/common/listen';
import { startShopify, type ShopifyHarness } from './helpers';

let h: ShopifyHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const Q250 = '{ orders(first: 250) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }';

describe('Shopify stand-in: calculated query cost', () => {
  it('reports requested and actual cost and the bucket on every response', async () => {
    h = await startShopify();
    const r = await h.gql(Q250);
    // 2 + 250 × 1 requested; 4 orders came back → 2 + 4 actual; the difference is refunded.
    expect(r.body.extensions!.cost).toEqual({
      requestedQueryCost: 252,
      actualQueryCost: 6,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 994, restoreRate: 100 },
    });
    const nested = await h.gql('{ orders(first: 10) { nodes { id lineItems(first: 5) { nodes { sku originalUnitPriceSet { shopMoney { amount } } } } } } }');
    // per order: 1 + lineItems (2 + 5 × (1 + 2)) = 18 → 2 + 10 × 18 = 182
    expect(nested.body.extensions!.cost.requestedQueryCost).toBe(182);
    // actual: 4 orders with 2+1+1+1 lines → 2 + Σ(1 + 2 + 3 × lines) = 2 + (3+6)+(3+3)+(3+3)+(3+3) = 29
    expect(nested.body.extensions!.cost.actualQueryCost).toBe(29);
  });

  it('answers THROTTLED with HTTP 200 when the bucket is empty, and recovers as the clock moves', async () => {
    h = await startShopify({ throttle: { maximumAvailable: 1000, restoreRate: 50 } });
    const heavy = '{ orders(first: 240) { nodes { id customer { id } } } }'; // 2 + 240 × 2 = 482, actual 2 + 4 × 2 = 10
    // Drain: each heavy query nets 10 points; a query that requests more than what is left is refused.
    let available = 1000;
    for (let i = 0; i < 3; i++) {
      const r = await h.gql(heavy);
      expect(r.body.errors).toBeUndefined();
      available = r.body.extensions!.cost.throttleStatus.currentlyAvailable;
    }
    expect(available).toBe(970);
    const costly = '{ orders(first: 245) { nodes { id customer { id } lineItems(first: 1) { nodes { id } } } } }';
    // 2 + 245 × (1 + 1 + (2 + 1)) = 1227 > 1000: refused before the bucket is consulted
    const tooBig = await h.gql(costly);
    expect(tooBig.status).toBe(200);
    expect(tooBig.body.errors![0]!.extensions!['code']).toBe('MAX_COST_EXCEEDED');
    expect(tooBig.body.errors![0]!.message).toMatch(/^Query cost is 1227, which exceeds the single query max cost limit \(1000\)/);

    // Empty the bucket by making actual cost equal requested: a query whose nodes all come back.
    // Ten aliased connections that all come back full: requested 10 × 6 = 60, actual 60.
    const exact = `{ ${Array.from({ length: 10 }, (_, i) => `o${i}: orders(first: 4) { nodes { id } }`).join(' ')} }`;
    let r = await h.gql(exact);
    expect(r.body.extensions!.cost).toMatchObject({ requestedQueryCost: 60, actualQueryCost: 60 });
    while (r.body.extensions!.cost.throttleStatus.currentlyAvailable >= 60 && !r.body.errors) {
      r = await h.gql(exact);
    }
    const drained = await h.gql(heavy);
    expect(drained.status).toBe(200);
    expect(drained.body.data ?? null).toBeNull();
    expect(drained.body.errors).toEqual([
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } },
    ]);
    expect(drained.body.extensions!.cost.requestedQueryCost).toBe(482);
    expect(drained.body.extensions!.cost.actualQueryCost).toBeNull();
    const left = drained.body.extensions!.cost.throttleStatus.currentlyAvailable;
    expect(left).toBeLessThan(482);

    // 50 points/s: after (482 − left) / 50 seconds the same query goes through.
    h.clock.ms += Math.ceil((482 - left) / 50) * 1000;
    const after = await h.gql(heavy);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.orders.nodes).toHaveLength(4);
  });

  it('never throttles with rateLimits off but still reports cost', async () => {
    h = await startShopify({ throttle: { maximumAvailable: 100 }, options: { rateLimits: 'off' } });
    for (let i = 0; i < 3; i++) {
      const r = await h.gql('{ orders(first: 40) { nodes { id } } }');
      expect(r.body.errors).toBeUndefined();
      expect(r.body.extensions!.cost.requestedQueryCost).toBe(42);
      expect(r.body.extensions!.cost.throttleStatus.currentlyAvailable).toBe(100);
    }
  });

  it('throttled(res) writes the same THROTTLED answer for the composer\'s fault bursts', async () => {
    h = await startShopify();
    const composer = await listen((_req, res) => h!.standIn.throttled(res));
    const res = await fetch(`${composer.origin}/admin/api/2025-10/graphql.json`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }>; extensions: { cost: { actualQueryCost: null } } };
    expect(body.errors[0]!.extensions.code).toBe('THROTTLED');
    expect(body.extensions.cost.actualQueryCost).toBeNull();
    await composer.close();
  });

  it('keeps the bucket across exportState/importState', async () => {
    h = await startShopify();
    await h.gql('{ orders(first: 4) { nodes { id } } }');
    const saved = JSON.parse(JSON.stringify(h.standIn.exportState()));
    await h.running.close();
    h = await startShopify();
    h.standIn.importState(saved);
    const r = await h.gql('{ shop { name } }');
    expect(r.body.extensions!.cost.throttleStatus.currentlyAvailable).toBe(993);
  });
});
