/**
 * The Shopify store connector: Admin GraphQL at a pinned API version, orders pulled by
 * `updated_at` (ascending, so every page ends at a safe resume point) with an overlap window,
 * deduplicated by id + updatedAt; a bulk operation when more orders changed than paging can
 * fetch in reasonable time. Page size follows the query cost: Shopify prices `first: 250` with
 * nested lines far above its 1000-point limit, so the connector learns the cost per order from
 * Shopify's answer and asks for as many orders as one query may cost.
 */
import { StoreApiError, type OrderPage, type PullOptions, type StoreConnector, type StoreInfo } from '../connector';
import { DEFAULT_OVERLAP_MS, SincePull, decodeSinceCursor } from '../pull-cursor';
import type { StoreOrder } from '../../orders/store-order';
import { bulkExportOrders } from './bulk';
import { QueryTooCostlyError, ShopifyGraphqlClient } from './graphql-client';
import { normaliseShopifyOrder, nodesOf, truncatedParts, type LineItemJson, type OrderJson } from './normalise';
import {
  ACCESS_SCOPES_QUERY, OLDEST_ORDER_QUERY, ORDERS_COUNT_QUERY, ORDERS_PAGE_QUERY, ORDER_MORE_LINES_QUERY, ORDER_WIDE_QUERY, SHOP_QUERY, updatedSince,
} from './order-query';
import { SHOPIFY_API_VERSION, graphqlEndpoint } from './version';

export interface ShopifyConnectorConfig {
  storeName: string;
  shopDomain: string;
  accessToken: string;
  /** Tests and the local sandbox point this at 127.0.0.1; production derives it from the domain. */
  endpoint?: string;
  apiVersion?: string;
  /** Re-read window before the stored cursor. Default 5 minutes. */
  overlapMs?: number;
  /** More changed orders than this → bulk operation. Default 2500. */
  bulkThreshold?: number;
  bulkPollMs?: number;
  bulkTimeoutMs?: number;
  /** Orders per page handed to the mirror from a bulk export. */
  bulkPageSize?: number;
  /** First page size tried before the cost per order is known (Shopify's maximum is 250). */
  pageSize?: number;
  retryDelaysMs?: readonly number[];
  /** Objects one paged query may walk through before Shopify refuses the next page (25,000). */
  deepPaginationLimit?: number;
  /** The clock for the 60-day window (tests run the stand-in on a seeded clock). */
  now?: () => number;
}

export interface PullStats {
  requests: number;
  pages: number;
  orders: number;
  throttledMs: number;
  usedBulk: boolean;
  /** Time from starting the bulk operation to holding every order (Shopify's export, download, refund details). */
  bulkExportMs: number;
  /** Mean actual cost of the paged order queries, from Shopify's own report. */
  meanPageCost: number | null;
  restoreRate: number | null;
}

const DAY_MS = 86_400_000;
const SIXTY_DAYS_MS = 60 * DAY_MS;
/**
 * "Deep pagination is capped at 25,000 objects" (store-apis.md A1): a page reaching past that is
 * refused, so the pull narrows its query to the newest change it holds before getting there.
 */
const DEEP_PAGINATION_LIMIT = 25_000;
const MAX_PAGE = 250;

interface OrdersPage { orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: OrderJson }> } }

export class ShopifyConnector implements StoreConnector {
  readonly kind = 'shopify' as const;
  readonly client: ShopifyGraphqlClient;
  readonly stats: PullStats = { requests: 0, pages: 0, orders: 0, throttledMs: 0, usedBulk: false, bulkExportMs: 0, meanPageCost: null, restoreRate: null };
  private pageSize: number;
  private expectedPageCost: number | undefined;
  private pageCostTotal = 0;
  private pageCostCount = 0;
  private readonly now: () => number;

  constructor(private readonly config: ShopifyConnectorConfig) {
    this.now = config.now ?? Date.now;
    this.pageSize = Math.min(MAX_PAGE, config.pageSize ?? MAX_PAGE);
    this.client = new ShopifyGraphqlClient({
      storeName: config.storeName,
      shopDomain: config.shopDomain,
      accessToken: config.accessToken,
      endpoint: config.endpoint ?? graphqlEndpoint(config.shopDomain, config.apiVersion ?? SHOPIFY_API_VERSION),
      retryDelaysMs: config.retryDelaysMs,
    });
  }

