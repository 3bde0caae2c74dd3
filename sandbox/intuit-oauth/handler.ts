/**
 * HTTP face of the Intuit OAuth stand-in: discovery, authorize + consent page, token, revoke,
 * userinfo, JWKS. Statuses and error bodies follow qbo-api.md §11: 401 `{"error":"invalid_client"}`,
 * 400 `{"error":"invalid_grant"}` etc. The bodies stay exactly that short; why a request failed is
 * told in the `x-sandbox-reason` header, which no real client reads.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  newIntuitTid,
  readBody,
  redirect,
  requestOrigin,
  sendHtml,
  sendJson,
} from '../common/http';
import type { StandInOptions } from '../common/types';
import { redirectUriAllowed } from './clients';
import { consentPage, errorPage } from './consent-page';
import type { IdTokenSigner } from './id-token';
import { OAUTH_PATHS, discoveryDocument } from './paths';
import type { OAuthErrorCode, OAuthStore, TokenOutcome, TokenResponseBody } from './store';

/** Scopes Intuit knows (oauth-jsclient `OAuthClient.scopes`). */
const KNOWN_SCOPES = new Set([
  'com.intuit.quickbooks.accounting',
  'com.intuit.quickbooks.payment',
  'payroll.compensation.read',
  'project-management.project',
  'app-foundations.custom-dimensions.read',
  'app-foundations.custom-field-definitions',
  'time-tracking.time-entry',
  'indirect-tax.tax-calculation.quickbooks',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
]);

const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

export interface HandlerDeps {
  store: OAuthStore;
  options: StandInOptions;
  autoApprove: () => boolean;
  idTokens: IdTokenSigner;
}

type Reply = (res: ServerResponse) => void;

