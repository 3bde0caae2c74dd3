/**
 * GETs from one WooCommerce site's REST API (`/wp-json/...`). HTTPS sites get Basic auth with
 * the consumer key and secret; plain-HTTP sites get OAuth 1.0a signatures, because WooCommerce
 * only accepts Basic over HTTPS and the secret must never cross the network in clear text.
 * Every failure becomes a StoreApiError naming the store and what to do; the secret never
 * appears in a message.
 */
import { StoreApiError } from '../connector';
import { requestWithRetries } from '../http-retries';
import { signOAuth } from './oauth';

export interface WooClientConfig {
  storeName: string;
  /** The site's base URL, e.g. https://shop.example.com (no /wp-json). */
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  now?: () => number;
  retryDelaysMs?: readonly number[];
  /**
   * 'auto' (default): Basic on https://, OAuth 1.0a on http://. 'basic' is for a site reached
   * through a local TLS-terminating tunnel (and the stand-in acting as an HTTPS site); never
   * choose it for a site on the open network over plain HTTP, where it would expose the secret.
   */
  auth?: 'auto' | 'basic' | 'oauth';
}

export interface WooResponse<T> {
  body: T;
  headers: Headers;
}

interface WooErrorBody { code?: string; message?: string }


export class WooClient {
  private readonly base: URL;
  private readonly now: () => number;
  requests = 0;

  constructor(private readonly config: WooClientConfig) {
    this.base = new URL(config.siteUrl.replace(/\/+$/, '') + '/');
    this.now = config.now ?? Date.now;
  }

  get https(): boolean {
    return this.base.protocol === 'https:';
  }

  private get useBasic(): boolean {
    const mode = this.config.auth ?? 'auto';
    return mode === 'basic' || (mode === 'auto' && this.https);
  }

  private get where(): string {
    return `WooCommerce store "${this.config.storeName}" (${this.base.origin}${this.base.pathname.replace(/\/$/, '')})`;
  }

  /** GET `path` (relative to /wp-json/, e.g. `wc/v3/orders`) with `params`. */
  async get<T>(path: string, params: Record<string, string> = {}, options: { signal?: AbortSignal; authenticated?: boolean } = {}): Promise<WooResponse<T>> {
    const { signal } = options;
    const url = new URL(`wp-json/${path}`, this.base);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const { status, text, headers: responseHeaders } = await requestWithRetries({
      storeName: this.config.storeName,
      where: this.where,
      checkAddress: 'the site URL',
      whoMayHaveTrouble: 'The site or its host',
      delaysMs: this.config.retryDelaysMs ?? [500, 2000],
      signal,
      send: () => {
        let query = params;
        if (options.authenticated !== false) {
          if (this.useBasic) {
            headers['Authorization'] = `Basic ${Buffer.from(`${this.config.consumerKey}:${this.config.consumerSecret}`).toString('base64')}`;
          } else {
            // A new nonce per attempt: WooCommerce refuses a nonce it has seen.
            query = signOAuth({ method: 'GET', baseUrl: `${url.origin}${url.pathname}`, params, consumerKey: this.config.consumerKey, consumerSecret: this.config.consumerSecret, nowMs: this.now() });
          }
        }
        url.search = new URLSearchParams(query).toString().replace(/\+/g, '%20');
        this.requests++;
        return fetch(url, { headers, signal });
      },
    });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (status === 404) throw this.notFound('the page does not exist');
      throw new StoreApiError(this.config.storeName, 'bad_response', `${this.where} sent a response Ledgerbridge cannot read (HTTP ${status}, not JSON). Check that the site URL is the WooCommerce site itself and not a login or maintenance page.`);
    }
    if (status >= 200 && status < 300) return { body: body as T, headers: responseHeaders };
    const error = (body ?? {}) as WooErrorBody;
    const said = error.message ? `${error.message}${error.code ? ` (${error.code})` : ''}` : `HTTP ${status}`;
    if (status === 401 || status === 403) {
      throw new StoreApiError(this.config.storeName, 'auth', `${this.where} refused the API key: ${said}. Check the consumer key and secret (WooCommerce → Settings → Advanced → REST API; the key needs Read access) and connect the store again.`);
    }
    if (status === 404) throw this.notFound(said);
    throw new StoreApiError(this.config.storeName, 'bad_request', `${this.where} rejected a request from Ledgerbridge: ${said}. Check for a Ledgerbridge update; if the problem remains, contact support with this message.`);
  }

  private notFound(said: string): StoreApiError {
    return new StoreApiError(this.config.storeName, 'not_found', `${this.where} has no WooCommerce REST API there (${said}). Check the site URL, that WooCommerce is active, and that WordPress permalinks are not set to "Plain".`);
  }
}
