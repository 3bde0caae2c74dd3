/**
 * Shopify Admin GraphQL stand-in: `POST /admin/api/{version}/graphql.json` over the seeded store,
 * with Shopify's own auth failure, cost-based throttling, 25,000-object pagination depth, 60-day
 * order window and bulk operations (store-apis.md A1–A3, F). Latency and generic faults are
 * added by sandbox/start.ts.
 *
 * Choices where the reference could not confirm Shopify's exact behaviour (store-apis.md G):
 * - bucket 1000 points restoring 100/s by default (`throttle` overrides both);
 * - the wording of the over-250 page-size error; graphql-js wording for parse/validation errors;
 * - a path version that is not YYYY-01/04/07/10 or `unstable` is a 404;
 * - `processed_at`, `status`, `test`, `name` search filters behave as their names say;
 * - MAX_COST_EXCEEDED, the 250 cap and the 25,000-object pagination depth stay on with
 *   rateLimits 'off' (they are query errors, not throttling: the real API rejects such queries
 *   at any rate);
 * - the depth limit's wording and code (PAGINATION_LIMIT_EXCEEDED): the reference gives the limit,
 *   not the error, so it is shaped like the 250 cap's, a field error that nulls `data`; the count
 *   cap (25,001) is not applied to `ordersCount`, whose own documented `limit: null` counts all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestHandler, StandInOptions } from '../common/types';
import type { SeedStore } from '../seed/types';
import type { BulkSavedState } from './bulk-registry';
import { actualQueryCost, requestedQueryCost } from './cost';
import { createResolvers, type RequestContext } from './resolvers';
import { shopifySchema } from './schema';
import { CostBucket, DEFAULT_THROTTLE, type BucketState, type ThrottleConfig } from './throttle';

export interface ShopifyStandInConfig {
  store: SeedStore;
  accessToken: string;
  /** Versions this shop serves; a request for another valid version is served by the oldest. */
  apiVersions?: string[];
  /** The token has `read_all_orders`; without it orders older than 60 days are invisible. */
  readAllOrders?: boolean;
  /**
   * Deepest object a paged `orders` query may reach (Shopify: 25,000). Tests lower it so that a
   * client's way past the limit shows with a dozen orders instead of 25,001.
   */
  paginationDepthLimit?: number;
  throttle?: Partial<ThrottleConfig>;
  options: StandInOptions;
}

export interface ShopifyStandIn {
  handler: RequestHandler;
  /** Writes Shopify's own throttle answer (HTTP 200 + THROTTLED) — for the composer's 429 bursts. */
  throttled(res: ServerResponse): void;
  exportState(): unknown;
  importState(state: unknown): void;
}

const VERSION_PATTERN = /^(\d{4}-(01|04|07|10)|unstable)$/;
const INVALID_TOKEN_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

