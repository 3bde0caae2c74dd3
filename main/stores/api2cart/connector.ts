/**
 * The API2Cart store connector. `verify` reads the store (cart.info: name, currency, time zone) and
 * its platform (account.cart.list: `cart_id`). `pull` reads `order.list` sorted by `modified_at`
 * from the last high-water mark minus an overlap window, 250 orders a page, following
 * `pagination.next` as `page_cursor`. Cursor paging is sequential, so a large pull is cut into time
 * windows (`modified_from`/`modified_to`, see windows.ts) paged side by side — one call in flight
 * per window, at most five — and the cursor stored with every page records each window's progress, so a killed
 * pull resumes every window where it stopped. Orders re-read by the overlap are dropped by
 * `order_id` + `modified_at`.
 */
import { StoreApiError, type OrderPage, type PullOptions, type StoreConnector, type StoreInfo } from '../connector';
import type { StoreOrder } from '../../orders/store-order';
import { Channel } from './channel';
import { Api2CartClient, type Api2CartClientConfig } from './client';
import type { ExactJson } from './exact-json';
import { a2cInstant, normaliseOrder, type NormaliseContext } from './normalise';
import { platformRules, type PlatformRules } from './platforms';
import { a2cFilterDate, CursorError, decodePullCursor, encodePullCursor, keyMs, orderKey, type PullCursor, type WindowState } from './pull-cursor';
import { needsTimeSpan, singleWindow, splitIntoWindows, type WindowPlanInput } from './windows';

/** The fields `order.list` leaves out by default (id, create_at, modified_at, currency) included. */
export const ORDER_FIELDS = [
  'id', 'order_id', 'customer', 'create_at', 'modified_at', 'currency', 'totals', 'total', 'billing_address',
  'shipping_address', 'payment_method', 'shipping_method', 'status', 'discounts', 'order_products', 'refunds',
] as const;
/** Orders held back (unreadable) before a pull gives up: past this it is not an odd order. */
const MAX_HELD = 200;
const LIST_FIELDS = `{result{order{${ORDER_FIELDS.join(',')}}}}`;
const INFO_FIELDS = `{result{${ORDER_FIELDS.join(',')}}}`;

export interface OrderProblemReport {
  orderId: string;
  message: string;
  /** `held`: the order was not imported and is retried on every pull; `warning`: imported, but look. */
  severity: 'held' | 'warning';
}

export interface Api2CartConnectorConfig extends Api2CartClientConfig {
  /** The name saved with the connection, used in messages until cart.info has answered. */
  storeName?: string;
  /** How far before the last high-water mark an incremental pull starts again. Default 10 minutes. */
  overlapMs?: number;
  /** Orders per page; API2Cart's maximum is 250. */
  pageSize?: number;
  /** Time windows paged at once (never more calls in flight than the store allows). Default 5. */
  workers?: number;
  /** Most windows a pull is cut into. Default 20. */
  maxWindows?: number;
  onProblem?: (report: OrderProblemReport) => void;
}

interface Identity {
  info: StoreInfo;
  cartId: string;
  rules: PlatformRules;
}

