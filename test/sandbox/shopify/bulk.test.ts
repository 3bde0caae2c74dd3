import { afterEach, describe, expect, it } from 'vitest';
import { startShopify, type ShopifyHarness } from './helpers';

let h: ShopifyHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const RUN = `mutation Run($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { code field message } } }`;
const POLL = '{ currentBulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl } }';

const INNER = `{ orders(query: "updated_at:>='2026-11-01T00:00:00Z'", sortKey: UPDATED_AT) { edges { node {
  id name totalPriceSet { shopMoney { amount currencyCode } }
  lineItems { edges { node { id sku quantity } } }
  refunds { id totalRefundedSet { shopMoney { amount } } }
} } } }`;

describe('Shopify stand-in: bulk operations', () => {
  it('runs a bulk query to a JSONL file with __parentId lines, polled CREATED → RUNNING → COMPLETED', async () => {
    h = await startShopify();
    const run = await h.gql(RUN, { q: INNER });
    expect(run.body.data!.bulkOperationRunQuery).toEqual({ bulkOperation: { id: 'gid://shopify/BulkOperation/1', status: 'CREATED' }, userErrors: [] });
    expect(run.body.extensions!.cost.requestedQueryCost).toBe(10);

    const first = await h.gql(POLL);
    expect(first.body.data!.currentBulkOperation).toMatchObject({ status: 'RUNNING', url: null });
    const viaNode = await h.gql('{ node(id: "gid://shopify/BulkOperation/1") { ... on BulkOperation { id status url objectCount rootObjectCount } } }');
    const done = viaNode.body.data!.node;
    expect(done.status).toBe('COMPLETED');
    // 4 visible orders + their 5 line items
    expect(done.rootObjectCount).toBe('4');
    expect(done.objectCount).toBe('9');
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bulk-operation-results\/1\.jsonl$/);

    const file = await fetch(done.url);
    expect(file.status).toBe(200);
    const lines = (await file.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toEqual({
      id: 'gid://shopify/Order/5001',
      name: '#1001',
      totalPriceSet: { shopMoney: { amount: '57.65', currencyCode: 'USD' } },
      refunds: [{ id: 'gid://shopify/Refund/40011', totalRefundedSet: { shopMoney: { amount: '18.93' } } }],
    });
    expect(lines[1]).toEqual({ id: 'gid://shopify/LineItem/90011', sku: 'A-1', quantity: 2, __parentId: 'gid://shopify/Order/5001' });
    expect(lines[2]).toMatchObject({ sku: 'B-2', __parentId: 'gid://shopify/Order/5001' });
    // Every child line comes after its parent.
    const seen = new Set<unknown>();
    for (const line of lines) {
      if (line['__parentId']) expect(seen.has(line['__parentId'])).toBe(true);
      seen.add(line['id']);
    }
    const polledAgain = await h.gql(POLL);
    expect(polledAgain.body.data!.currentBulkOperation.status).toBe('COMPLETED');
  });

  it('refuses a second bulk query while one runs (before 2026-01), and invalid bulk queries', async () => {
    h = await startShopify();
    await h.gql(RUN, { q: INNER });
    const second = await h.gql(RUN, { q: INNER });
    expect(second.body.data!.bulkOperationRunQuery).toEqual({
      bulkOperation: null,
      userErrors: [{
        code: 'OPERATION_IN_PROGRESS',
        field: ['query'],
        message: 'A bulk query operation for this app and shop is already in progress: gid://shopify/BulkOperation/1.',
      }],
    });
    await h.gql(POLL);
    await h.gql(POLL);
    const third = await h.gql(RUN, { q: '{ orders { edges { node { id } } } }' });
    expect(third.body.data!.bulkOperationRunQuery.bulkOperation.status).toBe('CREATED');

    const noConnection = await h.gql(RUN, { q: '{ shop { name } }' }, { version: '2026-01' });
    expect(noConnection.body.data!.bulkOperationRunQuery.userErrors[0]).toMatchObject({ code: 'INVALID', message: 'Bulk queries must contain at least one connection.' });
    const topNode = await h.gql(RUN, { q: '{ node(id: "gid://shopify/Order/5001") { id } orders { edges { node { id } } } }' }, { version: '2026-01' });
    expect(topNode.body.data!.bulkOperationRunQuery.userErrors[0].code).toBe('INVALID');
  });

  it('cancels a running operation, and keeps finished files across exportState/importState', async () => {
    h = await startShopify();
    await h.gql(RUN, { q: INNER });
    const cancel = await h.gql('mutation { bulkOperationCancel(id: "gid://shopify/BulkOperation/1") { bulkOperation { status } userErrors { message } } }');
    expect(cancel.body.data!.bulkOperationCancel).toEqual({ bulkOperation: { status: 'CANCELED' }, userErrors: [] });
    const again = await h.gql('mutation { bulkOperationCancel(id: "gid://shopify/BulkOperation/1") { userErrors { message } } }');
    expect(again.body.data!.bulkOperationCancel.userErrors[0].message).toMatch(/cannot be canceled/);
    expect((await h.gql('{ currentBulkOperation(type: MUTATION) { id } }')).body.data!.currentBulkOperation).toBeNull();

    await h.gql(RUN, { q: INNER });
    await h.gql(POLL);
    const done = (await h.gql(POLL)).body.data!.currentBulkOperation;
    expect(done.status).toBe('COMPLETED');
    const saved = JSON.parse(JSON.stringify(h.standIn.exportState()));
    await h.running.close();
    h = await startShopify();
    h.standIn.importState(saved);
    const restored = (await h.gql(POLL)).body.data!.currentBulkOperation;
    expect(restored).toMatchObject({ id: 'gid://shopify/BulkOperation/2', status: 'COMPLETED', objectCount: '9' });
    const file = await fetch(restored.url);
    expect((await file.text()).trimEnd().split('\n')).toHaveLength(9);
  });

  it('counts the 60-day window inside bulk results too', async () => {
    h = await startShopify({ readAllOrders: true });
    await h.gql(RUN, { q: '{ orders { edges { node { id } } } }' });
    await h.gql(POLL);
    const done = (await h.gql(POLL)).body.data!.currentBulkOperation;
    expect(done.rootObjectCount).toBe('5');
  });
});
