/**
 * Root fields of the stand-in schema over the seeded store: the order connection with search,
 * sort keys and the 60-day window, single lookups, counts and the bulk-operation fields.
 */
import { execute, type GraphQLSchema } from 'graphql';
import type { SeedOrder, SeedStore } from '../seed/types';
import { toJsonl, validateBulkQuery, type BulkOperationRecord } from './bulk';
import { BulkRegistry } from './bulk-registry';
import { paginate, type PageArgs, type SortKey } from './connection';
import { currencyExponent } from './money';
import { compileSearch, type SearchableOrder, type SearchWarning } from './search';
import { currentTotalMinor, isClosed, numericId, orderView, type ExecContext } from './views';

const SIXTY_DAYS_MS = 60 * 86_400_000;

export interface RequestContext extends ExecContext {
  /** Search warnings for `extensions.search`. */
  warnings: Array<{ path: string[]; query: string; warnings: SearchWarning[] }>;
  /** Where this server was reached, for bulk result URLs. */
  baseUrl: string;
  /** The API version serving the request. */
  version: string;
}

// The seeded store never changes while served, so per-order derived values are computed once.
const searchableCache = new WeakMap<SeedOrder, SearchableOrder>();

function searchable(order: SeedOrder): SearchableOrder {
  let cached = searchableCache.get(order);
  if (!cached) {
    cached = {
      id: numericId(order.id),
      name: order.name,
      email: order.email,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      processedAt: order.processedAt,
      cancelled: order.cancelledAt !== null,
      closed: isClosed(order),
      test: order.test,
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus ?? 'unfulfilled',
      tags: order.tags,
      totalMinor: order.totalMinor,
      currentTotalMinor: currentTotalMinor(order),
      exponent: currencyExponent(order.currency),
      customerName: order.customer ? `${order.customer.firstName} ${order.customer.lastName}` : '',
      skus: order.lines.flatMap((l) => (l.sku ? [l.sku] : [])),
    };
    searchableCache.set(order, cached);
  }
  return cached;
}

function sortKeyOf(sortKey: string, order: SeedOrder): SortKey {
  const id = numericId(order.id);
  switch (sortKey) {
    case 'CREATED_AT': return { id, value: Date.parse(order.createdAt) };
    case 'UPDATED_AT': return { id, value: Date.parse(order.updatedAt) };
    case 'PROCESSED_AT': return { id, value: Date.parse(order.processedAt) };
    case 'ORDER_NUMBER': return { id, value: order.number };
    case 'TOTAL_PRICE': return { id, value: order.totalMinor };
    case 'CURRENT_TOTAL_PRICE': return { id, value: currentTotalMinor(order) };
    case 'CUSTOMER_NAME': return { id, value: searchable(order).customerName };
    case 'FINANCIAL_STATUS': return { id, value: order.financialStatus };
    case 'FULFILLMENT_STATUS': return { id, value: order.fulfillmentStatus ?? 'unfulfilled' };
    case 'TOTAL_ITEMS_QUANTITY': return { id, value: order.lines.reduce((a, l) => a + l.quantity, 0) };
    default: return { id, value: id };
  }
}

