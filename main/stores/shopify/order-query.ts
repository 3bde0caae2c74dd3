/**
 * The order selection Ledgerbridge reads, written once and sized three ways: the paged pull
 * (small nested pages so that many orders fit in one query's cost), the wide re-read of an order
 * whose lines did not fit, and the bulk operation (no page sizes; connections inside lists are
 * not allowed there, so refund details are read afterwards). No named fragments: Shopify's bulk
 * JSONL splitter and our stand-in both expect plain selections. Also the search that narrows
 * every one of them to orders changed since a point.
 */
const money = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';
const shopMoney = 'shopMoney { amount currencyCode }';
const address = 'name company address1 address2 city province provinceCode zip country countryCodeV2 phone';
const allocations = `discountAllocations { allocatedAmountSet { ${shopMoney} } discountApplication { index ... on DiscountCodeApplication { code } } }`;
const taxLines = `taxLines { title priceSet { ${shopMoney} } }`;

export interface NestedSizes {
  lines: number;
  shippingLines: number;
  refundLines: number;
  refundShipping: number;
  refundTransactions: number;
}

export const PAGED_SIZES: NestedSizes = { lines: 10, shippingLines: 3, refundLines: 10, refundShipping: 2, refundTransactions: 5 };
export const WIDE_SIZES: NestedSizes = { lines: 50, shippingLines: 10, refundLines: 40, refundShipping: 5, refundTransactions: 10 };

const lineNode = `__typename id sku title name quantity originalUnitPriceSet { ${shopMoney} } ${allocations} ${taxLines}`;
const shippingNode = `__typename id title originalPriceSet { ${shopMoney} } ${allocations} ${taxLines}`;

function conn(field: string, size: number | null, node: string, extraArgs = ''): string {
  const args = [size === null ? '' : `first: ${size}`, extraArgs].filter(Boolean).join(', ');
  const pageInfo = size === null ? '' : ' pageInfo { hasNextPage endCursor }';
  return `${field}${args ? `(${args})` : ''} { edges { node { ${node} } }${pageInfo} }`;
}

/** Refund details; `sizes` null leaves the refund's own connections out (bulk). */
export function refundSelection(sizes: NestedSizes | null): string {
  const base = `id legacyResourceId createdAt totalRefundedSet { ${shopMoney} }`;
  if (!sizes) return `refunds { ${base} }`;
  const lines = conn('refundLineItems', sizes.refundLines, `quantity lineItem { sku title } subtotalSet { ${shopMoney} } totalTaxSet { ${shopMoney} }`);
  const shipping = conn('refundShippingLines', sizes.refundShipping, `subtotalAmountSet { ${shopMoney} } taxAmountSet { ${shopMoney} }`);
  return `refunds { ${base} ${lines} ${shipping} }`;
}

/** Everything an order needs except its connections' page sizes. */
export function orderSelection(sizes: NestedSizes | null): string {
  return [
    'id legacyResourceId name email phone createdAt updatedAt processedAt cancelledAt test',
    'currencyCode presentmentCurrencyCode displayFinancialStatus discountCodes',
    `totalPriceSet { ${money} } totalTaxSet { ${money} } totalShippingPriceSet { ${money} } totalDiscountsSet { ${money} }`,
    'customer { email displayName phone }',
    `billingAddress { ${address} } shippingAddress { ${address} }`,
    taxLines,
    `transactions { id kind status gateway createdAt processedAt amountSet { ${shopMoney} } }`,
    conn('lineItems', sizes?.lines ?? null, lineNode),
    conn('shippingLines', sizes?.shippingLines ?? null, shippingNode),
    refundSelection(sizes),
  ].join('\n    ');
}

export const ORDERS_PAGE_QUERY = `query LedgerbridgeOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    edges { node {
    ${orderSelection(PAGED_SIZES)}
    } }
  }
}`;

export const ORDER_WIDE_QUERY = `query LedgerbridgeOrder($id: ID!) {
  order(id: $id) {
    ${orderSelection(WIDE_SIZES)}
  }
}`;

export const ORDER_MORE_LINES_QUERY = `query LedgerbridgeOrderLines($id: ID!, $after: String) {
  order(id: $id) { ${conn('lineItems', 50, lineNode, 'after: $after')} }
}`;

export const REFUND_DETAILS_QUERY = `query LedgerbridgeRefunds($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { id ${refundSelection(WIDE_SIZES)} } }
}`;

export function bulkOrdersQuery(search: string | null): string {
  const args = search ? `(query: ${JSON.stringify(search)}, sortKey: UPDATED_AT)` : '(sortKey: UPDATED_AT)';
  return `{ orders${args} { edges { node {
    ${orderSelection(null)}
  } } } }`;
}

export const BULK_RUN_MUTATION = `mutation LedgerbridgeBulk($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { code field message } }
}`;

export const BULK_STATUS_QUERY = `query LedgerbridgeBulkStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount url partialDataUrl } }
}`;

export const CURRENT_BULK_QUERY = `query LedgerbridgeCurrentBulk {
  currentBulkOperation(type: QUERY) { id status }
}`;

export const SHOP_QUERY = `query LedgerbridgeShop {
  shop { name myshopifyDomain currencyCode ianaTimezone }
}`;

export const ACCESS_SCOPES_QUERY = `query LedgerbridgeScopes {
  currentAppInstallation { accessScopes { handle } }
}`;

export const ORDERS_COUNT_QUERY = `query LedgerbridgeCount($query: String) {
  ordersCount(query: $query, limit: null) { count precision }
}`;

export const OLDEST_ORDER_QUERY = `query LedgerbridgeOldest {
  orders(first: 1, sortKey: CREATED_AT) { edges { node { createdAt name } } }
}`;

/** Shopify search syntax: dates quoted, UTC with Z (store-apis.md A1, E7). */
export function updatedSince(isoInstant: string): string {
  return `updated_at:>='${isoInstant.replace(/\.\d{3}Z$/, 'Z')}'`;
}
