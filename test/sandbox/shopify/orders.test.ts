import { afterEach, describe, expect, it } from 'vitest';
import { harborStore, tokyoStore } from './fixtures';
import { plainOrder } from '../../stores/helpers/orders';
import { startShopify, type ShopifyHarness } from './helpers';

let h: ShopifyHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const money = '{ shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }';

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $q: String, $sort: OrderSortKeys, $reverse: Boolean) {
  orders(first: $first, after: $after, last: $last, before: $before, query: $q, sortKey: $sort, reverse: $reverse) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function names(vars: Record<string, unknown>): Promise<string[]> {
  const r = await h!.gql(PAGE, { first: 50, ...vars });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.orders.edges.map((e: { node: { name: string } }) => e.node.name);
}

describe('Shopify stand-in: auth and endpoint', () => {
  it('answers a missing or wrong access token with 401 and Shopify\'s body', async () => {
    h = await startShopify();
    for (const token of [null, 'shpat_wrong']) {
      const r = await h.gql('{ shop { name } }', {}, { token });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    const ok = await h.gql('{ shop { name myshopifyDomain currencyCode } }');
    expect(ok.status).toBe(200);
    expect(ok.body.data!.shop).toEqual({ name: 'Harbor Goods', myshopifyDomain: 'harbor-goods.myshopify.com', currencyCode: 'USD' });
  });

  it('accepts any quarterly version, serves unsupported ones with the oldest supported, 404s nonsense', async () => {
    h = await startShopify({ apiVersions: ['2025-07', '2025-10'] });
    const current = await h.gql('{ shop { name } }', {}, { version: '2025-10' });
    expect(current.headers.get('x-shopify-api-version')).toBe('2025-10');
    const retired = await h.gql('{ shop { name } }', {}, { version: '2023-01' });
    expect(retired.status).toBe(200);
    expect(retired.headers.get('x-shopify-api-version')).toBe('2025-07');
    const bad = await fetch(`${h.running.origin}/admin/api/2025-13/graphql.json`, { method: 'POST', body: '{}' });
    expect(bad.status).toBe(404);
  });

  it('accepts a raw application/graphql body and rejects a body without a query', async () => {
    h = await startShopify();
    const raw = await fetch(`${h.running.origin}/admin/api/2025-10/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/graphql', 'X-Shopify-Access-Token': 'shpat_test_token' },
      body: '{ shop { name } }',
    });
    expect(((await raw.json()) as { data: { shop: { name: string } } }).data.shop.name).toBe('Harbor Goods');
    const empty = await fetch(`${h.running.origin}/admin/api/2025-10/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': 'shpat_test_token' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ errors: { query: 'Required parameter missing or invalid' } });
  });
});

describe('Shopify stand-in: paging', () => {
  it('pages forward with cursors to the end, then backward with last/before', async () => {
    h = await startShopify({ store: harborStore(Array.from({ length: 12 }, (_, i) => plainOrder(10 + i))) });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r = await h.gql(PAGE, { first: 5, after, sort: 'CREATED_AT' });
      const conn = r.body.data!.orders;
      seen.push(...conn.edges.map((e: { node: { name: string } }) => e.node.name));
      pages++;
      expect(conn.pageInfo.hasPreviousPage).toBe(pages > 1);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    // 12 extra + 4 of the 5 fixtures (one is older than 60 days) = 16 → pages of 5,5,5,1
    expect(pages).toBe(4);
    expect(seen).toHaveLength(16);
    expect(new Set(seen).size).toBe(16);

    const last = await h.gql(PAGE, { last: 3, sort: 'CREATED_AT' });
    const tail = last.body.data!.orders;
    expect(tail.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(seen.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await h.gql(PAGE, { last: 3, before: tail.pageInfo.startCursor, sort: 'CREATED_AT' });
    expect(before.body.data!.orders.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(seen.slice(-6, -3));
  });

  it('refuses more than 250 per page and a connection without first/last', async () => {
    h = await startShopify();
    const big = await h.gql(PAGE, { first: 251 });
    expect(big.status).toBe(200);
    expect(big.body.data).toBeNull();
    expect(big.body.errors![0]!.message).toMatch(/250/);
    expect(big.body.errors![0]!.path).toEqual(['orders']);
    const ok = await h.gql(PAGE, { first: 250 });
    expect(ok.body.errors).toBeUndefined();
    const none = await h.gql('{ orders { nodes { id } } }');
    expect(none.body.errors![0]!.message).toBe('you must provide one of first or last');
  });
});

describe('Shopify stand-in: query filters and sort keys', () => {
  it('filters on quoted updated_at/created_at comparisons combined with AND', async () => {
    h = await startShopify();
    expect(await names({ q: "updated_at:>'2026-11-16T00:00:00Z'", sort: 'UPDATED_AT' })).toEqual(['#1002', '#1004', '#1005']);
    expect(await names({ q: "created_at:>='2026-11-15T08:00:00Z' AND created_at:<'2026-11-19T00:00:00Z'", sort: 'CREATED_AT' })).toEqual(['#1002', '#1004']);
    expect(await names({ q: 'created_at:2026-11-10' })).toEqual(['#1001']);
  });

  it('does not filter on an unquoted timestamp and says so in extensions.search', async () => {
    h = await startShopify();
    const r = await h.gql(PAGE, { first: 10, q: 'updated_at:>2026-11-16T00:00:00Z' });
    expect(r.body.data!.orders.edges).toHaveLength(4);
    expect(JSON.stringify(r.body.extensions!.search)).toMatch(/must be quoted/);
  });

  it('filters on status, test and financial_status, with OR and negation', async () => {
    h = await startShopify();
    expect(await names({ q: 'status:cancelled' })).toEqual(['#1004']);
    expect(await names({ q: 'test:false', sort: 'ORDER_NUMBER' })).toEqual(['#1001', '#1002', '#1005']);
    expect(await names({ q: 'status:open', sort: 'ORDER_NUMBER' })).toEqual(['#1002', '#1005']);
    expect(await names({ q: 'financial_status:pending OR status:cancelled', sort: 'ORDER_NUMBER' })).toEqual(['#1004', '#1005']);
    expect(await names({ q: '-test:true AND financial_status:partially_refunded', sort: 'ORDER_NUMBER' })).toEqual(['#1001', '#1002']);
  });

  it('sorts by UPDATED_AT, CREATED_AT, PROCESSED_AT and ID, with reverse', async () => {
    h = await startShopify();
    expect(await names({ sort: 'UPDATED_AT' })).toEqual(['#1001', '#1002', '#1004', '#1005']);
    expect(await names({ sort: 'UPDATED_AT', reverse: true })).toEqual(['#1005', '#1004', '#1002', '#1001']);
    expect(await names({ sort: 'CREATED_AT' })).toEqual(['#1001', '#1002', '#1004', '#1005']);
    expect(await names({ sort: 'PROCESSED_AT', reverse: true })).toEqual(['#1005', '#1004', '#1002', '#1001']);
    expect(await names({ sort: 'ID' })).toEqual(['#1001', '#1002', '#1004', '#1005']);
  });
});

describe('Shopify stand-in: order fields and money', () => {
  const ORDER = `query One($id: ID!) { order(id: $id) {
    id legacyResourceId name createdAt processedAt cancelledAt cancelReason closed test email
    currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus taxesIncluded
    totalPriceSet ${money} subtotalPriceSet ${money} totalTaxSet ${money} totalShippingPriceSet ${money}
    totalDiscountsSet ${money} totalRefundedSet ${money} currentTotalPriceSet ${money}
    currentSubtotalPriceSet ${money} currentTotalTaxSet ${money}
    customer { id email firstName lastName }
    shippingAddress { city provinceCode countryCodeV2 zip }
    discountCodes
    lineItems(first: 10) { nodes { id sku title variantTitle quantity currentQuantity
      originalUnitPriceSet ${money} totalDiscountSet ${money}
      taxLines { title rate priceSet { shopMoney { amount } } } variant { id sku } product { id } } }
    shippingLines(first: 5) { nodes { title code originalPriceSet { shopMoney { amount } } } }
    taxLines { title rate priceSet { shopMoney { amount } } }
    transactions { kind status gateway amountSet { shopMoney { amount currencyCode } } processedAt }
    refunds { id createdAt note totalRefundedSet ${money}
      refundLineItems(first: 10) { nodes { quantity lineItem { id sku } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } } }
      refundShippingLines(first: 5) { nodes { subtotalAmountSet { shopMoney { amount } } taxAmountSet { shopMoney { amount } } } }
      transactions(first: 5) { nodes { kind status amountSet { shopMoney { amount } } } } }
    tags note
  } }`;

  it('prints the partially refunded #1001 exactly, shop USD beside presentment EUR', async () => {
    h = await startShopify();
    const r = await h.gql(ORDER, { id: 'gid://shopify/Order/5001' });
    expect(r.body.errors).toBeUndefined();
    const o = r.body.data!.order;
    expect(o).toMatchObject({
      id: 'gid://shopify/Order/5001', legacyResourceId: '5001', name: '#1001', closed: true, test: false,
      currencyCode: 'USD', presentmentCurrencyCode: 'EUR', displayFinancialStatus: 'PARTIALLY_REFUNDED',
      displayFulfillmentStatus: 'FULFILLED', taxesIncluded: false, cancelledAt: null, discountCodes: ['WELCOME5'],
      customer: { id: 'gid://shopify/Customer/300', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      shippingAddress: { city: 'Austin', provinceCode: 'TX', countryCodeV2: 'US', zip: '78701' },
      tags: ['wholesale'],
    });
    expect(o.totalPriceSet).toEqual({ shopMoney: { amount: '57.65', currencyCode: 'USD' }, presentmentMoney: { amount: '53.04', currencyCode: 'EUR' } });
    expect(o.subtotalPriceSet).toEqual({ shopMoney: { amount: '47.28', currencyCode: 'USD' }, presentmentMoney: { amount: '43.5', currencyCode: 'EUR' } });
    expect(o.totalTaxSet.shopMoney.amount).toBe('4.38');
    expect(o.totalShippingPriceSet.shopMoney.amount).toBe('5.99');
    expect(o.totalDiscountsSet.shopMoney.amount).toBe('5.0');
    expect(o.totalRefundedSet.shopMoney.amount).toBe('18.93');
    // Refunds never reduce totalPriceSet; the current* fields carry the net.
    expect(o.currentTotalPriceSet.shopMoney.amount).toBe('38.72');
    expect(o.currentSubtotalPriceSet.shopMoney.amount).toBe('29.79');
    expect(o.currentTotalTaxSet.shopMoney.amount).toBe('2.94');

    const [a, b] = o.lineItems.nodes;
    expect(a).toMatchObject({ sku: 'A-1', title: 'Anchor print', variantTitle: 'Large', quantity: 2, currentQuantity: 1 });
    expect(a.originalUnitPriceSet.shopMoney.amount).toBe('19.99');
    expect(a.originalUnitPriceSet.presentmentMoney).toEqual({ amount: '18.39', currencyCode: 'EUR' });
    expect(a.totalDiscountSet.shopMoney.amount).toBe('5.0');
    expect(a.taxLines).toEqual([{ title: 'TX State Tax', rate: 0.0825, priceSet: { shopMoney: { amount: '2.88' } } }]);
    expect(a.variant).toEqual({ id: 'gid://shopify/ProductVariant/21', sku: 'A-1' });
    expect(b.originalUnitPriceSet.shopMoney.amount).toBe('12.3');
    expect(b.currentQuantity).toBe(1);
    expect(o.shippingLines.nodes).toEqual([{ title: 'Standard', code: 'STANDARD', originalPriceSet: { shopMoney: { amount: '5.99' } } }]);
    expect(o.taxLines).toEqual([{ title: 'TX State Tax', rate: 0.0825, priceSet: { shopMoney: { amount: '4.38' } } }]);
    expect(o.transactions.map((t: { kind: string; amountSet: { shopMoney: { amount: string } } }) => [t.kind, t.amountSet.shopMoney.amount])).toEqual([
      ['SALE', '57.65'],
      ['REFUND', '18.93'],
    ]);

    const [refund] = o.refunds;
    expect(refund).toMatchObject({ id: 'gid://shopify/Refund/40011', createdAt: '2026-11-12T09:00:00Z', note: 'Damaged in transit' });
    expect(refund.totalRefundedSet.shopMoney.amount).toBe('18.93');
    expect(refund.refundLineItems.nodes).toEqual([
      { quantity: 1, lineItem: { id: a.id, sku: 'A-1' }, subtotalSet: { shopMoney: { amount: '17.49' } }, totalTaxSet: { shopMoney: { amount: '1.44' } } },
    ]);
    expect(refund.refundShippingLines.nodes).toEqual([]);
    expect(refund.transactions.nodes).toEqual([{ kind: 'REFUND', status: 'SUCCESS', amountSet: { shopMoney: { amount: '18.93' } } }]);
  });

  it('shows a shipping-only refund as a refund shipping line with no line items', async () => {
    h = await startShopify();
    const r = await h.gql(ORDER, { id: 'gid://shopify/Order/5002' });
    const o = r.body.data!.order;
    const [refund] = o.refunds;
    expect(refund.refundLineItems.nodes).toEqual([]);
    expect(refund.refundShippingLines.nodes).toEqual([{ subtotalAmountSet: { shopMoney: { amount: '7.5' } }, taxAmountSet: { shopMoney: { amount: '0.62' } } }]);
    expect(refund.totalRefundedSet.shopMoney.amount).toBe('8.12');
    expect(o.totalPriceSet.shopMoney.amount).toBe('38.12');
    expect(o.currentTotalPriceSet.shopMoney.amount).toBe('30.0');
    expect(o.currentSubtotalPriceSet.shopMoney.amount).toBe('30.0');
    expect(o.currentTotalTaxSet.shopMoney.amount).toBe('0.0');
    expect(o.lineItems.nodes[0].currentQuantity).toBe(3);
  });

  it('formats JPY with no minor digits, both as shop and as presentment currency', async () => {
    h = await startShopify({ store: tokyoStore() });
    const r = await h.gql(ORDER, { id: 'gid://shopify/Order/8001' });
    const o = r.body.data!.order;
    expect(o.totalPriceSet).toEqual({ shopMoney: { amount: '3300.0', currencyCode: 'JPY' }, presentmentMoney: { amount: '3300.0', currencyCode: 'JPY' } });
    expect(o.lineItems.nodes[0].originalUnitPriceSet.shopMoney.amount).toBe('1200.0');
    expect(o.totalTaxSet.shopMoney.amount).toBe('300.0');
    await h.running.close();

    h = await startShopify();
    const usd = await h.gql(ORDER, { id: 'gid://shopify/Order/5005' });
    // 12.99 USD × 151.5 = 1967.985 → ¥1968
    expect(usd.body.data!.order.totalPriceSet).toEqual({
      shopMoney: { amount: '12.99', currencyCode: 'USD' },
      presentmentMoney: { amount: '1968.0', currencyCode: 'JPY' },
    });
    expect(usd.body.data!.order.displayFinancialStatus).toBe('PENDING');
  });

  it('shows a cancelled test order as cancelled, closed and with no current quantity', async () => {
    h = await startShopify();
    const r = await h.gql(ORDER, { id: 'gid://shopify/Order/5004' });
    expect(r.body.data!.order).toMatchObject({
      cancelledAt: '2026-11-19T07:00:00Z', cancelReason: 'CUSTOMER', closed: true, test: true, displayFinancialStatus: 'VOIDED',
    });
    expect(r.body.data!.order.lineItems.nodes[0].currentQuantity).toBe(0);
  });
});

describe('Shopify stand-in: node lookups', () => {
  it('resolves Order gids through node and nodes, null for unknown ids', async () => {
    h = await startShopify();
    const r = await h.gql(`{ node(id: "gid://shopify/Order/5002") { id ... on Order { name } }
      nodes(ids: ["gid://shopify/Order/5001", "gid://shopify/Order/1"]) { ... on Order { name } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ node: { id: 'gid://shopify/Order/5002', name: '#1002' }, nodes: [{ name: '#1001' }, null] });
  });
});

describe('Shopify stand-in: the 60-day window', () => {
  it('hides orders created more than 60 days ago unless the token has read_all_orders', async () => {
    h = await startShopify();
    expect(await names({ sort: 'ORDER_NUMBER' })).toEqual(['#1001', '#1002', '#1004', '#1005']);
    const one = await h.gql('{ order(id: "gid://shopify/Order/5003") { name } }');
    expect(one.body.data!.order).toBeNull();
    expect(one.body.errors).toBeUndefined();

    // Moving the clock pushes #1001 (created 2026-11-10) out of the window too.
    h.clock.ms = Date.parse('2027-01-10T00:00:00Z');
    expect(await names({ sort: 'ORDER_NUMBER' })).toEqual(['#1002', '#1004', '#1005']);
    await h.running.close();

    h = await startShopify({ readAllOrders: true });
    expect(await names({ sort: 'ORDER_NUMBER' })).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
    const old = await h.gql('{ order(id: "gid://shopify/Order/5003") { name } }');
    expect(old.body.data!.order).toEqual({ name: '#1003' });
  });
});
