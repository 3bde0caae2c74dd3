import { createHmac, randomBytes } from 'node:crypto';
import { defaultStandInOptions, type StandInOptions } from '../../../sandbox/common/types';
import type { SeedStore } from '../../../sandbox/seed/types';
import { createWooStandIn } from '../../../sandbox/woocommerce/index';
import { NOW, harborStore } from '../shopify/fixtures';
import { listen, type Listening } from '../../../sandbox/common/listen';

export const CK = 'ck_0123456789abcdef0123456789abcdef01234567';
export const CS = 'cs_fedcba9876543210fedcba9876543210fedcba98';

/** RFC 5849 percent-encoding, written independently of the stand-in's code. */
const pct = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignOptions {
  method?: string;
  key?: string;
  secret?: string;
  algorithm?: 'HMAC-SHA1' | 'HMAC-SHA256';
  timestamp?: number;
  nonce?: string;
}

/** Signs `url` (with its query) as an OAuth 1.0a one-legged request; returns the URL to call. */
export function signUrl(url: string, opts: SignOptions = {}): string {
  const u = new URL(url);
  const params: Array<[string, string]> = [...u.searchParams.entries()];
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', opts.key ?? CK],
    ['oauth_nonce', opts.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', opts.algorithm ?? 'HMAC-SHA256'],
    ['oauth_timestamp', String(opts.timestamp ?? Math.floor(NOW / 1000))],
    ['oauth_version', '1.0'],
  ];
  const all = [...params, ...oauth].map(([k, v]) => [pct(k), pct(v)] as const).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const base = [(opts.method ?? 'GET').toUpperCase(), pct(`${u.protocol}//${u.host}${u.pathname}`), pct(all.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
  const hash = (opts.algorithm ?? 'HMAC-SHA256') === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(hash, `${pct(opts.secret ?? CS)}&`).update(base).digest('base64');
  for (const [k, v] of oauth) u.searchParams.append(k, v);
  u.searchParams.append('oauth_signature', signature);
  return u.toString();
}

export interface WooHarness {
  running: Listening;
  clock: { ms: number };
  standIn: ReturnType<typeof createWooStandIn>;
  /** Signed GET of `/wp-json/wc/v3/{path}`. */
  get(path: string, opts?: SignOptions): Promise<{ status: number; body: any; headers: Headers }>;
  raw(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startWoo(
  overrides: { store?: SeedStore; assumeHttps?: boolean; options?: Partial<StandInOptions> } = {},
): Promise<WooHarness> {
  const clock = { ms: NOW };
  const standIn = createWooStandIn({
    store: overrides.store ?? harborStore(),
    consumerKey: CK,
    consumerSecret: CS,
    assumeHttps: overrides.assumeHttps,
    options: defaultStandInOptions({ now: () => clock.ms, ...overrides.options }),
  });
  const running = await listen(standIn.handler);
  const read = async (res: Response) => ({ status: res.status, body: JSON.parse(await res.text()) as unknown, headers: res.headers });
  return {
    running,
    clock,
    standIn,
    async get(path, opts = {}) {
      const url = signUrl(`${running.origin}/wp-json/wc/v3/${path}`, { timestamp: Math.floor(clock.ms / 1000), ...opts });
      return read(await fetch(url));
    },
    async raw(path, init) {
      return read(await fetch(`${running.origin}/wp-json/wc/v3/${path}`, init));
    },
  };
}
