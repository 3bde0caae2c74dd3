import { afterEach, describe, expect, it } from 'vitest';
import { s256Challenge } from '../../../sandbox/intuit-oauth';
import { authorizeAuto, basic, CLIENT, REALM, startOAuth, tokenRequest, type OAuthFixture } from './helpers';

let fx: OAuthFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const REDIRECT = 'http://127.0.0.1:53123/cb/xyz';
const HOUR = 3600 * 1000;

async function codeFor(origin: string, params: Record<string, string> = {}): Promise<string> {
  const location = await authorizeAuto(origin, params);
  return location.searchParams.get('code')!;
}

async function exchange(origin: string, code: string, extra: Record<string, string> = {}) {
  return tokenRequest(origin, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...extra });
}

async function refresh(origin: string, refreshToken: string, authorization: string | null = basic()) {
  return tokenRequest(origin, { grant_type: 'refresh_token', refresh_token: refreshToken }, authorization);
}

describe('Intuit OAuth stand-in: authorization_code grant', () => {
  it('returns Intuit-shaped tokens for a fresh code', async () => {
    fx = await startOAuth({ autoApprove: true });
    const { status, body } = await exchange(fx.origin, await codeFor(fx.origin));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'x_refresh_token_expires_in']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.x_refresh_token_expires_in).toBe(8726400);
    expect(body.refresh_token).toMatch(/^AB11\d+[A-Za-z0-9]+$/);
    expect((body.refresh_token as string).length).toBe(50);
    expect(fx.oauth.verifyAccessToken(body.access_token as string)).toEqual({ ok: true, realmId: REALM });
  });

  it('codes are single-use, and reusing one revokes the tokens the first use produced', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin);
    const first = await exchange(fx.origin, code);
    expect(first.status).toBe(200);
    const second = await exchange(fx.origin, code);
    expect(second).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(fx.oauth.verifyAccessToken(first.body.access_token as string)).toEqual({ ok: false, reason: 'invalid' });
    expect((await refresh(fx.origin, first.body.refresh_token as string)).body).toEqual({ error: 'invalid_grant' });
  });

  it('codes expire after 10 minutes', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin);
    fx.clock.now += 10 * 60 * 1000;
    expect(await exchange(fx.origin, code)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const fresh = await codeFor(fx.origin);
    fx.clock.now += 10 * 60 * 1000 - 1;
    expect((await exchange(fx.origin, fresh)).status).toBe(200);
  });

  it('the redirect_uri must equal the one used at authorize', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin);
    const wrong = await exchange(fx.origin, code, { redirect_uri: 'http://127.0.0.1:53124/cb/xyz' });
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const missing = await tokenRequest(fx.origin, { grant_type: 'authorization_code', code });
    expect(missing).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect((await exchange(fx.origin, code)).status).toBe(200);
  });

  it('a code issued to one client cannot be redeemed by another', async () => {
    fx = await startOAuth({ autoApprove: true });
    fx.oauth.addClient({ ...CLIENT, clientId: 'other', clientSecret: 'other-secret' });
    const code = await codeFor(fx.origin);
    const stolen = await tokenRequest(
      fx.origin,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      basic('other', 'other-secret'),
    );
    expect(stolen).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('Intuit OAuth stand-in: PKCE', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

  it('enforces code_verifier when a S256 code_challenge was sent', async () => {
    fx = await startOAuth({ autoApprove: true });
    const params = { code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' };
    expect(s256Challenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'); // RFC 7636 appendix B
    const code = await codeFor(fx.origin, params);
    expect(await exchange(fx.origin, code)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await exchange(fx.origin, code, { code_verifier: verifier.replace('d', 'e') })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect((await exchange(fx.origin, code, { code_verifier: verifier })).status).toBe(200);
  });

  it('still requires the client secret with PKCE (confidential client)', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin, { code_challenge: s256Challenge(verifier), code_challenge_method: 'S256' });
    const res = await tokenRequest(
      fx.origin,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: CLIENT.clientId },
      null,
    );
    expect(res).toEqual({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('Intuit OAuth stand-in: client authentication and request errors', () => {
  it('401 invalid_client for a wrong secret, unknown client, missing or malformed Basic header', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    for (const authorization of [basic(CLIENT.clientId, 'wrong'), basic('unknown', CLIENT.clientSecret), null, 'Basic !!!', 'Bearer x']) {
      expect(await tokenRequest(fx.origin, form, authorization), String(authorization)).toEqual({
        status: 401,
        body: { error: 'invalid_client' },
      });
    }
    // None of the refused attempts consumed the code.
    expect((await tokenRequest(fx.origin, form)).status).toBe(200);
  });

  it('accepts client_secret_post as the discovery document says', async () => {
    fx = await startOAuth({ autoApprove: true });
    const code = await codeFor(fx.origin);
    const res = await tokenRequest(
      fx.origin,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
      null,
    );
    expect(res.status).toBe(200);
  });

  it('unsupported_grant_type, invalid_request, wrong content type, wrong method', async () => {
    fx = await startOAuth();
    expect(await tokenRequest(fx.origin, { grant_type: 'client_credentials' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await tokenRequest(fx.origin, {})).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await tokenRequest(fx.origin, { grant_type: 'refresh_token' })).toEqual({ status: 400, body: { error: 'invalid_request' } });
    const json = await fetch(`${fx.origin}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basic() },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
    expect((await fetch(`${fx.origin}/oauth2/v1/tokens/bearer`)).status).toBe(405);
  });
});

describe('Intuit OAuth stand-in: refresh_token grant', () => {
  it('rotates the refresh token on every refresh and issues a new access token', async () => {
    fx = await startOAuth();
    const first = fx.oauth.issueTokens(REALM);
    const second = await refresh(fx.origin, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    const third = await refresh(fx.origin, second.body.refresh_token as string);
    expect(third.body.refresh_token).not.toBe(second.body.refresh_token);
    // Old access tokens stay valid until they expire.
    expect(fx.oauth.verifyAccessToken(first.access_token)).toEqual({ ok: true, realmId: REALM });
  });

  it('the replaced refresh token works during the 24 h grace, then fails with 400 invalid_grant', async () => {
    fx = await startOAuth();
    const first = fx.oauth.issueTokens(REALM);
    const second = await refresh(fx.origin, first.refresh_token);
    expect(second.status).toBe(200);
    fx.clock.now += 23 * HOUR;
    const withinGrace = await refresh(fx.origin, first.refresh_token);
    expect(withinGrace.status).toBe(200);
    fx.clock.now += HOUR;
    expect(await refresh(fx.origin, first.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    // The newest token still works.
    expect((await refresh(fx.origin, withinGrace.body.refresh_token as string)).status).toBe(200);
  });

  it('honours a configured grace window', async () => {
    fx = await startOAuth({ refreshGraceSeconds: 120 });
    const first = fx.oauth.issueTokens(REALM);
    const second = await refresh(fx.origin, first.refresh_token);
    fx.clock.now += 119_000;
    expect((await refresh(fx.origin, first.refresh_token)).status).toBe(200);
    fx.clock.now += 1_000;
    expect(await refresh(fx.origin, first.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    // `second` was superseded by the in-grace refresh above, 1 s ago: still in its own grace.
    expect((await refresh(fx.origin, second.body.refresh_token as string)).status).toBe(200);
  });

  it('refresh tokens expire after x_refresh_token_expires_in', async () => {
    fx = await startOAuth();
    const first = fx.oauth.issueTokens(REALM);
    fx.clock.now += 8726400 * 1000;
    expect(await refresh(fx.origin, first.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('unknown refresh tokens and tokens of another client are invalid_grant', async () => {
    fx = await startOAuth();
    fx.oauth.addClient({ ...CLIENT, clientId: 'other', clientSecret: 'other-secret' });
    const first = fx.oauth.issueTokens(REALM);
    expect(await refresh(fx.origin, 'AB11nonsense')).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await refresh(fx.origin, first.refresh_token, basic('other', 'other-secret'))).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });
});

describe('Intuit OAuth stand-in: access tokens', () => {
  it('expire after 3600 s; verifyAccessToken says expired, then invalid for garbage', async () => {
    fx = await startOAuth();
    const pair = fx.oauth.issueTokens(REALM);
    fx.clock.now += 3600 * 1000 - 1;
    expect(fx.oauth.verifyAccessToken(pair.access_token)).toEqual({ ok: true, realmId: REALM });
    fx.clock.now += 1;
    expect(fx.oauth.verifyAccessToken(pair.access_token)).toEqual({ ok: false, reason: 'expired' });
    expect(fx.oauth.verifyAccessToken('garbage')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('the early-expiry fault shortens access tokens (read at issuance)', async () => {
    fx = await startOAuth();
    fx.options.faults = { ...fx.options.faults, accessTokenTtlSeconds: 60 };
    const pair = fx.oauth.issueTokens(REALM);
    expect(pair.expires_in).toBe(60);
    const refreshed = await refresh(fx.origin, pair.refresh_token);
    expect(refreshed.body.expires_in).toBe(60);
    fx.clock.now += 60_000;
    expect(fx.oauth.verifyAccessToken(pair.access_token)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('Intuit OAuth stand-in: revoke', () => {
  async function revoke(origin: string, token: string, authorization: string | null = basic()) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (authorization) headers.Authorization = authorization;
    return fetch(`${origin}/v2/oauth2/tokens/revoke`, { method: 'POST', headers, body: JSON.stringify({ token }) });
  }

  it('revoking the refresh token kills it and every access token of the connection', async () => {
    fx = await startOAuth();
    const first = fx.oauth.issueTokens(REALM);
    const second = await refresh(fx.origin, first.refresh_token);
    const other = fx.oauth.issueTokens(REALM);
    const res = await revoke(fx.origin, second.body.refresh_token as string);
    expect(res.status).toBe(200);
    expect(fx.oauth.verifyAccessToken(first.access_token)).toEqual({ ok: false, reason: 'invalid' });
    expect(fx.oauth.verifyAccessToken(second.body.access_token as string)).toEqual({ ok: false, reason: 'invalid' });
    expect(await refresh(fx.origin, second.body.refresh_token as string)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await refresh(fx.origin, first.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    // Another connection is untouched.
    expect(fx.oauth.verifyAccessToken(other.access_token).ok).toBe(true);
  });

  it('revoking by access token works too; form bodies are accepted', async () => {
    fx = await startOAuth();
    const pair = fx.oauth.issueTokens(REALM);
    const res = await fetch(`${fx.origin}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic() },
      body: new URLSearchParams({ token: pair.access_token }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await refresh(fx.origin, pair.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('requires client authentication and a token', async () => {
    fx = await startOAuth();
    const pair = fx.oauth.issueTokens(REALM);
    expect((await revoke(fx.origin, pair.refresh_token, null)).status).toBe(401);
    expect((await revoke(fx.origin, pair.refresh_token, basic(CLIENT.clientId, 'bad'))).status).toBe(401);
    expect((await revoke(fx.origin, '')).status).toBe(400);
    expect(fx.oauth.verifyAccessToken(pair.access_token).ok).toBe(true);
  });
});

describe('Intuit OAuth stand-in: persistence', () => {
  it('exportState/importState carries clients, tokens and rotation state across restarts', async () => {
    fx = await startOAuth();
    const first = fx.oauth.issueTokens(REALM);
    const second = await refresh(fx.origin, first.refresh_token);
    const saved = JSON.parse(JSON.stringify(fx.oauth.exportState())) as unknown;
    const now = fx.clock.now;
    await fx.close();

    fx = await startOAuth({ clients: [], companies: [] });
    fx.clock.now = now;
    fx.oauth.importState(saved);
    expect(fx.oauth.clients().map((c) => c.clientId)).toEqual([CLIENT.clientId]);
    expect(fx.oauth.verifyAccessToken(second.body.access_token as string)).toEqual({ ok: true, realmId: REALM });
    fx.clock.now += 24 * HOUR;
    expect(await refresh(fx.origin, first.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect((await refresh(fx.origin, second.body.refresh_token as string)).status).toBe(200);
    expect(() => fx!.oauth.importState({ version: 2 })).toThrow(/version 1/);
  });
});

describe('Intuit OAuth stand-in: 5-year hard cap', () => {
  it('adds x_refresh_token_hard_expires_in only when asked by header', async () => {
    fx = await startOAuth();
    const pair = fx.oauth.issueTokens(REALM);
    const plain = await refresh(fx.origin, pair.refresh_token);
    expect(plain.body).not.toHaveProperty('x_refresh_token_hard_expires_in');
    const res = await fetch(`${fx.origin}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        Authorization: basic(),
        'Content-Type': 'application/x-www-form-urlencoded',
        'x-include-refresh-token-hard-expires-in': 'true',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: plain.body.refresh_token as string }).toString(),
    });
    const body = (await res.json()) as Record<string, number>;
    expect(body.x_refresh_token_hard_expires_in).toBe(5 * 365 * 24 * 3600);
  });

  it('rolling refreshes never outlive the connection: invalid_grant after 5 years', async () => {
    fx = await startOAuth();
    let token = fx.oauth.issueTokens(REALM).refresh_token;
    const day = 24 * HOUR;
    let last: Awaited<ReturnType<typeof refresh>> | null = null;
    for (let elapsed = 99; elapsed < 5 * 365; elapsed += 99) {
      fx.clock.now += 99 * day;
      last = await refresh(fx.origin, token);
      expect(last.status, `day ${elapsed}`).toBe(200);
      token = last.body.refresh_token as string;
    }
    // Near the cap the rolling lifetime is cut short.
    expect(last!.body.x_refresh_token_expires_in as number).toBeLessThan(8726400);
    fx.clock.now += (last!.body.x_refresh_token_expires_in as number) * 1000;
    expect(await refresh(fx.origin, token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('Intuit OAuth stand-in: userinfo', () => {
  it('needs a live access token with the openid scope', async () => {
    fx = await startOAuth();
    const get = (token: string) => fetch(`${fx!.origin}/v1/openid_connect/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await get('nope')).status).toBe(401);
    expect((await get(fx.oauth.issueTokens(REALM).access_token)).status).toBe(403);
    const withOpenId = fx.oauth.issueTokens(REALM, undefined, 'com.intuit.quickbooks.accounting openid email');
    const res = await get(withOpenId.access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: `sandbox-user-${REALM}`, email: 'owner@sandbox.example', emailVerified: true });
  });
});
