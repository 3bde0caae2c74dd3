/**
 * build/oauth-relay.html, served by a local server and driven in Debian's Chromium: it forwards
 * Intuit's answer to a 127.0.0.1 loopback listener and forwards nothing else. The last test runs
 * the whole production-style flow: Intuit stand-in → relay page → loopback listener → connected.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionService } from '../../main/connect/connection-service';
import { startLoopbackListener, type LoopbackListener } from '../../main/connect/loopback-listener';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { openConfSettings } from '../../main/settings/conf-settings';
import { startSandbox } from '../../sandbox/start';
import { useChromium } from '../helpers/browser';
import { repoRoot } from '../helpers/cli';
import { listen, type Listening } from '../../sandbox/common/listen';
import { tempDir } from '../helpers/tmp';

const relayHtml = readFileSync(join(repoRoot, 'build', 'oauth-relay.html'), 'utf8');
const browser = useChromium();
let relay: Listening | undefined;
let relayOrigin: string;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  relay = await listen((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/oauth-relay.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(relayHtml);
  });
  relayOrigin = relay.origin;
});
afterAll(async () => {
  await relay?.close();
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let shared: Page | null = null;

/** Opens the relay with the given query; returns the page and every URL it requested since. */
async function openRelay(query: Record<string, string>): Promise<{ page: Page; requested: string[] }> {
  if (!shared || shared.isClosed()) {
    shared = await browser().newPage();
    const page = shared;
    cleanup.push(() => page.close());
  }
  const page = shared;
  const requested: string[] = [];
  const record = (r: { url(): string }) => requested.push(r.url());
  page.on('request', record);
  cleanup.push(async () => page.off('request', record));
  await page.goto(`${relayOrigin}/oauth-relay.html?${new URLSearchParams(query)}`);
  return { page, requested };
}

function stateFor(target: string, nonce = 'n'.repeat(43)): string {
  return `${Buffer.from(target).toString('base64url')}.${nonce}`;
}

async function listener(): Promise<LoopbackListener> {
  const l = await startLoopbackListener({ relay: true, timeoutMs: 10_000 });
  cleanup.push(async () => {
    l.cancel();
    await l.closed;
  });
  return l;
}

async function refused(page: Page, requested: string[], why: RegExp): Promise<void> {
  await page.waitForSelector('body[data-relay="refused"]');
  expect(await page.textContent('#text')).toMatch(why);
  // the page dropped the answer from its own address (and so from history)
  expect(new URL(page.url()).search).toBe('');
  expect(requested.filter((u) => !u.startsWith(`${relayOrigin}/oauth-relay.html`))).toEqual([]);
}

describe('build/oauth-relay.html', () => {
  it('pins its inline script with the CSP hash', () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(relayHtml)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(relayHtml).toContain(`script-src 'sha256-${hash}'`);
    expect(relayHtml).not.toMatch(/<script[^>]+src=|<link|<img|https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
  });

  it('forwards code, state and realmId to the loopback listener named in state, and nothing else', async () => {
    const l = await listener();
    const { page, requested } = await openRelay({ code: 'AB11code-xyz', state: l.state, realmId: '9341453000000001', extra: 'do-not-forward' });
    await page.waitForURL((url) => url.toString().startsWith(l.callbackUrl));
    await page.getByText('You can close this tab').waitFor();
    await expect(l.result).resolves.toEqual({ code: 'AB11code-xyz', state: l.state, realmId: '9341453000000001' });
    const forwarded = new URL(requested.find((u) => u.startsWith(l.callbackUrl))!);
    expect([...forwarded.searchParams.keys()].sort()).toEqual(['code', 'realmId', 'state']);
  });

  it('forwards a refusal (error=access_denied) so the app stops waiting', async () => {
    const l = await listener();
    const { page } = await openRelay({ error: 'access_denied', state: l.state });
    await page.getByText('You declined the connection').waitFor();
    await expect(l.result).rejects.toMatchObject({ reason: 'denied' });
  });

  it('refuses targets that are not a 127.0.0.1 callback', async () => {
    const token = 'a'.repeat(43);
    for (const target of [
      `http://evil.example/cb/${token}`,
      `http://localhost:5000/cb/${token}`,
      `https://127.0.0.1:5000/cb/${token}`,
      `http://127.0.0.1:5000/other/${token}`,
      `http://127.0.0.1:5000@evil.example/cb/${token}`,
      `http://127.0.0.1:99999/cb/${token}`,
    ]) {
      const { page, requested } = await openRelay({ code: 'c', state: stateFor(target), realmId: '1' });
      await refused(page, requested, /not addressed to a Ledgerbridge app/);
    }
  });

  it('refuses answers with missing parameters', async () => {
    const l = await listener();
    const cases: [Record<string, string>, RegExp][] = [
      [{ code: 'c', realmId: '1' }, /no state/],
      [{ state: l.state, realmId: '1' }, /no authorization code/],
      [{ code: 'c', state: l.state }, /realmId/],
      [{ code: 'c', state: l.state, realmId: 'abc' }, /realmId/],
      [{ code: 'c', state: 'not-a-relay-state', realmId: '1' }, /not addressed/],
    ];
    for (const [query, why] of cases) {
      const { page, requested } = await openRelay(query);
      await refused(page, requested, why);
    }
    // nothing reached the listener: it is still waiting
    l.cancel();
    await expect(l.result).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('connects a company through Intuit → relay page → loopback listener (production-style)', async () => {
    const sandbox = await startSandbox({ port: 0, seed: 'empty', autoApprove: true });
    cleanup.push(() => sandbox.stop());
    const keychain = osKeychain(`Ledgerbridge-test-${randomUUID()}`);
    cleanup.push(() => keychain.delete(keychainAccounts.refreshToken(sandbox.info.qbo.realmId)));
    cleanup.push(() => keychain.delete(keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId)));
    const page = await browser().newPage();
    cleanup.push(() => page.close());
    const seen: string[] = [];
    page.on('request', (r) => seen.push(r.url()));
    const connections = new ConnectionService({
      settings: openConfSettings(tempDir()),
      keychain,
      callbackTimeoutMs: 15_000,
      openUrl: async (url) => {
        void page.goto(url).catch(() => {});
        return true;
      },
    });
    const company = await connections.connect({
      environment: 'local',
      clientId: sandbox.info.qbo.clientId,
      clientSecret: sandbox.info.qbo.clientSecret,
      discoveryUrl: sandbox.info.qbo.discovery,
      relayUrl: `${relayOrigin}/oauth-relay.html`,
    });
    expect(company.realmId).toBe(sandbox.info.qbo.realmId);
    const authorize = new URL(seen.find((u) => u.includes('/connect/oauth2?'))!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${relayOrigin}/oauth-relay.html`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(seen.some((u) => u.startsWith(`${relayOrigin}/oauth-relay.html?`))).toBe(true);
    expect(seen.some((u) => /^http:\/\/127\.0\.0\.1:\d+\/cb\//.test(u))).toBe(true);
    expect(await keychain.get(keychainAccounts.refreshToken(company.realmId))).toMatch(/^AB11/);
  });
});
