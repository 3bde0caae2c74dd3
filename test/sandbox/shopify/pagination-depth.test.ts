import { afterEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../sandbox/shopify/connection';
import { harborStore } from './fixtures';
import { plainOrder } from '../../stores/helpers/orders';
import { startShopify, type ShopifyHarness } from './helpers';

let h: ShopifyHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const PAGE = `query Page($first: Int, $after: String, $q: String, $sort: OrderSortKeys) {
  orders(first: $first, after: $after, query: $q, sortKey: $sort) {
    edges { node { name updatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BULK = `mutation { bulkOperationRunQuery(query: """{ orders { edges { node { id } } } }""") {
  bulkOperation { id status } userErrors { message } } }`;

describe('Shopify stand-in: pagination depth (store-apis.md A1: "Deep pagination is capped at 25,000 objects")', () => {
  it('stops a query at its 25,000th order by default, and a narrower filter goes on', async () => {
    const orders = Array.from({ length: 25_001 }, (_, i) => plainOrder(i));
    h = await startShopify({ store: { ...harborStore(), orders }, readAllOrders: true });
    // Sorted by ID: the cursor of the 24,750th order, built the way the stand-in builds them.
    const at = (position: number) => encodeCursor({ id: 7000 + position - 1, value: 7000 + position - 1 });

    const last = await h.gql(PAGE, { first: 250, after: at(24_750) });
    expect(last.body.errors).toBeUndefined();
    expect(last.body.data!.orders.edges).toHaveLength(250);
    expect(last.body.data!.orders.pageInfo.hasNextPage).toBe(true);

    const past = await h.gql(PAGE, { first: 1, after: last.body.data!.orders.pageInfo.endCursor });
    expect(past.status).toBe(200);
    expect(past.body.data).toBeNull();
    expect(past.body.errors![0]).toMatchObject({ path: ['orders'], extensions: { code: 'PAGINATION_LIMIT_EXCEEDED', maxObjects: 25_000 } });
    expect(past.body.errors![0]!.message).toMatch(/limited to 25000 objects/);

    // The same order reached as the first of a filtered list is no deeper than 1.
    const narrowed = await h.gql(PAGE, { first: 1, q: `updated_at:>='${orders[25_000]!.updatedAt}'`, sort: 'UPDATED_AT' });
    expect(narrowed.body.errors).toBeUndefined();
    expect(narrowed.body.data!.orders.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['#27000']);
  });

  it('refuses any page that would reach past the limit, whether by cursor or by page size; bulk is not limited', async () => {
    const orders = Array.from({ length: 10 }, (_, i) => plainOrder(i));
    h = await startShopify({ store: { ...harborStore(), orders }, readAllOrders: true, paginationDepthLimit: 6 });

    const first = await h.gql(PAGE, { first: 3, sort: 'UPDATED_AT' });
    const second = await h.gql(PAGE, { first: 3, after: first.body.data!.orders.pageInfo.endCursor, sort: 'UPDATED_AT' });
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.orders.edges).toHaveLength(3);
    expect(second.body.data!.orders.pageInfo.hasNextPage).toBe(true);
    const third = await h.gql(PAGE, { first: 3, after: second.body.data!.orders.pageInfo.endCursor, sort: 'UPDATED_AT' });
    expect(third.body.data).toBeNull();
    expect(third.body.errors![0]!.extensions).toMatchObject({ code: 'PAGINATION_LIMIT_EXCEEDED', maxObjects: 6 });

    const tooLong = await h.gql(PAGE, { first: 7 });
    expect(tooLong.body.errors![0]!.message).toMatch(/limited to 6 objects; this page would reach object 7/);
    const exact = await h.gql(PAGE, { first: 6 });
    expect(exact.body.errors).toBeUndefined();

    const bulk = await h.gql(BULK);
    expect(bulk.body.data!.bulkOperationRunQuery.userErrors).toEqual([]);
    const id = bulk.body.data!.bulkOperationRunQuery.bulkOperation.id as string;
    const poll = `{ node(id: "${id}") { ... on BulkOperation { status rootObjectCount } } }`;
    expect((await h.gql(poll)).body.data!.node.status).toBe('RUNNING');
    expect((await h.gql(poll)).body.data!.node).toEqual({ status: 'COMPLETED', rootObjectCount: '10' });
  });
});