export function createResolvers(params: { schema: GraphQLSchema; store: SeedStore; readAllOrders: boolean; now: () => number; paginationDepthLimit?: number }) {
  const { schema, store, now } = params;

  const visibleOrders = (): SeedOrder[] => {
    if (params.readAllOrders) return store.orders;
    const cutoff = now() - SIXTY_DAYS_MS;
    return store.orders.filter((o) => Date.parse(o.createdAt) >= cutoff);
  };
  const findOrder = (gid: string): SeedOrder | undefined => {
    const m = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid);
    return m ? visibleOrders().find((o) => o.id === m[1]) : undefined;
  };

  const runBulk = (op: BulkOperationRecord): void => {
    const checked = validateBulkQuery(schema, op.query);
    if ('error' in checked) {
      op.status = 'FAILED';
      op.errorCode = 'INTERNAL_SERVER_ERROR';
      return;
    }
    const contextValue: RequestContext = { bulk: true, warnings: [], baseUrl: '', version: '' };
    // Every resolver here is synchronous, so execute() returns the result itself.
    const result = execute({ schema, document: checked.doc, rootValue, contextValue }) as { data?: Record<string, unknown> | null };
    const { lines, roots } = toJsonl(schema, checked.doc, result.data ?? {});
    op.jsonl = lines.length ? `${lines.join('\n')}\n` : '';
    op.objectCount = lines.length;
    op.rootObjectCount = roots;
    op.status = 'COMPLETED';
  };
  const bulk = new BulkRegistry(now, runBulk);

  const nodeById = (id: string, ctx: RequestContext) => {
    const op = bulk.byGid(id);
    if (op) return bulk.view(bulk.observe(op), ctx.baseUrl);
    const order = findOrder(id);
    return order ? orderView(order) : null;
  };

  const rootValue = {
    orders: (args: PageArgs & { query?: string | null; sortKey: string }, ctx: RequestContext) => {
      const search = compileSearch(args.query);
      if (search.warnings.length && args.query) ctx.warnings.push({ path: ['orders'], query: args.query, warnings: search.warnings });
      const matching = visibleOrders().filter((o) => search.matches(searchable(o)));
      const page = paginate(matching, (o) => sortKeyOf(args.sortKey, o), args, ctx.bulk, params.paginationDepthLimit);
      const views = new Map(page.nodes.map((o) => [o, orderView(o)]));
      return {
        edges: page.edges.map((e) => ({ cursor: e.cursor, node: views.get(e.node) })),
        nodes: page.nodes.map((o) => views.get(o)),
        pageInfo: page.pageInfo,
      };
    },
    order: (args: { id: string }) => {
      const order = findOrder(args.id);
      return order ? orderView(order) : null;
    },
    ordersCount: (args: { query?: string | null; limit?: number | null }) => {
      const search = compileSearch(args.query);
      const count = visibleOrders().filter((o) => search.matches(searchable(o))).length;
      const limit = args.limit ?? null;
      return limit !== null && count > limit ? { count: limit, precision: 'AT_LEAST' } : { count, precision: 'EXACT' };
    },
    node: (args: { id: string }, ctx: RequestContext) => nodeById(args.id, ctx),
    nodes: (args: { ids: string[] }, ctx: RequestContext) => args.ids.map((id) => nodeById(id, ctx)),
    currentBulkOperation: (args: { type?: string }, ctx: RequestContext) => {
      // This stand-in runs bulk queries only, so there is never a current bulk mutation.
      if (args.type === 'MUTATION') return null;
      const op = bulk.current();
      return op ? bulk.view(bulk.observe(op), ctx.baseUrl) : null;
    },
    shop: () => ({
      __typename: 'Shop',
      id: 'gid://shopify/Shop/1',
      name: store.name,
      myshopifyDomain: store.domain,
      currencyCode: store.currency,
      ianaTimezone: store.timeZone,
    }),
    bulkOperationRunQuery: (args: { query: string }, ctx: RequestContext) => {
      const busy = bulk.inProgressError(ctx.version);
      if (busy) return { bulkOperation: null, userErrors: [busy] };
      const checked = validateBulkQuery(schema, args.query);
      if ('error' in checked) return { bulkOperation: null, userErrors: [{ code: 'INVALID', field: ['query'], message: checked.error }] };
      return { bulkOperation: bulk.view(bulk.create(args.query), ctx.baseUrl), userErrors: [] };
    },
    bulkOperationCancel: (args: { id: string }, ctx: RequestContext) => {
      const { op, error } = bulk.cancel(args.id);
      return { bulkOperation: op ? bulk.view(op, ctx.baseUrl) : null, userErrors: error ? [error] : [] };
    },
  };

  return { rootValue, bulk };
}