  async verify(signal?: AbortSignal): Promise<StoreInfo> {
    const { data } = await this.client.query<{ shop: { name: string; currencyCode: string; ianaTimezone: string | null } }>(SHOP_QUERY, {}, { signal });
    return { name: data.shop.name, currency: data.shop.currencyCode, timeZone: data.shop.ianaTimezone ?? null, warnings: await this.windowWarnings(signal) };
  }

  /**
   * Without `read_all_orders` Shopify silently leaves out orders older than 60 days. The token's
   * scopes say so directly; a shop that does not answer that query is judged by the oldest order
   * the token can see.
   */
  private async windowWarnings(signal?: AbortSignal): Promise<string[]> {
    const cutoff = new Date(this.now() - SIXTY_DAYS_MS).toISOString().slice(0, 10);
    const advice = 'If the shop has older orders, add the read_all_orders scope to the app\'s access token (Shopify must approve it for public apps) and reconnect the store.';
    let scopes: string[] | null = null;
    try {
      const { data } = await this.client.query<{ currentAppInstallation: { accessScopes: Array<{ handle: string }> } | null }>(ACCESS_SCOPES_QUERY, {}, { signal });
      scopes = data.currentAppInstallation?.accessScopes.map((s) => s.handle) ?? null;
    } catch (error) {
      if (!(error instanceof StoreApiError) || error.kind !== 'bad_request') throw error;
    }
    if (scopes) {
      if (scopes.includes('read_all_orders')) return [];
      return [`The access token lacks read_all_orders, so Shopify hides orders created before ${cutoff} (older than 60 days) from Ledgerbridge. ${advice}`];
    }
    const { data } = await this.client.query<{ orders: { edges: Array<{ node: { createdAt: string; name: string } }> } }>(OLDEST_ORDER_QUERY, {}, { signal });
    const oldest = data.orders.edges[0]?.node;
    if (oldest && Date.parse(oldest.createdAt) < this.now() - SIXTY_DAYS_MS - DAY_MS) return [];
    const seen = oldest ? `the oldest order it shows is ${oldest.name} of ${oldest.createdAt.slice(0, 10)}` : 'it shows no orders at all';
    return [`Shopify may be hiding orders older than 60 days (before ${cutoff}) from this token: ${seen}. ${advice}`];
  }

  async *pull(options: PullOptions): AsyncGenerator<OrderPage> {
    const { signal, onProgress } = options;
    const pull = new SincePull(decodeSinceCursor(options.cursor));
    const from = pull.resumeFromMs(this.config.overlapMs ?? DEFAULT_OVERLAP_MS);
    const search = from === null ? null : updatedSince(new Date(from).toISOString());
    const { data } = await this.client.query<{ ordersCount: { count: number } | null }>(ORDERS_COUNT_QUERY, { query: search }, { signal });
    const total = data.ordersCount?.count ?? null;
    onProgress?.({ done: 0, total });
    let done = 0;
    const page = (raw: OrderJson[]): OrderPage => {
      const orders: StoreOrder[] = [];
      for (const json of raw) {
        const order = this.normalise(json);
        if (!pull.isNew(order.sourceId, order.updatedAt)) continue;
        pull.handOver(order.sourceId, order.updatedAt);
        orders.push(order);
      }
      done += raw.length;
      this.stats.pages++;
      this.stats.orders += orders.length;
      onProgress?.({ done, total });
      return { orders, cursor: pull.cursor() };
    };
    try {
      if (total !== null && total > (this.config.bulkThreshold ?? 2500)) {
        yield* this.bulkPages(search, page, signal);
        return;
      }
      const depthLimit = this.config.deepPaginationLimit ?? DEEP_PAGINATION_LIMIT;
      let query = search;
      let after: string | null = null;
      let inQuery = 0;
      let restartedFrom: string | null = null;
      for (;;) {
        const result = await this.fetchPage(query, after, signal);
        const raw = result.orders.edges.map((e) => e.node);
        for (const json of raw) await this.completeNested(json, signal);
        if (raw.length > 0) yield page(raw);
        if (!result.orders.pageInfo.hasNextPage) return;
        inQuery += raw.length;
        if (inQuery + this.pageSize <= depthLimit) {
          after = result.orders.pageInfo.endCursor;
          continue;
        }
        // Sorted by updated_at, everything before the newest change handed over is in the mirror.
        const since = pull.since;
        if (since === null || since === restartedFrom) {
          // More orders share one updated_at than a query may page through: no narrower search
          // exists, and a bulk operation has no depth limit.
          yield* this.bulkPages(query, page, signal);
          return;
        }
        query = updatedSince(since);
        restartedFrom = since;
        after = null;
        inQuery = 0;
      }
    } finally {
      this.stats.requests = this.client.requests;
      this.stats.throttledMs = this.client.throttledMs;
      this.stats.restoreRate = this.client.budget.restoreRate;
      this.stats.meanPageCost = this.pageCostCount ? this.pageCostTotal / this.pageCostCount : null;
    }
  }

