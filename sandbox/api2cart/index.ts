/**
 * API2Cart stand-in: `GET|POST /v1.1/<method>.json` with `account.cart.list`, `cart.info`,
 * `order.list`, `order.info` and `order.count` over the seeded business, served as several
 * platform flavours (one store key each). Keys travel as `x-api-key`/`x-store-key` headers or
 * `api_key`/`store_key` parameters; every answer is HTTP 200 with `return_code` (api2cart.md §1–3).
 * Latency and the generic faults are applied here (not by the composer), because a call must count
 * as in flight for the concurrency limits while its latency elapses.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withFaults } from '../common/faults';
import { readBody, sendJson } from '../common/http';
import type { RequestHandler, StandInOptions } from '../common/types';
import type { SeedStore } from '../seed/types';
import { decodeCursor, printCursor, type CursorState } from './cursor';
import { sendError, sendOk } from './envelope';
import { FieldSpecError, paramsProjection, parseResponseFields, project, subProjection, type Projection } from './fields';
import { ALL_FLAVOURS, FLAVOURS, type Api2CartFlavour, type FlavourProfile } from './flavours';
import { DEFAULT_LIMITS, emptyObserved, InFlight, type ConcurrencyLimits, type Observed } from './limits';
import { FILTER_PARAMS, OrderIndex, parseFilterDate, QueryError, type OrderFilter, type SortBy } from './query';
import { renderOrder } from './render';

export type { Api2CartFlavour } from './flavours';
export { ALL_FLAVOURS, isFlavour } from './flavours';
export type { Observed } from './limits';

export interface Api2CartStandInConfig {
  store: SeedStore;
  apiKey: string;
  /** Platforms to serve the store as; default all three (magento, ebay, etsy). */
  flavours?: readonly Api2CartFlavour[];
  options: StandInOptions;
  /** Concurrency limits when `options.rateLimits` is 'real'; default 5 per store, 10 per account. */
  limits?: Partial<ConcurrencyLimits>;
}

/** A queued answer: the next matching call(s) get this return code instead of running. */
export interface InjectedFault {
  code: number;
  message?: string;
  /** Only calls of this method (e.g. "order.list"); default any. */
  method?: string;
  times?: number;
}

export interface Api2CartStandIn {
  handler: RequestHandler;
  storeKeys: Partial<Record<Api2CartFlavour, string>>;
  inject(fault: InjectedFault): void;
  observed(): Observed;
  resetObserved(): void;
  exportState(): unknown;
  importState(state: unknown): void;
}

interface SavedState {
  injected: Array<Required<Pick<InjectedFault, 'code' | 'times'>> & InjectedFault>;
}

const METHOD_PATH = /^\/v1\.1\/([a-z_.]+)\.json$/;
const MAX_COUNT = 250;
const DEFAULT_COUNT = 10;

export function storeKeyFor(apiKey: string, flavour: Api2CartFlavour): string {
  return createHash('sha256').update(`api2cart-stand-in:${apiKey}:${flavour}`).digest('hex').slice(0, 32);
}

class ParamError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function intParam(params: Record<string, string>, name: string, fallback: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ParamError(109, `Parameter '${name}' is not valid. The required type of parameter is unsigned integer.`);
  return Number(raw);
}

