import { defaultStandInOptions, type StandInOptions } from '../../../sandbox/common/types';
import { createIntuitOAuthStandIn, type IntuitOAuthConfig, type IntuitOAuthStandIn } from '../../../sandbox/intuit-oauth';
import { listen } from '../../../sandbox/common/listen';

export const CLIENT = {
  clientId: 'ABtestClientId0123456789',
  clientSecret: 'testSecret0123456789',
  name: 'Ledgerbridge Test',
  redirectUris: ['https://relay.example/callback', 'http://127.0.0.1:*/*'],
};
export const REALM = '9341453000000001';

export interface OAuthFixture {
  oauth: IntuitOAuthStandIn;
  origin: string;
  clock: { now: number };
  options: StandInOptions;
  close(): Promise<void>;
}

export async function startOAuth(config: Partial<IntuitOAuthConfig> = {}): Promise<OAuthFixture> {
  const clock = { now: Date.UTC(2026, 10, 25, 9, 0, 0) };
  const options = defaultStandInOptions({ now: () => clock.now, ...(config.options ?? {}) });
  const oauth = createIntuitOAuthStandIn({
    companies: [{ realmId: REALM, name: 'Harbor Goods LLC' }],
    clients: [CLIENT],
    ...config,
    options,
  });
  const { origin, close } = await listen(oauth.handler);
  return { oauth, origin, clock, options, close };
}

export function basic(id = CLIENT.clientId, secret = CLIENT.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function tokenRequest(
  origin: string,
  form: Record<string, string>,
  authorization: string | null = basic(),
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (authorization) headers.Authorization = authorization;
  const res = await fetch(`${origin}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export function authorizeUrl(origin: string, params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: CLIENT.clientId,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    redirect_uri: 'http://127.0.0.1:53123/cb/xyz',
    state: 'st-1',
    ...params,
  });
  return `${origin}/connect/oauth2?${query}`;
}

/** Runs authorize with auto-approve on and returns the redirect's query parameters. */
export async function authorizeAuto(origin: string, params: Record<string, string> = {}): Promise<URL> {
  const res = await fetch(authorizeUrl(origin, params), { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location')!);
}
