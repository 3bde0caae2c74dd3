import { afterEach, describe, expect, it } from 'vitest';
import { authorizeAuto, authorizeUrl, CLIENT, REALM, startOAuth, tokenRequest, type OAuthFixture } from './helpers';

let fx: OAuthFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name}`);
  return match[1]!;
}

async function postConsent(origin: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${origin}/connect/oauth2/consent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

describe('Intuit OAuth stand-in: discovery', () => {
  it('serves the sandbox and production discovery documents pointing at itself', async () => {
    fx = await startOAuth();
    for (const path of ['/.well-known/openid_sandbox_configuration', '/.well-known/openid_configuration']) {
      const res = await fetch(fx.origin + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc.authorization_endpoint).toBe(`${fx.origin}/connect/oauth2`);
      expect(doc.token_endpoint).toBe(`${fx.origin}/oauth2/v1/tokens/bearer`);
      expect(doc.revocation_endpoint).toBe(`${fx.origin}/v2/oauth2/tokens/revoke`);
      expect(doc.userinfo_endpoint).toBe(`${fx.origin}/v1/openid_connect/userinfo`);
      expect(doc.jwks_uri).toBe(`${fx.origin}/op/v1/jwks`);
      expect(doc.token_endpoint_auth_methods_supported).toEqual(['client_secret_post', 'client_secret_basic']);
      expect(doc).not.toHaveProperty('code_challenge_methods_supported');
    }
  });
});

describe('Intuit OAuth stand-in: consent page', () => {
  it('shows "Connect <app> to <company>" with Connect and Cancel buttons posting back', async () => {
    fx = await startOAuth();
    const res = await fetch(authorizeUrl(fx.origin, {}));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Connect Ledgerbridge Test to Harbor Goods LLC');
    expect(html).toMatch(/<form method="post" action="\/connect\/oauth2\/consent">/);
    expect(html).toMatch(/<button[^>]*value="connect"[^>]*>Connect<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
  });

  it('Connect redirects with code, state and realmId; the code exchanges for tokens', async () => {
    fx = await startOAuth();
    const html = await (await fetch(authorizeUrl(fx.origin, { state: 'abc 123' }))).text();
    const res = await postConsent(fx.origin, { request: hiddenField(html, 'request'), realmId: REALM, decision: 'connect' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:53123/cb/xyz');
    expect(location.searchParams.get('state')).toBe('abc 123');
    expect(location.searchParams.get('realmId')).toBe(REALM);
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^AB11/);
    const token = await tokenRequest(fx.origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:53123/cb/xyz',
    });
    expect(token.status).toBe(200);
    expect(fx.oauth.verifyAccessToken(token.body.access_token as string)).toEqual({ ok: true, realmId: REALM });
  });

  it('Cancel redirects with error=access_denied and the state; the consent cannot be answered twice', async () => {
    fx = await startOAuth();
    const html = await (await fetch(authorizeUrl(fx.origin, { state: 's-9' }))).text();
    const request = hiddenField(html, 'request');
    const res = await postConsent(fx.origin, { request, realmId: REALM, decision: 'cancel' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('s-9');
    expect(location.searchParams.has('code')).toBe(false);
    const again = await postConsent(fx.origin, { request, realmId: REALM, decision: 'connect' });
    expect(again.status).toBe(400);
  });

  it('lets the user pick among several companies', async () => {
    fx = await startOAuth({
      companies: [
        { realmId: REALM, name: 'Harbor Goods LLC' },
        { realmId: '555', name: 'Second Co' },
      ],
    });
    const html = await (await fetch(authorizeUrl(fx.origin, {}))).text();
    expect(html).toContain('type="radio" name="realmId" value="555"');
    const res = await postConsent(fx.origin, { request: hiddenField(html, 'request'), realmId: '555', decision: 'connect' });
    expect(new URL(res.headers.get('location')!).searchParams.get('realmId')).toBe('555');
  });
});

describe('Intuit OAuth stand-in: authorize', () => {
  it('auto-approve redirects at once with code, state and realmId', async () => {
    fx = await startOAuth({ autoApprove: true });
    const location = await authorizeAuto(fx.origin, { state: 'auto-1' });
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('auto-1');
    expect(location.searchParams.get('realmId')).toBe(REALM);
  });

  it('accepts loopback redirect URIs on any port and path when registered as loopback, and exact URIs', async () => {
    fx = await startOAuth({ autoApprove: true });
    for (const uri of ['http://127.0.0.1:1/a', 'http://127.0.0.1:65000/x/y?z=1', 'https://relay.example/callback']) {
      const location = await authorizeAuto(fx.origin, { redirect_uri: uri });
      expect(location.searchParams.get('code')).toBeTruthy();
    }
  });

  it('refuses unregistered redirect URIs with an error page, never redirecting there', async () => {
    fx = await startOAuth({ autoApprove: true });
    for (const uri of ['http://localhost:5000/cb', 'https://relay.example/callback/', 'http://127.0.0.1/cb', 'https://evil.example/cb', '']) {
      const res = await fetch(authorizeUrl(fx.origin, { redirect_uri: uri }), { redirect: 'manual' });
      expect(res.status, uri).toBe(400);
      expect(await res.text()).toContain('The redirect_uri query parameter value is invalid');
    }
  });

  it('refuses an unknown client_id', async () => {
    fx = await startOAuth({ autoApprove: true });
    const res = await fetch(authorizeUrl(fx.origin, { client_id: 'nope' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
  });

  it('sends protocol errors back to the redirect URI', async () => {
    fx = await startOAuth({ autoApprove: true });
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: '' }, 'invalid_scope'],
      [{ scope: 'com.intuit.quickbooks.accounting bogus' }, 'invalid_scope'],
      [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      const location = await authorizeAuto(fx.origin, params);
      expect(location.searchParams.get('error'), JSON.stringify(params)).toBe(error);
      expect(location.searchParams.get('state')).toBe('st-1');
      expect(location.searchParams.has('code')).toBe(false);
    }
  });

  it('adds client apps at runtime', async () => {
    fx = await startOAuth({ autoApprove: true });
    fx.oauth.addClient({ ...CLIENT, clientId: 'second', redirectUris: ['https://second.example/cb'] });
    const location = await authorizeAuto(fx.origin, { client_id: 'second', redirect_uri: 'https://second.example/cb' });
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(() => fx!.oauth.addClient({ ...CLIENT, clientId: 'bad', redirectUris: ['http://example.com/cb'] })).toThrow(/https/);
    expect(() => fx!.oauth.addClient({ ...CLIENT, clientId: 'bad', redirectUris: ['https://*.example.com/cb'] })).toThrow(/wildcard/);
  });
});
