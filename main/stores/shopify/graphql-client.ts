/**
 * POSTs Admin GraphQL queries for one shop. Owns what every query shares: the token header, the
 * cost budget (waits before a query the bucket cannot pay for, and waits again on THROTTLED, which
 * Shopify sends as HTTP 200), retries of transient 5xx/429, and turning every other failure into
 * a StoreApiError that names the store and says what to do. The token never appears in a message.
 */
import { abortableSleep } from '../../platform/sleep';
import { StoreApiError } from '../connector';
import { requestWithRetries } from '../http-retries';
import { CostBudget, type ThrottleStatus } from './throttle';

export interface ShopifyClientConfig {
  /** For messages: the store's name as the bookkeeper knows it. */
  storeName: string;
  shopDomain: string;
  accessToken: string;
  endpoint: string;
  /** Waits between 5xx retries; the default is a short back-off. */
  retryDelaysMs?: readonly number[];
}

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; cost?: number; maxCost?: number; [k: string]: unknown };
}

export interface QueryResult<T> {
  data: T;
  requestedCost: number | null;
  actualCost: number | null;
}

/** A query whose requested cost is above the single-query limit; the caller asks for less. */
export class QueryTooCostlyError extends Error {
  constructor(
    readonly cost: number,
    readonly maxCost: number,
  ) {
    super(`query cost ${cost} exceeds the single query limit ${maxCost}`);
    this.name = 'QueryTooCostlyError';
  }
}