  /** Every order matching `search` through one bulk operation, handed over oldest change first. */
  private async *bulkPages(search: string | null, page: (raw: OrderJson[]) => OrderPage, signal: AbortSignal | undefined): AsyncGenerator<OrderPage> {
    this.stats.usedBulk = true;
    const started = Date.now();
    const all = await bulkExportOrders(this.client, search, {
      storeName: this.config.storeName,
      pollMs: this.config.bulkPollMs ?? 2000,
      timeoutMs: this.config.bulkTimeoutMs ?? 6 * 3_600_000,
      signal,
    });
    this.stats.bulkExportMs = Date.now() - started;
    all.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
    const size = this.config.bulkPageSize ?? 250;
    for (let i = 0; i < all.length; i += size) yield page(all.slice(i, i + size));
  }

  private normalise(json: OrderJson): StoreOrder {
    try {
      return normaliseShopifyOrder(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreApiError(this.config.storeName, 'bad_response', `Order ${json.name ?? json.id} of Shopify store "${this.config.storeName}" could not be read: ${reason}. Contact support with this message; the orders before it are saved.`);
    }
  }

  /** One page of orders, shrinking the page until one query's cost fits Shopify's limits. */
  private async fetchPage(query: string | null, after: string | null, signal: AbortSignal | undefined): Promise<OrdersPage> {
    for (;;) {
      try {
        const result = await this.client.query<OrdersPage>(ORDERS_PAGE_QUERY, { first: this.pageSize, after, query }, { signal, expectedCost: this.expectedPageCost });
        if (result.requestedCost !== null) this.expectedPageCost = result.requestedCost;
        if (result.actualCost !== null) {
          this.pageCostTotal += result.actualCost;
          this.pageCostCount++;
        }
        return result.data;
      } catch (error) {
        if (!(error instanceof QueryTooCostlyError) || !Number.isFinite(error.cost) || this.pageSize <= 1) throw this.tooCostly(error);
        const perOrder = Math.max(1, (error.cost - 3) / this.pageSize);
        const limit = Math.min(error.maxCost, this.client.budget.maximum ?? error.maxCost);
        const next = Math.max(1, Math.min(this.pageSize - 1, Math.floor((limit - 3) / perOrder)));
        this.pageSize = next;
        this.expectedPageCost = undefined;
      }
    }
  }

  private tooCostly(error: unknown): unknown {
    if (!(error instanceof QueryTooCostlyError)) return error;
    return new StoreApiError(this.config.storeName, 'throttled', `Shopify store "${this.config.storeName}" allows at most ${error.maxCost} query points per request, less than one order costs (${error.cost}). Contact support with this message.`);
  }

  /** Reads the rest of an order whose lines, shipping lines or refund lines did not fit the page. */
  private async completeNested(json: OrderJson, signal: AbortSignal | undefined): Promise<void> {
    const truncated = truncatedParts(json);
    if (!truncated.lines && !truncated.other) return;
    try {
      const { data } = await this.client.query<{ order: OrderJson | null }>(ORDER_WIDE_QUERY, { id: json.id }, { signal });
      if (!data.order) return;
      Object.assign(json, data.order);
    } catch (error) {
      throw this.tooCostly(error);
    }
    const wide = truncatedParts(json);
    if (wide.other) {
      throw new StoreApiError(this.config.storeName, 'bad_response', `Order ${json.name} of Shopify store "${this.config.storeName}" has more shipping or refund lines than Ledgerbridge reads at once. Contact support with this message.`);
    }
    let after = json.lineItems.pageInfo?.hasNextPage ? json.lineItems.pageInfo.endCursor : null;
    const lines: LineItemJson[] = nodesOf(json.lineItems);
    while (after) {
      const { data } = await this.client.query<{ order: { lineItems: OrderJson['lineItems'] } | null }>(ORDER_MORE_LINES_QUERY, { id: json.id, after }, { signal });
      const more = data.order?.lineItems;
      if (!more) break;
      lines.push(...nodesOf(more));
      after = more.pageInfo?.hasNextPage ? more.pageInfo.endCursor : null;
    }
    json.lineItems = { nodes: lines };
  }
}

