import { describe, expect, it } from 'vitest';
import { pullStore } from '../../../main/stores/pull-store';
import { reassemble } from '../../../main/stores/shopify/bulk';
import { allOrders, collect, freshMirror } from '../helpers/mirror';
import { partialRefundOrder, plainOrder, shippingRefundOrder } from '../helpers/orders';
import { TOKEN, shopifyRig } from '../helpers/shopify';

const history = () => [structuredClone(partialRefundOrder), structuredClone(shippingRefundOrder), ...Array.from({ length: 12 }, (_, i) => plainOrder(i))];
const bySourceId = <T extends { sourceId: string }>(xs: T[]) => [...xs].sort((a, b) => a.sourceId.localeCompare(b.sourceId));

describe('Shopify bulk history import', () => {
  it('uses a bulk operation above the threshold and gives exactly what paging gives, refunds included', async () => {
    const rig = await shopifyRig(history());
    const { db } = freshMirror();
    const bulk = rig.connector({ bulkThreshold: 5, bulkPageSize: 4 });
    const result = await pullStore(db, 'shop-1', bulk);
    expect(bulk.stats.usedBulk).toBe(true);
    expect(result).toMatchObject({ added: 14, updated: 0, unchanged: 0, pages: 4 });

    const paged = rig.connector();
    const viaPages = await collect(paged.pull({ cursor: null }));
    expect(paged.stats.usedBulk).toBe(false);
    expect(allOrders(db, 'shop-1')).toEqual(bySourceId(viaPages));
    const refunded = allOrders(db, 'shop-1').find((o) => o.number === 'EU-1001')!;
    expect(refunded.refunds[0]).toMatchObject({ amount: 1893, tax: 144, shipping: 0, lines: [{ sku: 'A-1', quantity: 1, amount: 1749 }] });

    // The next pull is incremental and small: paged, with the overlap counted unchanged.
    const next = rig.connector({ bulkThreshold: 5 });
    const again = await pullStore(db, 'shop-1', next);
    expect(next.stats.usedBulk).toBe(false);
    expect(again).toMatchObject({ added: 0, updated: 0 });
  });

  it('waits for a bulk operation already running for the app, then runs its own', async () => {
    const rig = await shopifyRig(history());
    const started = await fetch(rig.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN },
      body: JSON.stringify({ query: 'mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id } } } }") { bulkOperation { id } userErrors { message } } }' }),
    }).then((r) => r.json() as Promise<{ data: { bulkOperationRunQuery: { bulkOperation: { id: string } | null } } }>);
    expect(started.data.bulkOperationRunQuery.bulkOperation?.id).toMatch(/^gid:\/\/shopify\/BulkOperation\//);
    const orders = await collect(rig.connector({ bulkThreshold: 5 }).pull({ cursor: null }));
    expect(orders).toHaveLength(14);
  });

  it('puts children back under their parent when they come later, not right after it', async () => {
    const lines = [
      { id: 'gid://shopify/Order/1', name: '#1', lineItems: undefined },
      { id: 'gid://shopify/Order/2', name: '#2' },
      { __typename: 'LineItem', id: 'gid://shopify/LineItem/11', sku: 'A', __parentId: 'gid://shopify/Order/1' },
      { __typename: 'ShippingLine', id: 'gid://shopify/ShippingLine/21', title: 'Std', __parentId: 'gid://shopify/Order/2' },
      { id: 'gid://shopify/LineItem/12', sku: 'B', __parentId: 'gid://shopify/Order/1' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const body = new Response(`${lines}\n`).body;
    const orders = await reassemble(body, 'Harbor Goods');
    expect(orders.map((o) => [o.name, o.lineItems.nodes!.map((l) => l.sku), o.shippingLines.nodes!.map((s) => s.title)])).toEqual([
      ['#1', ['A', 'B'], []],
      ['#2', [], ['Std']],
    ]);
    await expect(reassemble(new Response('{"id":"gid://shopify/Order/1"}\nnot json\n').body, 'Harbor Goods')).rejects.toThrow(/Harbor Goods.*damaged \(line 2/);
  });
});