export function createOAuthHandler(deps: HandlerDeps) {
  const { store, options } = deps;

  function oauthError(res: ServerResponse, status: number, error: OAuthErrorCode, reason: string): void {
    sendJson(res, status, { error }, { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'x-sandbox-reason': reason });
  }

  function redirectWith(res: ServerResponse, redirectUri: string, params: Record<string, string | null>): void {
    const url = new URL(redirectUri);
    for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
    redirect(res, url.toString());
  }

  function authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const app = store.client(clientId);
    if (!app) {
      sendHtml(res, 400, errorPage('Invalid client', 'The client_id query parameter value is invalid.'));
      return;
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!redirectUriAllowed(app, redirectUri)) {
      sendHtml(
        res,
        400,
        errorPage(
          'Invalid redirect URI',
          "The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab and matches it exactly.",
        ),
      );
      return;
    }
    // From here on errors go back to the (trusted) redirect URI, as RFC 6749 §4.1.2.1 says.
    const state = q.get('state');
    const fail = (error: string, description: string) =>
      redirectWith(res, redirectUri, { error, error_description: description, state });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    const scope = (q.get('scope') ?? '').split(' ').filter((s) => s !== '');
    if (scope.length === 0) return fail('invalid_scope', 'scope is required');
    const unknown = scope.find((s) => !KNOWN_SCOPES.has(s));
    if (unknown !== undefined) return fail('invalid_scope', `unknown scope ${unknown}`);
    const codeChallenge = q.get('code_challenge');
    if (codeChallenge !== null) {
      if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'only code_challenge_method=S256 is supported');
      if (!CHALLENGE.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters');
    }
    const companies = store.listCompanies();
    if (companies.length === 0) {
      sendHtml(res, 500, errorPage('No company', 'The sandbox has no QuickBooks company to connect to.'));
      return;
    }
    const request = { clientId, redirectUri, scope: scope.join(' '), state, codeChallenge };
    if (deps.autoApprove()) {
      const code = store.issueCode({ clientId, redirectUri, realmId: companies[0]!.realmId, scope: request.scope, codeChallenge });
      redirectWith(res, redirectUri, { code, state, realmId: companies[0]!.realmId });
      return;
    }
    const pending = store.createPendingConsent(request);
    sendHtml(res, 200, consentPage({ appName: app.name, companies, pendingId: pending.id, scope: request.scope }), {
      'Cache-Control': 'no-store',
    });
  }

  async function consent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const pending = store.takePendingConsent(form.get('request') ?? '');
    if (!pending) {
      sendHtml(res, 400, errorPage('Request expired', 'This connection request has expired or was already answered. Start again from the app.'));
      return;
    }
    if (form.get('decision') !== 'connect') {
      redirectWith(res, pending.redirectUri, { error: 'access_denied', state: pending.state });
      return;
    }
    const realmId = form.get('realmId') ?? '';
    if (!store.company(realmId)) {
      sendHtml(res, 400, errorPage('Unknown company', 'Choose one of the listed companies.'));
      return;
    }
    const code = store.issueCode({
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      realmId,
      scope: pending.scope,
      codeChallenge: pending.codeChallenge,
    });
    redirectWith(res, pending.redirectUri, { code, state: pending.state, realmId });
  }

  /** HTTP Basic (what every Intuit SDK sends) or client_secret_post, as the discovery document allows. */
  function clientCredentials(req: IncomingMessage, form: URLSearchParams | null): { id: string; secret: string } | null {
    const header = req.headers.authorization ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1]!.trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    const id = form?.get('client_id');
    const secret = form?.get('client_secret');
    return id && secret ? { id, secret } : null;
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 64 * 1024);
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(res, 400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    const credentials = clientCredentials(req, form);
    const app = credentials && store.authenticateClient(credentials.id, credentials.secret);
    if (!app) {
      sendJson(res, 401, { error: 'invalid_client' }, {
        'Cache-Control': 'no-store',
        'WWW-Authenticate': 'Basic realm="Intuit"',
        'x-sandbox-reason': credentials ? 'unknown client_id or wrong client_secret' : 'client authentication missing',
      });
      return;
    }
    const grantType = form.get('grant_type');
    let outcome: TokenOutcome;
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      const redirectUri = form.get('redirect_uri');
      if (!code || !redirectUri) return oauthError(res, 400, 'invalid_request', 'code and redirect_uri are required');
      outcome = store.exchangeCode({ clientId: app.clientId, code, redirectUri, codeVerifier: form.get('code_verifier') });
    } else if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) return oauthError(res, 400, 'invalid_request', 'refresh_token is required');
      outcome = store.refresh({ clientId: app.clientId, refreshToken });
    } else if (grantType === null || grantType === '') {
      return oauthError(res, 400, 'invalid_request', 'grant_type is required');
    } else {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    }
    if (!outcome.ok) return oauthError(res, 400, outcome.error, outcome.reason);
    const { x_refresh_token_hard_expires_in: hardExpiresIn, ...reply } = outcome.body as TokenResponseBody & Record<string, unknown>;
    // Opt-in field (oauth-jsclient 4.2.4 `includeRefreshTokenHardExpiresIn`).
    if (String(req.headers['x-include-refresh-token-hard-expires-in']).toLowerCase() === 'true') {
      reply.x_refresh_token_hard_expires_in = hardExpiresIn;
    }
    if (grantType === 'authorization_code' && outcome.grant.scope.split(' ').includes('openid')) {
      reply.id_token = deps.idTokens.sign({
        clientId: app.clientId,
        realmId: outcome.grant.realmId,
        nowMs: options.now(),
      });
    }
    sendJson(res, 200, reply, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 64 * 1024);
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    let tokenValue: string | null = null;
    let form: URLSearchParams | null = null;
    if (contentType.startsWith('application/json')) {
      try {
        const parsed = JSON.parse(body) as unknown;
        if (parsed && typeof parsed === 'object' && typeof (parsed as { token?: unknown }).token === 'string') {
          tokenValue = (parsed as { token: string }).token;
        }
      } catch {
        return oauthError(res, 400, 'invalid_request', 'body is not JSON');
      }
    } else {
      form = new URLSearchParams(body);
      tokenValue = form.get('token');
    }
    const credentials = clientCredentials(req, form);
    const app = credentials && store.authenticateClient(credentials.id, credentials.secret);
    if (!app) {
      sendJson(res, 401, { error: 'invalid_client' }, { 'x-sandbox-reason': 'client authentication failed' });
      return;
    }
    if (!tokenValue) return oauthError(res, 400, 'invalid_request', 'token is required');
    // RFC 7009: an unknown token is not an error; the client's goal (token unusable) is met.
    const revoked = store.revoke(app.clientId, tokenValue);
    res.writeHead(200, { 'Content-Length': '0', 'x-sandbox-reason': revoked ? 'revoked' : 'token unknown' });
    res.end();
  }

  function userinfo(req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const grant = bearer ? store.grantForAccessToken(bearer[1]!.trim()) : null;
    if (!grant) {
      sendJson(res, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    const scopes = new Set(grant.scope.split(' '));
    if (!scopes.has('openid')) {
      sendJson(res, 403, { error: 'insufficient_scope' });
      return;
    }
    const info: Record<string, unknown> = { sub: subjectFor(grant.realmId) };
    if (scopes.has('email')) Object.assign(info, { email: 'owner@sandbox.example', emailVerified: true });
    if (scopes.has('profile')) Object.assign(info, { givenName: 'Sandbox', familyName: 'Owner' });
    if (scopes.has('phone')) Object.assign(info, { phoneNumber: '+1 555-0100', phoneNumberVerified: false });
    sendJson(res, 200, info);
  }

  function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void {
    const method = (req.method ?? 'GET').toUpperCase();
    const methodNotAllowed = (allowed: string): Reply => (r) => {
      r.writeHead(405, { Allow: allowed, 'Content-Length': '0' });
      r.end();
    };
    switch (url.pathname) {
      case OAUTH_PATHS.discoverySandbox:
      case OAUTH_PATHS.discoveryProduction:
        if (method !== 'GET') return methodNotAllowed('GET')(res);
        return sendJson(res, 200, discoveryDocument(requestOrigin(req)));
      case OAUTH_PATHS.authorize:
        if (method !== 'GET') return methodNotAllowed('GET')(res);
        return authorize(req, res, url);
      case OAUTH_PATHS.consent:
        if (method !== 'POST') return methodNotAllowed('POST')(res);
        return consent(req, res);
      case OAUTH_PATHS.token:
        if (method !== 'POST') return methodNotAllowed('POST')(res);
        return token(req, res);
      case OAUTH_PATHS.revoke:
        if (method !== 'POST') return methodNotAllowed('POST')(res);
        return revoke(req, res);
      case OAUTH_PATHS.userinfo:
        if (method !== 'GET') return methodNotAllowed('GET')(res);
        return userinfo(req, res);
      case OAUTH_PATHS.jwks:
        if (method !== 'GET') return methodNotAllowed('GET')(res);
        return sendJson(res, 200, deps.idTokens.jwks());
      default:
        return sendJson(res, 404, { error: 'not_found', path: url.pathname });
    }
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('intuit_tid', newIntuitTid(options.now()));
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    Promise.resolve()
      .then(() => route(req, res, url))
      .catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'invalid_request' });
        sendJson(res, 500, { error: 'server_error' }, { 'x-sandbox-reason': String(error) });
      });
  };
}

/** Stable per-realm subject so userinfo and ID tokens agree. */
export function subjectFor(realmId: string): string {
  return `sandbox-user-${realmId}`;
}
