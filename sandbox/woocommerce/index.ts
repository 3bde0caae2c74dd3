/**
 * WooCommerce REST API v3 stand-in: `/wp-json/wc/v3/orders`, `/orders/{id}`,
 * `/orders/{id}/refunds[/{refund_id}]` over the seeded store (store-apis.md B, F). The loopback
 * server is plain HTTP, so OAuth 1.0a is required unless `assumeHttps` makes it act as an HTTPS
 * site (Basic auth). WordPress's order of checks is kept: authentication errors, then routing,
 * then argument validation, then the permission check, then the handler.
 *
 * Read-only: order writes and batch are not served (rest_no_route). Date filters follow
 * WP_Date_Query (WordPress 5.3+): a value with an offset is converted to site time before being
 * compared with the local or, with dates_are_gmt, the GMT column.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, StandInOptions } from '../common/types';
import type { SeedOrder, SeedStore } from '../seed/types';
import { numericId } from '../shopify/views';
import { WooAuthenticator, type WooError } from './auth';
import { filterWallClock, gmtWallClock, localWallClock } from './dates';
import { orderJson, refundJson, taxRateIds, wooStatus, type WooContext } from './orders';
import { ORDER_LIST_PARAMS, ORDER_STATUSES, REFUND_LIST_PARAMS, SINGLE_PARAMS, validateParams, type ParamValue } from './params';
import { parsePhpQuery, type PhpParams } from './php-query';

export interface WooStandInConfig {
  store: SeedStore;
  consumerKey: string;
  consumerSecret: string;
  /** Behave as a site served over HTTPS (Basic auth accepted, signatures use https://). */
  assumeHttps?: boolean;
  options: StandInOptions;
}

export interface WooStandIn {
  handler: RequestHandler;
  exportState(): unknown;
  importState(state: unknown): void;
}

type Values = Record<string, ParamValue>;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, e: WooError | { status: number; code: string; message: string; data?: unknown }): void {
  const data = 'data' in e && e.data ? e.data : { status: e.status };
  send(res, e.status, { code: e.code, message: e.message, data });
}

const noRoute = { status: 404, code: 'rest_no_route', message: 'No route was found matching the URL and request method.' };

