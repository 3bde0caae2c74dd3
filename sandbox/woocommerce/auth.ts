/**
 * WooCommerce REST authentication (store-apis.md B "Authentication", following
 * WC_REST_Authentication): Basic (or ?consumer_key=&consumer_secret=) only when the site is on
 * HTTPS; otherwise OAuth 1.0a one-legged with HMAC-SHA1/SHA256, ±15 min timestamps and
 * single-use nonces. A request carrying no credentials at all is not an auth error: it continues
 * unauthenticated and fails the route's permission check instead.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PhpParams } from './php-query';

export interface WooError {
  status: number;
  code: string;
  message: string;
}

export type AuthResult = { kind: 'user' } | { kind: 'anonymous' } | { kind: 'error'; error: WooError };

export interface AuthRequest {
  method: string;
  /** `http://host/path` or `https://host/path` as the site sees itself (no query). */
  baseUrl: string;
  query: PhpParams;
  authorization: string | undefined;
  https: boolean;
}

const WINDOW_S = 15 * 60;
const authError = (message: string, code = 'woocommerce_rest_authentication_error'): AuthResult => ({
  kind: 'error',
  error: { status: 401, code, message },
});

/** PHP rawurlencode, which is RFC 3986 (wc_rest_urlencode_rfc3986). */
export function rawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `Authorization: OAuth k="v", …` the way WooCommerce's parse_header does. */
function parseOAuthHeader(header: string | undefined): Record<string, string> {
  const h = (header ?? '').trim();
  if (!h.startsWith('OAuth ')) return {};
  const params: Record<string, string> = {};
  for (const m of h.matchAll(/(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g)) {
    params[m[1]!] = decodeURIComponent(((m[3] || m[4]) ?? '').replace(/\+/g, ' '));
  }
  return params;
}

/** join_with_equals_sign + normalize_parameters: nested keys become key%5Bsub%5D before the second encoding. */
function joinWithEquals(params: PhpParams, prefix = ''): string[] {
  const out: string[] = [];
  for (const [rawKey, value] of Object.entries(params)) {
    const key = prefix ? `${prefix}%5B${rawKey}%5D` : rawUrlEncode(rawKey);
    if (typeof value === 'string') out.push(rawUrlEncode(`${key}=${rawUrlEncode(value)}`));
    else out.push(...joinWithEquals(value, key));
  }
  return out;
}

export function signatureBaseString(method: string, baseUrl: string, params: PhpParams): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== 'oauth_signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .reduce<PhpParams>((acc, k) => ({ ...acc, [k]: params[k]! }), {});
  return `${method.toUpperCase()}&${rawUrlEncode(baseUrl)}&${joinWithEquals(sorted).join('%26')}`;
}

export class WooAuthenticator {
  /** Nonces per consumer key: nonce → timestamp it came with. */
  private nonces = new Map<string, Map<string, number>>();

  constructor(
    private readonly consumerKey: string,
    private readonly consumerSecret: string,
    private readonly now: () => number,
  ) {}

  authenticate(req: AuthRequest): AuthResult {
    if (req.https) {
      const basic = this.basic(req);
      if (basic) return basic;
    }
    return this.oauth(req);
  }

  /** null when Basic did not apply (no or unknown key), so OAuth gets its turn. */
  private basic(req: AuthRequest): AuthResult | null {
    let key = '';
    let secret = '';
    const qk = req.query['consumer_key'];
    const qs = req.query['consumer_secret'];
    if (typeof qk === 'string' && qk && typeof qs === 'string' && qs) {
      key = qk;
      secret = qs;
    } else if (req.authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(req.authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        key = decoded.slice(0, colon);
        secret = decoded.slice(colon + 1);
      }
    }
    if (!key || !secret || key !== this.consumerKey) return null;
    if (!safeEqual(secret, this.consumerSecret)) return authError('Consumer secret is invalid.');
    return { kind: 'user' };
  }

  private oauth(req: AuthRequest): AuthResult {
    const params: PhpParams = { ...req.query, ...parseOAuthHeader(req.authorization) };
    const required = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
    const missing = required.filter((p) => typeof params[p] !== 'string' || params[p] === '');
    if (missing.length === required.length) return { kind: 'anonymous' };
    if (missing.length) {
      return authError(
        `${missing.length === 1 ? 'Missing OAuth parameter' : 'Missing OAuth parameters'} ${missing.join(', ')}`,
        'woocommerce_rest_authentication_missing_parameter',
      );
    }
    const p = params as Record<string, string>;
    if (p['oauth_consumer_key'] !== this.consumerKey) return authError('Consumer key is invalid.');

    // The query parser turned '+' into spaces; WooCommerce puts them back before comparing.
    let given: string;
    try {
      given = decodeURIComponent(p['oauth_signature']!.replace(/ /g, '+'));
    } catch {
      given = p['oauth_signature']!;
    }
    const base = signatureBaseString(req.method, req.baseUrl, params);
    const method = p['oauth_signature_method'];
    if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return authError('Invalid signature - signature method is invalid.');
    const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${this.consumerSecret}&`).update(base).digest('base64');
    if (!safeEqual(expected, given)) return authError('Invalid signature - provided signature does not match.');

    const nowS = Math.floor(this.now() / 1000);
    const timestamp = Number(p['oauth_timestamp']);
    if (!Number.isFinite(timestamp) || timestamp < nowS - WINDOW_S || timestamp > nowS + WINDOW_S) return authError('Invalid timestamp.');
    const used = this.nonces.get(this.consumerKey) ?? new Map<string, number>();
    for (const [nonce, at] of used) if (at < nowS - WINDOW_S) used.delete(nonce);
    if (used.has(p['oauth_nonce']!)) return authError('Invalid nonce - nonce has already been used.');
    used.set(p['oauth_nonce']!, timestamp);
    this.nonces.set(this.consumerKey, used);
    return { kind: 'user' };
  }

  exportState(): Record<string, Array<[string, number]>> {
    return Object.fromEntries([...this.nonces].map(([k, m]) => [k, [...m]]));
  }

  importState(state: Record<string, Array<[string, number]>>): void {
    this.nonces = new Map(Object.entries(state).map(([k, entries]) => [k, new Map(entries)]));
  }
}