export function createApi2CartStandIn(config: Api2CartStandInConfig): Api2CartStandIn {
  const { store, apiKey, options } = config;
  const limits: ConcurrencyLimits = { ...DEFAULT_LIMITS, ...config.limits };
  const flavours = config.flavours ?? ALL_FLAVOURS;
  const storeKeys: Partial<Record<Api2CartFlavour, string>> = {};
  const byKey = new Map<string, { profile: FlavourProfile; index: OrderIndex }>();
  for (const flavour of flavours) {
    const key = storeKeyFor(apiKey, flavour);
    storeKeys[flavour] = key;
    const profile = FLAVOURS[flavour];
    byKey.set(key, { profile, index: new OrderIndex(() => store.orders, (o) => profile.orderId(o)) });
  }
  let injected: SavedState['injected'] = [];
  let observed = emptyObserved();
  const inFlight = new InFlight(() => observed);

  function takeInjected(method: string): InjectedFault | undefined {
    const i = injected.findIndex((f) => f.method === undefined || f.method === method);
    if (i < 0) return undefined;
    const fault = injected[i]!;
    fault.times -= 1;
    if (fault.times <= 0) injected.splice(i, 1);
    return fault;
  }

  function fieldsFor(params: Record<string, string>, path: string[]): Projection | null {
    try {
      if (params.response_fields) return subProjection(parseResponseFields(params.response_fields), path);
    } catch (error) {
      if (error instanceof FieldSpecError) throw new ParamError(109, `Parameter 'response_fields' is not valid: ${error.message}`);
      throw error;
    }
    return null;
  }

  function orderFilter(params: Record<string, string>, limitDays: number | null = null): OrderFilter {
    const f: OrderFilter = {};
    try {
      if (params.created_from) f.createdFrom = parseFilterDate('created_from', params.created_from);
      if (params.created_to) f.createdTo = parseFilterDate('created_to', params.created_to);
      if (params.modified_from) f.modifiedFrom = parseFilterDate('modified_from', params.modified_from);
      if (params.modified_to) f.modifiedTo = parseFilterDate('modified_to', params.modified_to);
    } catch (error) {
      if (error instanceof QueryError) throw new ParamError(109, error.message);
      throw error;
    }
    if (limitDays !== null && f.modifiedFrom !== undefined && f.modifiedTo !== undefined && f.modifiedTo - f.modifiedFrom > limitDays * 86_400_000) {
      throw new ParamError(109, `The modified date range can't be wider than ${limitDays} days.`);
    }
    const ids = params.order_ids ?? params.ids;
    if (ids) f.orderIds = new Set(ids.split(',').map((s) => s.trim()));
    if (params.order_status) f.statuses = new Set(params.order_status.split(',').map((s) => s.trim()));
    return f;
  }

  function orderProjection(params: Record<string, string>, path: string[]): Projection | null {
    return fieldsFor(params, path) ?? paramsProjection(params.params, params.exclude);
  }

  function orderList(res: ServerResponse, profile: FlavourProfile, index: OrderIndex, params: Record<string, string>): void {
    let state: CursorState;
    if (params.page_cursor !== undefined) {
      // Kept for tests; bounded so a long-running sandbox does not grow without end.
      if (observed.cursorsReceived.push(params.page_cursor) > 1000) observed.cursorsReceived.shift();
      const clash = [...FILTER_PARAMS, 'sort_by', 'sort_direction', 'start'].find((name) => params[name] !== undefined);
      if (clash) throw new ParamError(109, `Parameter 'page_cursor' can't be used with any other filtering parameter ('${clash}' given)`);
      const decoded = decodeCursor(params.page_cursor);
      if (!decoded) throw new ParamError(109, "Parameter 'page_cursor' is not valid.");
      state = decoded;
    } else {
      const count = intParam(params, 'count', DEFAULT_COUNT);
      if (count < 1 || count > MAX_COUNT) throw new ParamError(109, `Parameter 'count' is not valid. The value must be between 1 and ${MAX_COUNT}.`);
      const sortBy = params.sort_by ?? 'order_id';
      if (!['order_id', 'create_at', 'modified_at'].includes(sortBy)) throw new ParamError(109, `Parameter 'sort_by' is not valid. Allowed values: order_id, create_at, modified_at.`);
      const dir = params.sort_direction ?? 'asc';
      if (dir !== 'asc' && dir !== 'desc') throw new ParamError(109, "Parameter 'sort_direction' is not valid. Allowed values: asc, desc.");
      const query: Record<string, string> = {};
      for (const name of [...FILTER_PARAMS, 'sort_by', 'sort_direction', 'params', 'exclude', 'response_fields']) {
        if (params[name] !== undefined) query[name] = params[name]!;
      }
      const start = intParam(params, 'start', 0);
      state = { query, count, after: null };
      // `start` skips rows; expressed as a keyset position so the cursor stays a position.
      if (start > 0) {
        const skipped = index.select(orderFilter(query), sortBy as SortBy, dir === 'desc', (o) => profile.status(o).id, null, start);
        const last = skipped[skipped.length - 1];
        if (skipped.length < start) return sendOk(res, { orders_count: 0, order: [] }, { previous: null, next: null });
        if (last) state.after = [index.sortKey(last, sortBy as SortBy), last.seq];
      }
    }
    const q = state.query;
    const sortBy = (q.sort_by ?? 'order_id') as SortBy;
    const desc = q.sort_direction === 'desc';
    const rows = index.select(orderFilter(q, profile.maxModifiedRangeDays), sortBy, desc, (o) => profile.status(o).id, state.after, state.count + 1);
    const page = rows.slice(0, state.count);
    const last = page[page.length - 1];
    const next = rows.length > state.count && last ? printCursor({ query: q, count: state.count, after: [index.sortKey(last, sortBy), last.seq] }) : null;
    const projection = orderProjection(q, ['result', 'order']);
    sendOk(
      res,
      { orders_count: page.length, order: page.map((r) => project(renderOrder(r.order, profile), projection)) },
      { previous: null, next },
    );
  }

  function cartInfo(res: ServerResponse, profile: FlavourProfile, params: Record<string, string>): void {
    const full = {
      name: profile.storeName(store.name),
      url: profile.storeUrl(store.domain),
      version: '',
      db_prefix: '',
      stores_info: [{
        store_id: profile.storeId === null ? null : String(profile.storeId),
        name: profile.storeName(store.name),
        language: 'en',
        currency: { name: store.currency === 'USD' ? 'US Dollar' : store.currency, iso3: store.currency, symbol: store.currency === 'USD' ? '$' : '' },
        timezone: profile.timezone,
        country: 'US',
        active: true,
        prices_include_tax: false,
      }],
    };
    const projection = fieldsFor(params, ['result']) ?? (params.params === 'force_all' ? '*' : paramsProjection(params.params ?? 'name,url', undefined));
    sendOk(res, project(full, projection));
  }

  function dispatch(method: string, params: Record<string, string>, headers: IncomingMessage['headers'], res: ServerResponse): void {
    const key = (headers['x-api-key'] as string | undefined) ?? params.api_key;
    if (key !== apiKey) return sendError(res, 2, 'Incorrect API Key');
    const fault = takeInjected(method);
    if (fault) return sendError(res, fault.code, fault.message);
    if (method === 'account.cart.list') {
      return sendOk(res, {
        carts: [...byKey.entries()].map(([storeKey, { profile }], i) => ({
          id: String(1000 + i),
          url: profile.storeUrl(store.domain),
          store_key: storeKey,
          cart_id: profile.cartId,
          custom_label: profile.storeName(store.name),
          bridge_version: null,
          total_calls: 0,
        })),
      });
    }
    if (!['cart.info', 'order.list', 'order.count', 'order.info'].includes(method)) return sendError(res, 3, `No such method: ${method}`);
    const storeKey = (headers['x-store-key'] as string | undefined) ?? params.store_key;
    if (!storeKey) return sendError(res, 114, "Parameter 'store_key' is required.");
    const target = byKey.get(storeKey);
    if (!target) return sendError(res, 101, 'Store not found. Check the store_key.');
    const { profile, index } = target;
    switch (method) {
      case 'cart.info':
        return cartInfo(res, profile, params);
      case 'order.list':
        return orderList(res, profile, index, params);
      case 'order.count':
        return sendOk(res, { orders_count: index.count(orderFilter(params, profile.maxModifiedRangeDays), (o) => profile.status(o).id) });
      case 'order.info': {
        const id = params.order_id ?? params.id;
        if (!id) return sendError(res, 114, "Parameter 'order_id' is required.");
        const order = index.find(id);
        if (!order) return sendError(res, 112, `Order with id ${id} not found`);
        return sendOk(res, project(renderOrder(order, profile), orderProjection(params, ['result'])));
      }
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (body.trim() !== '') {
        try {
          for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) params[k] = typeof v === 'string' ? v : JSON.stringify(v);
        } catch {
          return sendError(res, 109, 'Request body is not valid JSON');
        }
      }
    }
    observed.calls[method] = (observed.calls[method] ?? 0) + 1;
    try {
      dispatch(method, params, req.headers, res);
    } catch (error) {
      if (error instanceof ParamError) return sendError(res, error.code, error.message);
      sendError(res, 9, 'Internal error');
    }
  }

  const faulted = withFaults(
    (req, res) => {
      const method = METHOD_PATH.exec(new URL(req.url ?? '/', 'http://stand-in').pathname)![1]!;
      serve(req, res, method).catch(() => {
        // A body over the cap or a broken connection: nothing sensible to answer.
        if (!res.headersSent) sendError(res, 109, 'Request body is too large or unreadable');
        else res.destroy();
      });
    },
    {
      options,
      error500: (res) => sendJson(res, 500, { return_code: 9, return_message: 'Internal Server Error', result: {} }),
      throttled: (res) => sendError(res, 110),
    },
  );

  const handler: RequestHandler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (!METHOD_PATH.test(url.pathname)) {
      sendJson(res, 404, { return_code: 3, return_message: `Unknown path ${url.pathname}; methods are /v1.1/<method>.json`, result: {} });
      return;
    }
    const storeKey = (req.headers['x-store-key'] as string | undefined) ?? url.searchParams.get('store_key');
    const broken = inFlight.enter(storeKey, options.rateLimits === 'real' ? limits : null);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      inFlight.leave(storeKey);
    };
    res.on('finish', leave);
    res.on('close', leave);
    const origEnd = res.end.bind(res);
    // Count errors by code from the body actually written.
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
        const m = /^\{"return_code":(\d+)/.exec(String(chunk).slice(0, 40));
        if (m && m[1] !== '0') observed.errors[Number(m[1])] = (observed.errors[Number(m[1])] ?? 0) + 1;
      }
      return (origEnd as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as ServerResponse['end'];
    if (broken !== 0) {
      const reject = () => sendError(res, broken);
      req.resume();
      if (options.latencyMs > 0) setTimeout(reject, options.latencyMs);
      else reject();
      return;
    }
    faulted(req, res);
  };

  return {
    handler,
    storeKeys,
    inject(fault) {
      injected.push({ ...fault, times: fault.times ?? 1 });
    },
    observed: () => observed,
    resetObserved() {
      observed = emptyObserved();
    },
    exportState(): SavedState {
      return { injected: injected.map((f) => ({ ...f })) };
    },
    importState(state) {
      const saved = state as Partial<SavedState> | null;
      injected = Array.isArray(saved?.injected) ? saved.injected.map((f) => ({ ...f })) : [];
    },
  };
}
