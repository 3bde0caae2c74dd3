/**
 * Intuit's OAuth 2.0 endpoints as a client sees them (qbo-api.md §11): the discovery document,
 * the authorize URL, the token endpoint (code exchange and refresh, HTTP Basic client auth) and
 * revocation. Error messages carry Intuit's error code and `intuit_tid`, never a token or secret.
 */
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { qboAgent } from '../qbo/transport';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface OAuthEndpoints {
  authorize: string;
  token: string;
  revoke: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  refreshExpiresIn: number | null;
}

/** The token endpoint said no; `error` is the OAuth code (`invalid_grant`, `invalid_client`, ...). */
export class IntuitOAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status: number | null,
    readonly intuitTid: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'IntuitOAuthError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https everywhere, plain http only to this machine (the local stand-ins). */
export function checkEndpointUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IntuitOAuthError('invalid_configuration', null, null, `${what} is not a URL: ${JSON.stringify(value)}`);
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!ok || url.username || url.password) {
    throw new IntuitOAuthError('invalid_configuration', null, null, `${what} must be an https URL (plain http only on 127.0.0.1): ${url.origin}`);
  }
  return url.toString();
}

const discoverySchema = z
  .object({
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    revocation_endpoint: z.string(),
  })
  .loose();

function tidOf(headers: Record<string, string | string[] | undefined>): string | null {
  const v = headers['intuit_tid'];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

async function send(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  dispatcher: Dispatcher | undefined,
  what: string,
): Promise<{ status: number; text: string; intuitTid: string | null }> {
  try {
    const res = await request(url, { ...init, dispatcher: dispatcher ?? qboAgent(), headersTimeout: 60_000, bodyTimeout: 60_000 });
    const text = await res.body.text();
    return { status: res.statusCode, text, intuitTid: tidOf(res.headers) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new IntuitOAuthError('unreachable', null, null, `Could not reach Intuit (${what}): ${typeof code === 'string' ? code : error instanceof Error ? error.message : 'network error'}`);
  }
}

export async function fetchDiscovery(discoveryUrl: string, dispatcher?: Dispatcher): Promise<OAuthEndpoints> {
  const url = checkEndpointUrl(discoveryUrl, 'The discovery document URL');
  const res = await send(url, { method: 'GET', headers: { accept: 'application/json' } }, dispatcher, 'discovery document');
  if (res.status !== 200) {
    throw new IntuitOAuthError('discovery_failed', res.status, res.intuitTid, `The discovery document at ${url} answered HTTP ${res.status}.`);
  }
  let parsed: z.infer<typeof discoverySchema>;
  try {
    parsed = discoverySchema.parse(JSON.parse(res.text));
  } catch {
    throw new IntuitOAuthError('discovery_failed', res.status, res.intuitTid, `The discovery document at ${url} is not an OpenID configuration.`);
  }
  return {
    authorize: checkEndpointUrl(parsed.authorization_endpoint, 'The authorization endpoint'),
    token: checkEndpointUrl(parsed.token_endpoint, 'The token endpoint'),
    revoke: checkEndpointUrl(parsed.revocation_endpoint, 'The revocation endpoint'),
  };
}

export function authorizeUrl(
  endpoints: OAuthEndpoints,
  params: { clientId: string; redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL(endpoints.authorize);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', ACCOUNTING_SCOPE);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  // Intuit does not document PKCE; sending it costs nothing and binds the code to this attempt.
  url.searchParams.set('code_challenge', params.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

function basicAuth(credentials: ClientCredentials): string {
  return `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64')}`;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  x_refresh_token_expires_in: z.coerce.number().optional(),
  token_type: z.string().optional(),
});

const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() }).loose();

const ERROR_TEXT: Record<string, string> = {
  invalid_grant: 'the authorization is no longer valid (expired, revoked or already used)',
  invalid_client: 'the client id or client secret is wrong',
  invalid_request: 'the request was malformed',
  unauthorized_client: 'this app may not use this grant',
  unsupported_grant_type: 'the grant type is not supported',
};

async function tokenRequest(
  endpoints: OAuthEndpoints,
  credentials: ClientCredentials,
  form: Record<string, string>,
  dispatcher: Dispatcher | undefined,
  what: string,
): Promise<TokenSet> {
  const res = await send(
    endpoints.token,
    {
      method: 'POST',
      headers: {
        authorization: basicAuth(credentials),
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    },
    dispatcher,
    what,
  );
  let json: unknown = null;
  try {
    json = JSON.parse(res.text);
  } catch {
    // handled below
  }
  if (res.status === 200) {
    const ok = tokenResponse.safeParse(json);
    if (ok.success) {
      return {
        accessToken: ok.data.access_token,
        refreshToken: ok.data.refresh_token,
        expiresIn: ok.data.expires_in,
        refreshExpiresIn: ok.data.x_refresh_token_expires_in ?? null,
      };
    }
    throw new IntuitOAuthError('invalid_response', res.status, res.intuitTid, `Intuit's token endpoint answered ${what} without tokens.`);
  }
  const err = errorResponse.safeParse(json);
  const code = err.success ? err.data.error.replace(/[^a-z_]/g, '').slice(0, 40) : `http_${res.status}`;
  const tid = res.intuitTid ? ` (intuit_tid ${res.intuitTid})` : '';
  throw new IntuitOAuthError(code, res.status, res.intuitTid, `Intuit refused ${what}: ${code}${ERROR_TEXT[code] ? ` — ${ERROR_TEXT[code]}` : ''}${tid}.`);
}

export function exchangeCode(
  endpoints: OAuthEndpoints,
  credentials: ClientCredentials,
  params: { code: string; redirectUri: string; codeVerifier: string },
  dispatcher?: Dispatcher,
): Promise<TokenSet> {
  return tokenRequest(
    endpoints,
    credentials,
    { grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri, code_verifier: params.codeVerifier },
    dispatcher,
    'the authorization code',
  );
}

export function refreshTokens(
  endpoints: OAuthEndpoints,
  credentials: ClientCredentials,
  refreshToken: string,
  dispatcher?: Dispatcher,
): Promise<TokenSet> {
  return tokenRequest(endpoints, credentials, { grant_type: 'refresh_token', refresh_token: refreshToken }, dispatcher, 'the token refresh');
}

/** Revoking the refresh token ends the whole connection at Intuit (RFC 7009: unknown tokens are fine). */
export async function revokeToken(
  endpoints: OAuthEndpoints,
  credentials: ClientCredentials,
  token: string,
  dispatcher?: Dispatcher,
): Promise<void> {
  const res = await send(
    endpoints.revoke,
    {
      method: 'POST',
      headers: { authorization: basicAuth(credentials), accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    },
    dispatcher,
    'revocation',
  );
  if (res.status !== 200) {
    throw new IntuitOAuthError(res.status === 401 ? 'invalid_client' : `http_${res.status}`, res.status, res.intuitTid, `Intuit refused to revoke the connection (HTTP ${res.status}).`);
  }
}