interface SavedState {
  bucket: BucketState;
  bulk: BulkSavedState;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function createShopifyStandIn(config: ShopifyStandInConfig): ShopifyStandIn {
  const { store, options } = config;
  const schema = shopifySchema();
  const throttle: ThrottleConfig = { ...DEFAULT_THROTTLE, ...config.throttle };
  const bucket = new CostBucket(throttle, options.now, options.rateLimits === 'real');
  const { rootValue, bulk } = createResolvers({
    schema,
    store,
    readAllOrders: config.readAllOrders === true,
    now: options.now,
    paginationDepthLimit: config.paginationDepthLimit,
  });

  const costExtension = (requested: number | null, actual: number | null) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
  });

  const throttledBody = (requested: number) => ({
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } }],
    extensions: costExtension(requested, null),
  });

  async function serveGraphql(req: IncomingMessage, res: ServerResponse, version: string, servedVersion: string): Promise<void> {
    const headers = { 'X-Shopify-API-Version': servedVersion };
    const raw = await readBody(req);
    let query: unknown;
    let variables: Record<string, unknown> = {};
    let operationName: string | undefined;
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.startsWith('application/graphql')) {
      query = raw;
    } else {
      try {
        const body = JSON.parse(raw) as { query?: unknown; variables?: unknown; operationName?: unknown };
        query = body.query;
        if (body.variables && typeof body.variables === 'object') variables = body.variables as Record<string, unknown>;
        if (typeof body.operationName === 'string') operationName = body.operationName;
      } catch {
        query = undefined;
      }
    }
    if (typeof query !== 'string' || query.trim() === '') {
      sendJson(res, 400, { errors: { query: 'Required parameter missing or invalid' } }, headers);
      return;
    }

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (e) {
      const err = e as GraphQLError;
      sendJson(res, 200, { errors: [{ message: err.message, locations: err.locations }] }, headers);
      return;
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length) {
      sendJson(res, 200, { errors: validationErrors.map((e) => e.toJSON()) }, headers);
      return;
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) {
      sendJson(res, 200, { errors: [{ message: operationName ? `No operation named "${operationName}"` : 'An operation name is required' }] }, headers);
      return;
    }
    const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const requested = requestedQueryCost(schema, operation, fragments, variables);

    if (requested > throttle.singleQueryMaxCost) {
      sendJson(res, 200, {
        errors: [{
          message:
            `Query cost is ${requested}, which exceeds the single query max cost limit (${throttle.singleQueryMaxCost}).\n\n` +
            'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
            'cost of a query is calculated.\n\n' +
            'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
            'See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n',
          extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: throttle.singleQueryMaxCost, documentation: RATE_LIMIT_DOCS },
        }],
        extensions: costExtension(requested, null),
      }, headers);
      return;
    }
    if (!bucket.take(requested)) {
      sendJson(res, 200, throttledBody(requested), headers);
      return;
    }

    const host = String(req.headers.host ?? '127.0.0.1');
    const ctx: RequestContext = { bulk: false, warnings: [], baseUrl: `http://${host}`, version };
    const result = await execute({ schema, document, rootValue, contextValue: ctx, variableValues: variables, operationName });
    const actual = actualQueryCost(schema, operation, fragments, variables, result.data as Record<string, unknown> | null);
    bucket.refund(requested - actual);
    const body: Record<string, unknown> = {};
    if (result.errors?.length) body['errors'] = result.errors.map((e) => e.toJSON());
    body['data'] = result.data ?? null;
    body['extensions'] = { ...costExtension(requested, actual), ...(ctx.warnings.length ? { search: ctx.warnings } : {}) };
    sendJson(res, 200, body, headers);
  }

  const handler: RequestHandler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const resultFile = /^\/bulk-operation-results\/(\d+)\.jsonl$/.exec(url.pathname);
    if (resultFile && req.method === 'GET') {
      const op = bulk.byId(Number(resultFile[1]));
      if (!op || op.jsonl === null) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/jsonl', 'Content-Length': Buffer.byteLength(op.jsonl) }).end(op.jsonl);
      return;
    }
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!m || !VERSION_PATTERN.test(m[1]!) || req.method !== 'POST') {
      req.resume();
      sendJson(res, 404, { errors: 'Not Found' });
      return;
    }
    const version = m[1]!;
    // Shopify answers a version it no longer serves with the oldest supported one, silently.
    const supported = config.apiVersions?.length ? [...config.apiVersions].sort() : null;
    const servedVersion = supported && !supported.includes(version) ? supported[0]! : version;
    if (req.headers['x-shopify-access-token'] !== config.accessToken) {
      req.resume();
      sendJson(res, 401, INVALID_TOKEN_BODY);
      return;
    }
    serveGraphql(req, res, servedVersion, servedVersion).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { detail: String(e) } }] });
    });
  };

  return {
    handler,
    throttled(res) {
      const status = bucket.status();
      sendJson(res, 200, throttledBody(status.currentlyAvailable + 1));
    },
    exportState(): SavedState {
      return { bucket: bucket.exportState(), bulk: bulk.exportState() };
    },
    importState(state: unknown) {
      const s = state as SavedState;
      bucket.importState(s.bucket);
      bulk.importState(s.bulk);
    },
  };
}