/** PHP's http_build_query of the request's own params, for the Link header. */
function buildQuery(params: PhpParams, prefix = ''): string[] {
  return Object.entries(params).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}[${k}]` : k;
    return typeof v === 'string' ? [`${encodeURIComponent(key)}=${encodeURIComponent(v)}`] : buildQuery(v, key);
  });
}

export function createWooStandIn(config: WooStandInConfig): WooStandIn {
  const { store, options } = config;
  const https = config.assumeHttps === true;
  const auth = new WooAuthenticator(config.consumerKey, config.consumerSecret, options.now);
  const rateIds = taxRateIds(store);
  const byId = new Map(store.orders.map((o) => [numericId(o.id), o]));

  // Formatting dates in the site zone is the costly part of a list filter; orders never change.
  const clockCache = new Map<SeedOrder, { gmt: { created: string; modified: string }; local: { created: string; modified: string } }>();
  const wallClocks = (o: SeedOrder, gmt: boolean) => {
    let entry = clockCache.get(o);
    if (!entry) {
      const created = Date.parse(o.createdAt);
      const modified = Date.parse(o.updatedAt);
      entry = {
        gmt: { created: gmtWallClock(created), modified: gmtWallClock(modified) },
        local: { created: localWallClock(created, store.timeZone), modified: localWallClock(modified, store.timeZone) },
      };
      clockCache.set(o, entry);
    }
    return gmt ? entry.gmt : entry.local;
  };

  function listOrders(v: Values): SeedOrder[] {
    const statuses = v['status'] as string[];
    const wanted = statuses.includes('any') ? new Set(ORDER_STATUSES) : new Set(statuses);
    const gmt = v['dates_are_gmt'] === true;
    const bound = (name: string) => (typeof v[name] === 'string' ? filterWallClock(v[name] as string, store.timeZone) : null);
    const after = bound('after');
    const before = bound('before');
    const modifiedAfter = bound('modified_after');
    const modifiedBefore = bound('modified_before');
    const include = (v['include'] as number[] | undefined) ?? [];
    const exclude = (v['exclude'] as number[] | undefined) ?? [];
    const search = typeof v['search'] === 'string' ? (v['search'] as string).toLowerCase() : null;

    let list = store.orders.filter((o) => {
      if (!wanted.has(wooStatus(o))) return false;
      const id = numericId(o.id);
      if (include.length && !include.includes(id)) return false;
      if (exclude.includes(id)) return false;
      if (typeof v['customer'] === 'number' && (o.customer ? numericId(o.customer.id) : 0) !== v['customer']) return false;
      if (typeof v['product'] === 'number' && !o.lines.some((l) => numericId(l.productId) === v['product'])) return false;
      if (search && ![o.name, String(o.number), o.email ?? '', o.billingAddress?.lastName ?? ''].some((s) => s.toLowerCase().includes(search))) return false;
      const w = wallClocks(o, gmt);
      // WP_Date_Query bounds are exclusive unless 'inclusive' is set, which WooCommerce does not do.
      if (after && !(w.created > after)) return false;
      if (before && !(w.created < before)) return false;
      if (modifiedAfter && !(w.modified > modifiedAfter)) return false;
      if (modifiedBefore && !(w.modified < modifiedBefore)) return false;
      return true;
    });

    const dir = v['order'] === 'asc' ? 1 : -1;
    const orderby = v['orderby'] as string;
    const key = (o: SeedOrder): number => {
      switch (orderby) {
        case 'id': return numericId(o.id);
        case 'modified': return Date.parse(o.updatedAt);
        case 'include': return include.indexOf(numericId(o.id));
        default: return Date.parse(o.createdAt);
      }
    };
    list = [...list].sort((a, b) => dir * (key(a) - key(b) || numericId(a.id) - numericId(b.id)));
    return list;
  }

  function pageHeaders(req: { apiBase: string; route: string; query: PhpParams }, total: number, page: number, perPage: number) {
    const maxPages = Math.ceil(total / perPage);
    const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(maxPages) };
    const base = (p: number) => {
      const q = buildQuery({ ...req.query, page: String(p) });
      return `${req.apiBase}${req.route}?${q.join('&')}`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${base(Math.min(page - 1, Math.max(maxPages, 1)))}>; rel="prev"`);
    if (maxPages > page) links.push(`<${base(page + 1)}>; rel="next"`);
    if (links.length) headers['Link'] = links.join(', ');
    return headers;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const host = String(req.headers.host ?? '127.0.0.1');
    const scheme = https ? 'https' : 'http';
    if (!url.pathname.startsWith('/wp-json/')) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' }).end('<!doctype html><title>Page not found</title>');
      return;
    }
    const route = url.pathname.slice('/wp-json'.length).replace(/\/+$/, '');
    const query = parsePhpQuery(url.search);
    const method = (req.method ?? 'GET').toUpperCase();

    let anonymous = true;
    if (route.startsWith('/wc/') || route.startsWith('/wc-')) {
      const result = auth.authenticate({
        method,
        baseUrl: `${scheme}://${host}${url.pathname}`,
        query,
        authorization: req.headers.authorization,
        https,
      });
      if (result.kind === 'error') {
        sendError(res, result.error);
        return;
      }
      anonymous = result.kind === 'anonymous';
    }

    const apiBase = `${scheme}://${host}/wp-json`;
    const ctx: WooContext = { store, rateIds, apiBase: `${apiBase}/wc/v3` };
    const list = /^\/wc\/v3\/orders$/.exec(route);
    const one = /^\/wc\/v3\/orders\/(\d+)$/.exec(route);
    const refunds = /^\/wc\/v3\/orders\/(\d+)\/refunds$/.exec(route);
    const refund = /^\/wc\/v3\/orders\/(\d+)\/refunds\/(\d+)$/.exec(route);
    if (method !== 'GET' || (!list && !one && !refunds && !refund)) {
      sendError(res, noRoute);
      return;
    }

    const specs = list ? ORDER_LIST_PARAMS : refunds ? REFUND_LIST_PARAMS : SINGLE_PARAMS;
    const checked = validateParams(specs, query);
    if ('error' in checked) {
      sendError(res, checked.error);
      return;
    }
    const v = checked.values;
    if (query['dp'] !== undefined) ctx.dp = v['dp'] as number;

    if (list || refunds) {
      if (anonymous) {
        sendError(res, { status: 401, code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' });
        return;
      }
      const perPage = v['per_page'] as number;
      const page = v['page'] as number;
      const offset = typeof v['offset'] === 'number' ? (v['offset'] as number) : (page - 1) * perPage;
      if (list) {
        const all = listOrders(v);
        const slice = all.slice(offset, offset + perPage);
        send(res, 200, slice.map((o) => orderJson(o, ctx)), pageHeaders({ apiBase, route, query }, all.length, page, perPage));
        return;
      }
      // Refunds are listed by parent; an unknown order simply has none.
      const order = byId.get(Number(refunds![1]));
      const dir = v['order'] === 'asc' ? 1 : -1;
      const all = (order?.refunds ?? []).slice().sort((a, b) => dir * (Date.parse(a.createdAt) - Date.parse(b.createdAt) || numericId(a.id) - numericId(b.id)));
      const slice = all.slice(offset, offset + perPage);
      send(res, 200, slice.map((r) => refundJson(order!, r, ctx)), pageHeaders({ apiBase, route, query }, all.length, page, perPage));
      return;
    }

    const order = byId.get(Number((one ?? refund)![1]));
    if (one) {
      if (order && anonymous) {
        sendError(res, { status: 401, code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.' });
        return;
      }
      if (!order) {
        sendError(res, { status: 404, code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' });
        return;
      }
      send(res, 200, orderJson(order, ctx));
      return;
    }
    const found = order?.refunds.find((r) => numericId(r.id) === Number(refund![2]));
    if (found && anonymous) {
      sendError(res, { status: 401, code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.' });
      return;
    }
    if (!order || !found) {
      sendError(res, { status: 404, code: 'woocommerce_rest_shop_order_refund_invalid_id', message: 'Invalid ID.' });
      return;
    }
    send(res, 200, refundJson(order, found, ctx));
  }

  return {
    handler: (req, res) => {
      req.resume();
      try {
        handle(req, res);
      } catch (e) {
        // WordPress answers a PHP fatal with a 500 critical-error body; never leave the socket hanging.
        if (!res.headersSent) {
          sendError(res, { status: 500, code: 'internal_server_error', message: `There has been a critical error on this website. ${String(e)}` });
        }
      }
    },
    exportState: () => ({ nonces: auth.exportState() }),
    importState: (state: unknown) => {
      auth.importState((state as { nonces: Record<string, Array<[string, number]>> }).nonces);
    },
  };
}
