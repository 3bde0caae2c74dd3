/** startSandbox in-process: composition, ports, faults placement, latency, seed files, state file. */
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WooCommerceRestApi from '@woocommerce/woocommerce-rest-api';
import OAuthClient from 'intuit-oauth';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../../sandbox/common/types';
import { loadSeedBusiness, startSandbox, type RunningSandbox } from '../../../sandbox/start';

const running: RunningSandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(opts: Parameters<typeof startSandbox>[0]): Promise<RunningSandbox> {
  const sb = await startSandbox(opts);
  running.push(sb);
  return sb;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lb-sandbox-start-'));
  dirs.push(dir);
  return dir;
}

function companyInfoUrl(sb: RunningSandbox): string {
  const { apiBase, realmId } = sb.info.qbo;
  return `${apiBase}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`;
}

async function refreshVia(sb: RunningSandbox, refreshToken: string): Promise<Response> {
  const { clientId, clientSecret, token } = sb.info.qbo;
  return fetch(token, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
}

async function freePortRun(): Promise<number> {
  // A base port whose next three neighbours are free too, so the test does not collide.
  for (;;) {
    const base = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    if (base > 65000) continue;
    const free = await Promise.all(
      [base + 1, base + 2, base + 3].map(
        (port) =>
          new Promise<boolean>((resolve) => {
            const s = createServer();
            s.once('error', () => resolve(false));
            s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return base;
  }
}

describe('startSandbox', () => {
  it('serves OAuth and the QBO API on one origin; the printed access token works', async () => {
    const sb = await start({ seed: 'empty' });
    expect(sb.info.qbo.apiBase).toBe(new URL(sb.info.qbo.token).origin);
    expect(sb.oauth.verifyAccessToken(sb.info.qbo.accessToken)).toEqual({ ok: true, realmId: sb.info.qbo.realmId });
    const res = await fetch(companyInfoUrl(sb), { headers: { Authorization: `Bearer ${sb.info.qbo.accessToken}`, Accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { CompanyInfo: { Id: string } }).CompanyInfo).toBeTruthy();
  });

  it('the official intuit-oauth client connects through the discovery document and calls the QBO API', async () => {
    const sb = await start({ seed: 'empty', autoApprove: true });
    const discovery = (await (await fetch(sb.info.qbo.discovery)).json()) as Record<string, string>;
    const client = new OAuthClient({
      clientId: sb.info.qbo.clientId,
      clientSecret: sb.info.qbo.clientSecret,
      environment: 'sandbox',
      redirectUri: 'http://127.0.0.1:50505/callback/one-time',
    });
    client.setAuthorizeURLs({
      authorizeEndpoint: discovery.authorization_endpoint!,
      tokenEndpoint: discovery.token_endpoint!,
      revokeEndpoint: discovery.revocation_endpoint!,
      userInfoEndpoint: discovery.userinfo_endpoint!,
    });
    const consent = await fetch(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'xyz' }), { redirect: 'manual' });
    await client.createToken(consent.headers.get('location')!);
    expect(client.getToken().realmId).toBe(sb.info.qbo.realmId);
    const company = await client.makeApiCall({
      url: `${sb.info.qbo.apiBase}/v3/company/${sb.info.qbo.realmId}/companyinfo/${sb.info.qbo.realmId}?minorversion=75`,
    });
    expect(company.status).toBe(200);
    expect((company.json as { CompanyInfo: { CompanyName: string } }).CompanyInfo.CompanyName).toBeTruthy();
  });

  it('the demo business is served by Shopify and WooCommerce with the printed credentials', async () => {
    const sb = await start({ seed: 'demo' });
    const shop = await fetch(sb.info.shopify.graphqlUrl, {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': sb.info.shopify.accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ orders(first: 1) { nodes { name } } }' }),
    });
    expect(shop.status).toBe(200);
    expect(((await shop.json()) as { data: { orders: { nodes: unknown[] } } }).data.orders.nodes).toHaveLength(1);
    const wrongToken = await fetch(sb.info.shopify.graphqlUrl, {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': 'shpat_wrong', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(wrongToken.status).toBe(401);

    // The official WooCommerce client signs with OAuth 1.0a over plain http.
    const woo = new WooCommerceRestApi({
      url: sb.info.woocommerce.url,
      consumerKey: sb.info.woocommerce.consumerKey,
      consumerSecret: sb.info.woocommerce.consumerSecret,
      version: 'wc/v3',
    });
    const orders = await woo.get('orders', { per_page: 5 });
    expect(orders.status).toBe(200);
    expect(Number(orders.headers['x-wp-total'])).toBe(sb.business.store.orders.length);
  });

  it('uses ports N, N+1, N+2 for a given --port', async () => {
    const base = await freePortRun();
    const sb = await start({ seed: 'empty', port: base });
    expect(sb.info.qbo.apiBase).toBe(`http://127.0.0.1:${base}`);
    expect(new URL(sb.info.shopify.graphqlUrl).port).toBe(String(base + 1));
    expect(sb.info.woocommerce.url).toBe(`http://127.0.0.1:${base + 2}`);
    expect(sb.info.api2cart.url).toBe(`http://127.0.0.1:${base + 3}/v1.1`);
    await expect(startSandbox({ seed: 'empty', port: base })).rejects.toThrow(/EADDRINUSE/);
  });

  it('faults hit the APIs but never the OAuth endpoints', async () => {
    const sb = await start({ seed: 'empty', faults: { ...NO_FAULTS, error500Share: 1 } });
    const api = await fetch(companyInfoUrl(sb), { headers: { Authorization: `Bearer ${sb.info.qbo.accessToken}`, Accept: 'application/json' } });
    expect(api.status).toBe(500);
    expect(((await api.json()) as { Fault: { type: string } }).Fault.type).toBe('SystemFault');
    expect((await refreshVia(sb, sb.info.qbo.refreshToken)).status).toBe(200);
    const shop = await fetch(sb.info.shopify.graphqlUrl, {
      method: 'POST',
      headers: { 'X-Shopify-Access-Token': sb.info.shopify.accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(shop.status).toBe(500);
  });

  it('QBO 429 bursts use the QBO stand-in throttle body', async () => {
    const sb = await start({ seed: 'empty', faults: { ...NO_FAULTS, burst429Every: 2, burst429Length: 1 } });
    const get = () => fetch(companyInfoUrl(sb), { headers: { Authorization: `Bearer ${sb.info.qbo.accessToken}`, Accept: 'application/json' } });
    expect((await get()).status).toBe(200);
    const throttled = await get();
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain('ThrottleExceeded');
  });

  it('adds latency to every response', async () => {
    const sb = await start({ seed: 'empty', latencyMs: 150 });
    const t0 = performance.now();
    await (await fetch(sb.info.qbo.discovery)).text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('serves a SeedBusiness JSON file and refuses a file that is not one', async () => {
    const dir = tempDir();
    const business = loadSeedBusiness('empty', null);
    const file = join(dir, 'business.json');
    writeFileSync(file, JSON.stringify({ ...business, books: { ...business.books, realmId: '4620816365000000' } }));
    const sb = await start({ seed: file });
    expect(sb.info.qbo.realmId).toBe('4620816365000000');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ hello: 1 }));
    await expect(startSandbox({ seed: bad })).rejects.toThrow(/not a SeedBusiness/);
    await expect(startSandbox({ seed: join(dir, 'missing.json') })).rejects.toThrow(/seed file/);
  });

  it('saves state after writes (debounced) and restores it on the next start', async () => {
    const stateFile = join(tempDir(), 'state.json');
    const sb = await start({ seed: 'empty', stateFile, saveDebounceMs: 30 });
    const rotated = (await (await refreshVia(sb, sb.info.qbo.refreshToken)).json()) as { refresh_token: string };
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(readFileSync(stateFile, 'utf8')).toContain(rotated.refresh_token);
    await sb.stop();

    const again = await start({ seed: 'empty', stateFile });
    expect((await refreshVia(again, rotated.refresh_token)).status).toBe(200);
  });
});
