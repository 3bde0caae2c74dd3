/**
 * The WooCommerce store connector: REST v3 orders by `modified_after` with `dates_are_gmt=true`
 * (without it WordPress compares the site's local clock), oldest change first, 100 per page.
 * Each request restarts from the newest modification already handed over instead of asking
 * for "page N": an order modified during the pull moves to the end of the list, and plain page
 * numbers would then skip the order that slid into the page already read.
 */
import { StoreApiError, type OrderPage, type PullOptions, type StoreConnector, type StoreInfo } from '../connector';
import { DEFAULT_OVERLAP_MS, SincePull, decodeSinceCursor } from '../pull-cursor';
import type { StoreOrder } from '../../orders/store-order';
import { WooClient } from './http';
import { gmtInstant, normaliseWooOrder, type WooOrderJson, type WooRefundJson } from './normalise';

export interface WooConnectorConfig {
  storeName: string;
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** Re-read window before the stored cursor. Default 5 minutes. */
  overlapMs?: number;
  perPage?: number;
  retryDelaysMs?: readonly number[];
  /** The clock OAuth timestamps use. */
  now?: () => number;
  /** See WooClientConfig.auth. */
  auth?: 'auto' | 'basic' | 'oauth';
}

/** A GMT wall clock without offset: with dates_are_gmt, an offset would be shifted by the site's zone. */
const gmtWallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export class WooConnector implements StoreConnector {
  readonly kind = 'woocommerce' as const;
  readonly client: WooClient;

  constructor(private readonly config: WooConnectorConfig) {
    this.client = new WooClient(config);
  }

  async verify(signal?: AbortSignal): Promise<StoreInfo> {
    const warnings: string[] = [];
    // Reading one order proves the key can read orders (a key without Read access is refused here).
    const probe = await this.client.get<WooOrderJson[]>('wc/v3/orders', { per_page: '1', orderby: 'modified', order: 'desc' }, { signal });
    const site = await this.optional<{ name?: string; timezone_string?: string; gmt_offset?: number | string }>('', false, signal);
    const current = await this.optional<{ code?: string }>('wc/v3/data/currencies/current', true, signal);
    const currency = current?.code ?? probe.body[0]?.currency ?? null;
    if (!currency) warnings.push('WooCommerce did not say which currency the shop uses and it has no orders yet; check the currency on the first synced orders.');
    let timeZone: string | null = site?.timezone_string || null;
    if (!timeZone && site?.gmt_offset !== undefined) {
      const offset = Number(site.gmt_offset);
      const minutes = Math.round(Math.abs(offset) * 60);
      timeZone = `${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    }
    if (!this.client.https && this.config.auth !== 'basic') {
      warnings.push('The site is on plain HTTP: Ledgerbridge signs every request (OAuth 1.0a) so the secret is never sent, but the order data itself travels unencrypted. Move the site to HTTPS if you can.');
    }
    return { name: site?.name || new URL(this.config.siteUrl).host, currency: currency ?? 'unknown', timeZone, warnings };
  }

  /** A GET that may be missing on some sites (WordPress index, older WooCommerce): null then. */
  private async optional<T>(path: string, authenticated: boolean, signal?: AbortSignal): Promise<T | null> {
    try {
      return (await this.client.get<T>(path, {}, { authenticated, signal })).body;
    } catch (error) {
      if (error instanceof StoreApiError && (error.kind === 'not_found' || error.kind === 'bad_response' || error.kind === 'bad_request')) return null;
      throw error;
    }
  }

  async *pull(options: PullOptions): AsyncGenerator<OrderPage> {
    const { signal, onProgress } = options;
    const pull = new SincePull(decodeSinceCursor(options.cursor));
    const perPage = String(this.config.perPage ?? 100);
    let after = pull.resumeFromMs(this.config.overlapMs ?? DEFAULT_OVERLAP_MS);
    let page = 1;
    let total: number | null = null;
    let done = 0;
    for (;;) {
      const params: Record<string, string> = { per_page: perPage, page: String(page), orderby: 'modified', order: 'asc', dates_are_gmt: 'true' };
      // modified_after is exclusive and to the second: one second back keeps orders at the boundary.
      if (after !== null) params['modified_after'] = gmtWallClock(after - 1000);
      const response = await this.client.get<WooOrderJson[]>('wc/v3/orders', params, { signal });
      if (!Array.isArray(response.body)) {
        throw new StoreApiError(this.config.storeName, 'bad_response', `WooCommerce store "${this.config.storeName}" answered the order list with something other than a list. Check that the site URL is the WooCommerce site itself.`);
      }
      const totalPages = Number(response.headers.get('x-wp-totalpages') ?? '1');
      if (total === null) total = Number(response.headers.get('x-wp-total') ?? NaN) || response.body.length;
      const fresh = response.body.filter((o) => pull.isNew(String(o.id), o.date_modified_gmt));
      const orders: StoreOrder[] = [];
      for (const json of fresh) {
        orders.push(await this.normalise(json, signal));
        pull.handOver(String(json.id), json.date_modified_gmt, gmtInstant(json.date_modified_gmt));
      }
      done += fresh.length;
      onProgress?.({ done, total: Math.max(total, done) });
      if (orders.length > 0) yield { orders, cursor: pull.cursor() };
      if (page >= totalPages || response.body.length === 0) return;
      if (fresh.length === 0) {
        // More than a page of orders share the boundary second: step through them by page.
        page++;
      } else {
        after = Date.parse(pull.since!);
        page = 1;
      }
    }
  }

  private async normalise(json: WooOrderJson, signal: AbortSignal | undefined): Promise<StoreOrder> {
    let details: WooRefundJson[] | null = null;
    if (json.refunds.length > 0) {
      details = [];
      for (let page = 1; ; page++) {
        const response = await this.client.get<WooRefundJson[]>(`wc/v3/orders/${json.id}/refunds`, { per_page: '100', page: String(page) }, { signal });
        details.push(...response.body);
        if (page >= Number(response.headers.get('x-wp-totalpages') ?? '1')) break;
      }
    }
    try {
      return normaliseWooOrder(json, details);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreApiError(this.config.storeName, 'bad_response', `Order ${json.number ?? json.id} of WooCommerce store "${this.config.storeName}" could not be read: ${reason}. Contact support with this message; the orders before it are saved.`);
    }
  }
}