type Obj = { [key: string]: ExactJson };
const obj = (v: ExactJson | undefined): Obj | null => (v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : null);
const arr = (v: ExactJson | undefined): ExactJson[] => (Array.isArray(v) ? v : []);
const str = (v: ExactJson | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

type WindowItem = { kind: 'page'; window: number; orders: ExactJson[] } | { kind: 'done'; window: number } | { kind: 'error'; error: unknown };

export class Api2CartConnector implements StoreConnector {
  readonly kind = 'api2cart' as const;
  private readonly client: Api2CartClient;
  private identity: Identity | null = null;
  private readonly overlapMs: number;
  private readonly pageSize: number;
  private readonly workers: number;
  private readonly maxWindows: number;

  constructor(private readonly config: Api2CartConnectorConfig) {
    this.client = new Api2CartClient(config, () => this.label());
    this.overlapMs = config.overlapMs ?? 10 * 60_000;
    this.pageSize = Math.min(250, config.pageSize ?? 250);
    this.workers = Math.max(1, Math.min(5, config.workers ?? 5));
    this.maxWindows = config.maxWindows ?? 20;
  }

  private label(): string {
    const name = this.identity?.info.name ?? this.config.storeName;
    return name ? `API2Cart store "${name}"` : 'The API2Cart store';
  }

  async verify(signal?: AbortSignal): Promise<StoreInfo> {
    // cart.info first: a wrong API key (2) or store key (101) is refused with API2Cart's own message.
    const info = obj((await this.client.call('cart.info', { response_fields: '{result{name,url,stores_info}}' }, signal)).result) ?? {};
    const carts = arr(obj((await this.client.call('account.cart.list', {}, signal)).result)?.carts).map((c) => obj(c) ?? {});
    const cart = carts.find((c) => str(c.store_key) === this.config.storeKey);
    if (!cart) {
      throw new StoreApiError(this.label(), 'auth', `${this.label()}: the store key is not one of this API2Cart account's ${carts.length} store(s). Copy the store key from the API2Cart dashboard and connect again.`);
    }
    const cartId = str(cart.cart_id) ?? 'unknown';
    const rules = platformRules(cartId);
    // The mock wraps store details one level deeper (stores_info[].store_info[]); accept both.
    const stores = arr(info.stores_info).flatMap((s) => {
      const o = obj(s);
      return o && Array.isArray(o.store_info) ? o.store_info.map((x) => obj(x) ?? {}) : o ? [o] : [];
    });
    const first = stores[0] ?? {};
    const currencyField = Array.isArray(first.currency) ? obj(first.currency[0]) : obj(first.currency);
    const currency = (currencyField ? str(currencyField.iso3) ?? str(currencyField.id) : str(first.currency))?.toUpperCase();
    const name = str(info.name) ?? str(cart.custom_label) ?? str(info.url) ?? str(cart.url) ?? `API2Cart ${cartId} store`;
    if (!currency) {
      throw new StoreApiError(name, 'bad_response', `API2Cart store "${name}": cart.info did not say the store's currency, so its amounts cannot be read. Check the store's settings on ${rules.label}.`);
    }
    const warnings: string[] = [];
    if (Object.keys(rules.statuses).length === 0) {
      warnings.push(`Ledgerbridge has no status table for ${cartId} yet: every order will be held and reported until one is added.`);
    }
    if (stores.length > 1) warnings.push(`The ${rules.label} account has ${stores.length} stores; orders of all of them are pulled, in the first store's currency ${currency}.`);
    const storeUrl = str(info.url) ?? str(cart.url);
    this.identity = { info: { name, currency, timeZone: str(first.timezone), warnings, ...(storeUrl ? { storeUrl } : {}) }, cartId, rules };
    return this.identity.info;
  }

  /** The platform API2Cart reports for the store (`cart_id`), once verified. */
  get platform(): string | null {
    return this.identity?.cartId ?? null;
  }

  pull(options: PullOptions): AsyncIterable<OrderPage> {
    return this.run(options);
  }

  private heldProblems = new Map<string, string>();

  private report(orderId: string, message: string, severity: OrderProblemReport['severity']): void {
    if (severity === 'held') this.heldProblems.set(orderId, message);
    this.config.onProblem?.({ orderId, message: `${this.label()}: ${message}`, severity });
  }

  private listParams(from: number | null, to: number | null): Record<string, string | number | undefined> {
    return {
      count: this.pageSize,
      sort_by: 'modified_at',
      sort_direction: 'asc',
      modified_from: from === null ? undefined : a2cFilterDate(from),
      modified_to: to === null ? undefined : a2cFilterDate(to),
      response_fields: LIST_FIELDS,
    };
  }

  private async count(from: number | null, to: number | null, signal?: AbortSignal): Promise<number> {
    const answer = await this.client.call('order.count', { modified_from: from === null ? undefined : a2cFilterDate(from), modified_to: to === null ? undefined : a2cFilterDate(to) }, signal);
    const n = Number(obj(answer.result)?.orders_count ?? 'NaN');
    if (!Number.isSafeInteger(n) || n < 0) throw new StoreApiError(this.label(), 'bad_response', `${this.label()}: order.count did not answer with a number of orders. Try again later.`);
    return n;
  }

  /** The earliest or latest `modified_at` from `from` on, in ms; null when there is none. */
  private async extremeModified(direction: 'asc' | 'desc', from: number | null, signal?: AbortSignal): Promise<number | null> {
    const answer = await this.client.call('order.list', { ...this.listParams(from, null), count: 1, sort_direction: direction, response_fields: '{result{order{order_id,modified_at,create_at}}}' }, signal);
    const order = obj(arr(obj(answer.result)?.order)[0]);
    if (!order) return null;
    const instant = a2cInstant(order.modified_at, 'modified_at') ?? a2cInstant(order.create_at, 'create_at');
    return instant === null ? null : Date.parse(instant);
  }

  private async planWindows(state: PullCursor, signal?: AbortSignal): Promise<{ windows: WindowState[]; total: number } | null> {
    const from = state.since === null ? null : state.since - this.overlapMs;
    const total = await this.count(from, null, signal);
    if (total === 0) return null;
    const input: WindowPlanInput = { from, total, pageSize: this.pageSize, workers: this.workers, maxWindows: this.maxWindows, maxRangeMs: this.identity?.rules.maxModifiedRangeMs };
    if (!needsTimeSpan(input)) return { windows: singleWindow(input, null), total };
    const [lo, hi] = await Promise.all([this.extremeModified('asc', from, signal), this.extremeModified('desc', from, signal)]);
    if (lo === null || hi === null) return { windows: singleWindow(input, lo), total };
    return { windows: splitIntoWindows(input, lo, hi), total };
  }

  private async retryHeld(state: PullCursor, ctx: NormaliseContext, signal?: AbortSignal): Promise<StoreOrder[]> {
    const orders: StoreOrder[] = [];
    const stillHeld: string[] = [];
    await Promise.all(
      state.held.map(async (orderId) => {
        try {
          const answer = await this.client.call('order.info', { order_id: orderId, response_fields: INFO_FIELDS }, signal);
          const n = normaliseOrder(answer.result, ctx);
          if (n.ok) {
            orders.push(n.order);
            for (const w of n.warnings) this.report(orderId, w, 'warning');
          } else {
            stillHeld.push(orderId);
            this.report(orderId, `order ${orderId} is still not imported: ${n.problem}`, 'held');
          }
        } catch (error) {
          if (error instanceof StoreApiError && error.kind === 'not_found') {
            this.report(orderId, `order ${orderId}, held back earlier, no longer exists in the store`, 'warning');
            return;
          }
          throw error;
        }
      }),
    );
    state.held = stillHeld.sort();
    return orders.sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
  }

  private async *run({ cursor, signal, onProgress }: PullOptions): AsyncGenerator<OrderPage> {
    this.heldProblems.clear();
    if (!this.identity) await this.verify(signal);
    const identity = this.identity!;
    const ctx: NormaliseContext = { rules: identity.rules, storeCurrency: identity.info.currency };
    let state: PullCursor;
    try {
      state = decodePullCursor(cursor);
    } catch (error) {
      if (!(error instanceof CursorError)) throw error;
      this.report('', `${error.message}; pulling every order again (nothing is duplicated, orders are keyed by order_id)`, 'warning');
      state = decodePullCursor(null);
    }

    if (state.held.length > 0) {
      const before = state.held.length;
      const recovered = await this.retryHeld(state, ctx, signal);
      if (recovered.length > 0 || state.held.length !== before) yield { orders: recovered, cursor: encodePullCursor(state) };
    }

    let total: number;
    if (state.windows === null) {
      const plan = await this.planWindows(state, signal);
      if (plan === null) {
        onProgress?.({ done: 0, total: 0 });
        this.throwIfHeld(state.held);
        return;
      }
      state.windows = plan.windows;
      total = plan.total;
    } else {
      const open = state.windows.filter((w) => !w.done);
      const counts = await Promise.all(open.map((w) => this.count(this.resumeFrom(w), w.to, signal)));
      total = counts.reduce((a, b) => a + b, 0);
    }
    const windows = state.windows;
    let done = 0;
    onProgress?.({ done, total });

    const internal = new AbortController();
    const stop = () => internal.abort(signal?.reason);
    signal?.addEventListener('abort', stop, { once: true });
    const channel = new Channel<WindowItem>(this.workers * 2);
    const queue = windows.map((w, i) => (w.done ? -1 : i)).filter((i) => i >= 0);
    let open = queue.length;
    const fetchers = Array.from({ length: Math.min(this.workers, queue.length) }, async () => {
      try {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) await this.fetchWindow(next, windows[next]!, channel, internal.signal);
      } catch (error) {
        await channel.put({ kind: 'error', error }, undefined, true);
      }
    });

    const yielded = new Map<string, number>();
    const globalEdge = new Set(state.edge);
    try {
      while (open > 0) {
        const item = await channel.take();
        if (item.kind === 'error') {
          signal?.throwIfAborted();
          throw item.error;
        }
        if (item.kind === 'done') {
          windows[item.window]!.done = true;
          open -= 1;
          continue;
        }
        const w = windows[item.window]!;
        const skip = new Set([...w.edge, ...globalEdge]);
        const pageKeys: string[] = [];
        const orders: StoreOrder[] = [];
        for (const raw of item.orders) {
          const n = normaliseOrder(raw, ctx);
          const modified = modifiedMs(raw);
          if (modified !== null) w.hw = Math.max(w.hw ?? modified, modified);
          if (!n.ok) {
            if (!state.held.includes(n.orderId)) state.held.push(n.orderId);
            this.report(n.orderId, `order ${n.orderId || '(no id)'} was not imported: ${n.problem}`, 'held');
            if (state.held.length > MAX_HELD) {
              // Not one odd order but a systematic gap (a platform without a status table, say):
              // stop rather than hold back thousands of orders one by one.
              throw new StoreApiError(this.label(), 'bad_response', `${this.label()}: more than ${MAX_HELD} orders could not be read, the latest because ${n.problem}. Ledgerbridge stopped pulling; the orders already imported are kept. Please report this with this message.`);
            }
            if (modified !== null) pageKeys.push(orderKey(n.orderId, modified));
            continue;
          }
          const ms = Date.parse(n.order.updatedAt);
          const key = orderKey(n.order.sourceId, ms);
          pageKeys.push(key);
          const seen = yielded.get(n.order.sourceId);
          if (skip.has(key) || (seen !== undefined && seen >= ms)) continue;
          yielded.set(n.order.sourceId, ms);
          state.held = state.held.filter((id) => id !== n.order.sourceId);
          for (const warning of n.warnings) this.report(n.order.sourceId, warning, 'warning');
          orders.push(n.order);
        }
        if (w.hw !== null) {
          const floor = w.hw - this.overlapMs;
          w.edge = [...new Set([...w.edge, ...pageKeys])].filter((k) => keyMs(k) >= floor);
        }
        done += orders.length;
        onProgress?.({ done, total: Math.max(total, done) });
        yield { orders, cursor: encodePullCursor(state) };
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      internal.abort();
      await Promise.allSettled(fetchers);
    }

    // Every window is done: collapse to one high-water mark and the orders just before it.
    const marks = windows.map((w) => w.hw).filter((hw): hw is number => hw !== null);
    const since = marks.length > 0 ? Math.max(...marks, state.since ?? Number.NEGATIVE_INFINITY) : state.since;
    const floor = since === null ? Number.POSITIVE_INFINITY : since - this.overlapMs;
    const edge = [...new Set([...state.edge, ...windows.flatMap((w) => w.edge)])].filter((k) => keyMs(k) >= floor).sort();
    yield { orders: [], cursor: encodePullCursor({ v: 1, since, edge, windows: null, held: state.held }) };
    this.throwIfHeld(state.held);
  }

  /**
   * Everything readable is in. With nobody listening for problems (the CLI's sync), held orders
   * must not pass silently: the pull ends with an error that names them.
   */
  private throwIfHeld(held: readonly string[]): void {
    if (this.config.onProblem || held.length === 0) return;
    const first = this.heldProblems.get(held[0]!) ?? `order ${held[0]} could not be read`;
    const count = held.length;
    throw new StoreApiError(this.label(), 'bad_response', `${this.label()}: ${count} order${count === 1 ? ' was' : 's were'} not imported (${first}). Every other order is in; the held ${count === 1 ? 'one is' : 'ones are'} tried again on every pull. Please report this with this message.`);
  }

  private resumeFrom(w: WindowState): number | null {
    if (w.hw === null) return w.from;
    const from = w.hw - this.overlapMs;
    return w.from === null ? from : Math.max(w.from, from);
  }

  private async fetchWindow(index: number, w: WindowState, channel: Channel<WindowItem>, signal: AbortSignal): Promise<void> {
    let answer = await this.client.call('order.list', this.listParams(this.resumeFrom(w), w.to), signal);
    for (;;) {
      const orders = arr(obj(answer.result)?.order);
      if (orders.length > 0) await channel.put({ kind: 'page', window: index, orders }, signal);
      const next = answer.pagination?.next ?? null;
      if (next === null || orders.length === 0) break;
      // The cursor alone: API2Cart refuses it together with filters, and it keeps the page size.
      answer = await this.client.call('order.list', { page_cursor: next }, signal);
    }
    await channel.put({ kind: 'done', window: index }, signal);
  }
}

function modifiedMs(raw: ExactJson): number | null {
  const o = obj(raw);
  if (!o) return null;
  try {
    const instant = a2cInstant(o.modified_at, 'modified_at') ?? a2cInstant(o.create_at, 'create_at');
    return instant === null ? null : Date.parse(instant);
  } catch {
    return null;
  }
}
