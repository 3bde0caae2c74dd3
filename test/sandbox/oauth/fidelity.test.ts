/**
 * FIDELITY: Intuit's own Node client (`intuit-oauth`, unmodified) talks to the stand-in. Only its
 * endpoint URLs are pointed at us, through its public `setAuthorizeURLs` and static properties.
 */
import OAuthClient from 'intuit-oauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, REALM, startOAuth, type OAuthFixture } from './helpers';

const REDIRECT = 'http://127.0.0.1:49152/oauth/callback/3f9c';

let fx: OAuthFixture | null = null;
const saved = { jwks: OAuthClient.jwks_uri, retryDelay: OAuthClient.retryConfig.retryDelay };

beforeAll(() => {
  // Keeps a failing test from sitting in the client's 1 s/2 s/4 s retry backoff.
  OAuthClient.retryConfig.retryDelay = 1;
});
afterAll(() => {
  OAuthClient.jwks_uri = saved.jwks;
  OAuthClient.retryConfig.retryDelay = saved.retryDelay;
});
afterEach(async () => {
  await fx?.close();
  fx = null;
});

function clientFor(origin: string, secret = CLIENT.clientSecret, includeRefreshTokenHardExpiresIn = false): OAuthClient {
  const client = new OAuthClient({
    clientId: CLIENT.clientId,
    clientSecret: secret,
    environment: 'sandbox',
    redirectUri: REDIRECT,
    includeRefreshTokenHardExpiresIn,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${origin}/connect/oauth2`,
    tokenEndpoint: `${origin}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${origin}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${origin}/v1/openid_connect/userinfo`,
  });
  OAuthClient.jwks_uri = `${origin}/op/v1/jwks`;
  return client;
}

async function followAuthorize(uri: string): Promise<string> {
  const res = await fetch(uri, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

async function errorOf(promise: Promise<unknown>): Promise<{ error: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { error: string };
  }
  throw new Error('expected the call to fail');
}

describe('FIDELITY: official intuit-oauth client against the stand-in', () => {
  it('authorizeUri → redirect → createToken → refresh (rotation) → invalid_grant after grace → revoke', async () => {
    fx = await startOAuth({ autoApprove: true });
    // The client checks expiry against the real clock, so run the stand-in on it too.
    fx.clock.now = Date.now();
    const client = clientFor(fx.origin);

    const authorizeUri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId], state: 'csrf-1' });
    expect(authorizeUri.startsWith(`${fx.origin}/connect/oauth2?`)).toBe(true);
    const redirectUrl = await followAuthorize(authorizeUri);
    expect(redirectUrl.startsWith(REDIRECT)).toBe(true);

    const created = await client.createToken(redirectUrl);
    expect(created.status()).toBe(200);
    const token = client.getToken();
    expect(token.realmId).toBe(REALM);
    expect(token.token_type).toBe('bearer');
    expect(client.isAccessTokenValid()).toBe(true);
    expect(fx.oauth.verifyAccessToken(token.access_token)).toEqual({ ok: true, realmId: REALM });
    // openid scope: the ID token verifies against our JWKS with the client's own checks.
    expect(token.id_token).toBeTruthy();
    expect(await client.validateIdToken()).toBe(true);
    const userinfo = await client.getUserInfo();
    expect(userinfo.getJson()).toMatchObject({ sub: `sandbox-user-${REALM}` });

    const firstRefresh = token.refresh_token;
    await client.refresh();
    const rotated = client.getToken().refresh_token;
    expect(rotated).not.toBe(firstRefresh);
    expect(fx.oauth.verifyAccessToken(client.getToken().access_token).ok).toBe(true);

    fx.clock.now += 24 * 3600 * 1000;
    const stale = await errorOf(client.refreshUsingToken(firstRefresh));
    expect(stale.error).toBe('invalid_grant');

    // A failed refresh leaves the client's stored (rotated) token alone; it still refreshes.
    expect(client.getToken().refresh_token).toBe(rotated);
    await client.refresh();
    const live = client.getToken();
    expect(live.refresh_token).not.toBe(rotated);
    expect(fx.oauth.verifyAccessToken(live.access_token).ok).toBe(true);

    const revoked = await client.revoke({ refresh_token: live.refresh_token });
    expect(revoked.status()).toBe(200);
    expect(fx.oauth.verifyAccessToken(live.access_token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('the consent page flow works with the client too (and the opt-in hard expiry)', async () => {
    fx = await startOAuth();
    fx.clock.now = Date.now();
    const client = clientFor(fx.origin, CLIENT.clientSecret, true);
    const page = await fetch(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'csrf-2' }));
    const html = await page.text();
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const consent = await fetch(`${fx.origin}/connect/oauth2/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, realmId: REALM, decision: 'connect' }).toString(),
      redirect: 'manual',
    });
    await client.createToken(consent.headers.get('location')!);
    expect(client.getToken().realmId).toBe(REALM);
    expect(client.getToken().id_token).toBe(''); // no openid scope, no ID token
    expect(client.getToken().x_refresh_token_hard_expires_in).toBe(5 * 365 * 24 * 3600);
  });

  it('a wrong client secret surfaces as invalid_client; a reused code as invalid_grant', async () => {
    fx = await startOAuth({ autoApprove: true });
    fx.clock.now = Date.now();
    const bad = clientFor(fx.origin, 'not-the-secret');
    const redirectUrl = await followAuthorize(bad.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }));
    expect((await errorOf(bad.createToken(redirectUrl))).error).toBe('invalid_client');

    const good = clientFor(fx.origin);
    await good.createToken(redirectUrl);
    expect((await errorOf(good.createToken(redirectUrl))).error).toBe('invalid_grant');
  });
});