interface GraphqlBody {
  data?: unknown;
  errors?: unknown;
  extensions?: { cost?: { requestedQueryCost?: number | null; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

const MAX_THROTTLED_WAITS = 1000;


export class ShopifyGraphqlClient {
  readonly budget: CostBudget;
  /** Time spent waiting for the bucket, for benchmarks and progress messages. */
  throttledMs = 0;
  requests = 0;
  /** THROTTLED answers met (each was waited out and retried). */
  throttledResponses = 0;

  constructor(private readonly config: ShopifyClientConfig) {
    // Waiting for points is about real seconds, whatever clock the caller judges dates by.
    this.budget = new CostBudget(Date.now);
  }

  private get where(): string {
    return `Shopify store "${this.config.storeName}" (${this.config.shopDomain})`;
  }

  /**
   * Runs a query; `expectedCost` (the requested cost it had last time) lets the client wait for
   * the bucket first instead of being refused.
   */
  async query<T>(query: string, variables: Record<string, unknown> = {}, options: { signal?: AbortSignal; expectedCost?: number } = {}): Promise<QueryResult<T>> {
    const { signal } = options;
    let expected = options.expectedCost ?? 0;
    for (let throttledWaits = 0; ; throttledWaits++) {
      const wait = this.budget.waitFor(expected);
      if (wait > 0) {
        this.throttledMs += wait;
        await abortableSleep(wait, signal);
      }
      const body = await this.post(query, variables, signal);
      const cost = body.extensions?.cost;
      this.budget.observe(cost?.throttleStatus);
      const errors = Array.isArray(body.errors) ? (body.errors as GraphqlError[]) : [];
      if (errors.some((e) => e?.extensions?.code === 'THROTTLED')) {
        this.throttledResponses++;
        const requested = typeof cost?.requestedQueryCost === 'number' ? cost.requestedQueryCost : expected;
        const max = this.budget.maximum;
        // A bucket smaller than the query can never pay for it: the caller must ask for less.
        if (max !== null && requested > max) throw new QueryTooCostlyError(requested, max);
        if (throttledWaits >= MAX_THROTTLED_WAITS) {
          throw new StoreApiError(this.config.storeName, 'throttled', `${this.where} kept refusing requests as over its API limit. Another app may be using the whole allowance; try the sync again later.`);
        }
        expected = Math.max(expected, requested);
        // No status at all: wait a second rather than hammer the shop.
        if (this.budget.waitFor(expected) === 0) {
          this.throttledMs += 1000;
          await abortableSleep(1000, signal);
        }
        continue;
      }
      const tooCostly = errors.find((e) => e?.extensions?.code === 'MAX_COST_EXCEEDED' || /exceeds the single query max cost/i.test(String(e?.message)));
      if (tooCostly) {
        const fromMessage = /Query cost is (\d+)[^(]*\((\d+)\)/.exec(String(tooCostly.message));
        const costValue = Number(tooCostly.extensions?.cost ?? fromMessage?.[1] ?? cost?.requestedQueryCost ?? NaN);
        const maxCost = Number(tooCostly.extensions?.maxCost ?? fromMessage?.[2] ?? 1000);
        throw new QueryTooCostlyError(costValue, maxCost);
      }
      if (errors.length > 0) throw this.errorsToStoreError(errors);
      if (body.data === null || body.data === undefined || typeof body.data !== 'object') {
        throw new StoreApiError(this.config.storeName, 'bad_response', `${this.where} answered without data. Try again later; if it keeps happening, check that the shop domain belongs to a Shopify store.`);
      }
      return {
        data: body.data as T,
        requestedCost: typeof cost?.requestedQueryCost === 'number' ? cost.requestedQueryCost : null,
        actualCost: typeof cost?.actualQueryCost === 'number' ? cost.actualQueryCost : null,
      };
    }
  }

  private errorsToStoreError(errors: GraphqlError[]): StoreApiError {
    const codes = errors.map((e) => e?.extensions?.code).filter(Boolean);
    const text = errors.map((e) => String(e?.message ?? 'unknown error')).join('; ');
    if (codes.includes('ACCESS_DENIED')) {
      return new StoreApiError(this.config.storeName, 'auth', `${this.where} did not allow this request (${text}). Give the app's access token the read_orders scope (and read_all_orders for older history), then reconnect the store.`);
    }
    return new StoreApiError(this.config.storeName, 'bad_request', `${this.where} rejected a request from Ledgerbridge: ${text}. Check for a Ledgerbridge update; if the problem remains, contact support with this message.`);
  }

  private async post(query: string, variables: Record<string, unknown>, signal: AbortSignal | undefined): Promise<GraphqlBody> {
    const { status, text } = await requestWithRetries({
      storeName: this.config.storeName,
      where: this.where,
      checkAddress: 'the shop domain',
      whoMayHaveTrouble: 'Shopify',
      delaysMs: this.config.retryDelaysMs ?? [500, 2000],
      signal,
      send: () => {
        this.requests++;
        return fetch(this.config.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Shopify-Access-Token': this.config.accessToken },
          body: JSON.stringify({ query, variables }),
          signal,
        });
      },
    });
    if (status === 401 || status === 403) {
      throw new StoreApiError(this.config.storeName, 'auth', `${this.where} refused the access token (HTTP ${status}). The token may have been revoked or mistyped: create a new Admin API access token in the shop's app settings and connect the store again.`);
    }
    if (status === 404) {
      throw new StoreApiError(this.config.storeName, 'not_found', `${this.where} was not found (HTTP 404). Check the shop domain — it looks like your-shop.myshopify.com — and that the store is still open.`);
    }
    if (status === 402 || status === 423) {
      throw new StoreApiError(this.config.storeName, 'unavailable', `${this.where} is ${status === 402 ? 'frozen for an unpaid bill' : 'locked'} (HTTP ${status}). The shop owner must reopen it in Shopify before Ledgerbridge can read orders.`);
    }
    if (status < 200 || status >= 300) {
      throw new StoreApiError(this.config.storeName, 'bad_request', `${this.where} rejected a request from Ledgerbridge (HTTP ${status}: ${text.slice(0, 200)}). Check for a Ledgerbridge update; if the problem remains, contact support with this message.`);
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as GraphqlBody;
    } catch {
      throw new StoreApiError(this.config.storeName, 'bad_response', `${this.where} sent a response Ledgerbridge cannot read (not valid JSON). Try again later; if it keeps happening, check that the shop domain belongs to a Shopify store and not to a proxy or login page.`);
    }
  }

  /** A GET of a bulk-operation result file (a signed URL: no token is sent). */
  async download(url: string, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new StoreApiError(this.config.storeName, 'unavailable', `Could not download the order export of ${this.where}: ${error instanceof Error ? error.message : String(error)}. Check the internet connection and try again.`);
    }
    if (!response.ok) {
      throw new StoreApiError(this.config.storeName, 'unavailable', `The order export of ${this.where} could not be downloaded (HTTP ${response.status}). It may have expired; run the sync again to make a new one.`);
    }
    return response;
  }
}
