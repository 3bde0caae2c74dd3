/**
 * connect → refresh → rotate → 401 → invalid_grant → reconnect → disconnect, against the Intuit
 * OAuth and QBO stand-ins and the real OS keychain (run under scripts/with-keyring.sh).
 * The stand-ins and the client share one virtual clock, so an hour of token life passes at once.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionService } from '../../main/connect/connection-service';
import { IntuitOAuthError } from '../../main/connect/intuit-oauth';
import { OAuthAttemptError } from '../../main/connect/loopback-listener';
import { ReconnectNeededError } from '../../main/connect/token-manager';
import { EventBus } from '../../main/events/event-bus';
import { KEYCHAIN_SERVICE, keychainAccounts, osKeychain, type Keychain } from '../../main/secrets/keychain';
import { openConfSettings } from '../../main/settings/conf-settings';
import type { SettingsStore } from '../../main/settings/settings-store';
import { newCompanyBooks } from '../../sandbox/seed/new-company';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { tempDir } from '../helpers/tmp';
import { VirtualClock } from '../qbo/virtual-clock';
import { approveInBrowser } from './browser-agent';

const HOUR = 3_600_000;

let sandbox: RunningSandbox;
let clock: VirtualClock;
let serverSkew: number;
let settings: SettingsStore;
let keychain: Keychain;
let events: EventBus;
let changes: number;
const realmsToClean: string[] = [];

/**
 * A new company under a realm id of its own, so this file's entries in the product's keychain
 * service can never collide with another test's running at the same time.
 */
function seedFile(): string {
  const realm = `93414${String(randomInt(1e9)).padStart(9, '0')}77`;
  const file = join(tempDir(), 'seed.json');
  const store = { domain: 'lifecycle.myshopify.com', name: 'Lifecycle Store', currency: 'USD', timeZone: 'America/Chicago', orders: [] };
  writeFileSync(file, JSON.stringify({ store, books: newCompanyBooks(realm) }));
  return file;
}

beforeEach(async () => {
  clock = new VirtualClock();
  serverSkew = 0;
  sandbox = await startSandbox({ port: 0, seed: seedFile(), autoApprove: false, now: () => clock.now() + serverSkew });
  settings = openConfSettings(tempDir());
  // The product's own service name: this file is the one that exercises it.
  keychain = osKeychain(KEYCHAIN_SERVICE);
  events = new EventBus();
  changes = 0;
  events.subscribe((name) => {
    if (name === 'companiesChanged') changes += 1;
  });
  realmsToClean.push(sandbox.info.qbo.realmId);
});

afterEach(async () => {
  await sandbox.stop();
  for (const realm of realmsToClean.splice(0)) await keychain.delete(keychainAccounts.refreshToken(realm));
  await keychain.delete(keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId));
});

function service(overrides: { keychain?: Keychain; decision?: 'connect' | 'cancel'; timeoutMs?: number; pick?: () => string | undefined } = {}): ConnectionService {
  return new ConnectionService({
    settings,
    keychain: overrides.keychain ?? keychain,
    events,
    clock,
    callbackTimeoutMs: overrides.timeoutMs ?? 10_000,
    openUrl: async (url) => {
      void approveInBrowser(url, overrides.decision ?? 'connect', overrides.pick?.()).catch(() => {});
      return true;
    },
  });
}

function connectRequest(secret = sandbox.info.qbo.clientSecret) {
  return { environment: 'local' as const, clientId: sandbox.info.qbo.clientId, clientSecret: secret, discoveryUrl: sandbox.info.qbo.discovery };
}

async function storedRefreshToken(): Promise<string | null> {
  return keychain.get(keychainAccounts.refreshToken(sandbox.info.qbo.realmId));
}

describe('QuickBooks connection lifecycle (stand-ins + real keychain)', () => {
  it('connects, refreshes, rotates, survives a 401, needs a reconnect after invalid_grant, reconnects and disconnects', async () => {
    const realmId = sandbox.info.qbo.realmId;
    const phases: string[] = [];

    // connect
    const connections = service();
    const company = await connections.connect(connectRequest(), (p) => phases.push(p.phase));
    expect(phases).toEqual(['discovering', 'waiting_for_browser', 'exchanging', 'connected']);
    expect(company).toMatchObject({ realmId, environment: 'local', reconnectNeeded: false, clientId: sandbox.info.qbo.clientId });
    expect(company.name).toBe(sandbox.business.books.CompanyInfo.CompanyName);
    expect(changes).toBe(1);
    const firstRefresh = await storedRefreshToken();
    expect(firstRefresh).toMatch(/^AB11/);
    expect(await keychain.get(keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId))).toBe(sandbox.info.qbo.clientSecret);

    const client = connections.client(realmId);
    const tokens = connections.tokens(realmId);
    expect((await client.queryAll('select * from Account')).length).toBeGreaterThan(0);
    expect(tokens.refreshCount).toBe(0);

    // proactive refresh before expiry, and rotation: the keychain holds the new refresh token
    clock.advance(56 * 60_000);
    await client.companyInfo();
    expect(tokens.refreshCount).toBe(1);
    const secondRefresh = await storedRefreshToken();
    expect(secondRefresh).not.toBe(firstRefresh);

    // concurrent callers share one refresh
    clock.advance(56 * 60_000);
    await Promise.all(Array.from({ length: 8 }, () => client.read('CompanyInfo', realmId)));
    expect(tokens.refreshCount).toBe(2);
    expect(await storedRefreshToken()).not.toBe(secondRefresh);

    // a 401 (Intuit's clock says the token expired, ours does not): one refresh, one retry
    serverSkew = 2 * HOUR;
    await client.companyInfo();
    expect(tokens.refreshCount).toBe(3);

    // invalid_grant: the authorization is revoked on Intuit's side (e.g. from the QuickBooks UI)
    const revoke = await fetch(sandbox.info.qbo.revoke, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.info.qbo.clientId}:${sandbox.info.qbo.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: await storedRefreshToken() }),
    });
    expect(revoke.status).toBe(200);
    const before = changes;
    await expect(client.companyInfo()).rejects.toBeInstanceOf(ReconnectNeededError);
    expect(settings.read().companies).toEqual([expect.objectContaining({ realmId, reconnectNeeded: true })]);
    expect(changes).toBe(before + 1);
    // no more network attempts once known dead
    await expect(client.companyInfo()).rejects.toThrow(/Reconnect the company/);

    // reconnect the same realm: the entry is updated, never duplicated
    const again = await connections.connect({ environment: 'local' });
    expect(again).toMatchObject({ realmId, reconnectNeeded: false, addedAt: company.addedAt });
    expect(settings.read().companies).toHaveLength(1);
    expect(await connections.client(realmId).companyInfo()).toMatchObject({ CompanyName: company.name });
    // a client object taken before the reconnect works again too
    expect(await client.companyInfo()).toMatchObject({ CompanyName: company.name });

    // disconnect: revoked at Intuit, keychain entry gone, company kept as disconnected
    const tokenAtDisconnect = await storedRefreshToken();
    const gone = await connections.disconnect(realmId);
    expect(gone.disconnectedAt).toBeDefined();
    expect(await storedRefreshToken()).toBeNull();
    const refreshAfter = await fetch(sandbox.info.qbo.token, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.info.qbo.clientId}:${sandbox.info.qbo.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokenAtDisconnect! }).toString(),
    });
    expect(refreshAfter.status).toBe(400);
    expect(await refreshAfter.json()).toEqual({ error: 'invalid_grant' });
    expect(() => connections.client(realmId)).toThrow(/disconnected/);
  });

  it('keeps several companies apart: own keychain entry, own tokens, own status', async () => {
    const first = sandbox.info.qbo.realmId;
    const second = `${sandbox.info.qbo.realmId.slice(0, -2)}88`;
    sandbox.oauth.addCompany({ realmId: second, name: 'Second Shop Inc' });
    sandbox.qbo.addRealm({ ...newCompanyBooks(second), CompanyInfo: { ...newCompanyBooks(second).CompanyInfo, CompanyName: 'Second Shop Inc' } });
    realmsToClean.push(second);
    let pick = first;
    const connections = service({ pick: () => pick });
    await connections.connect(connectRequest());
    pick = second;
    await connections.connect({ environment: 'local' });
    expect(settings.read().companies.map((c) => [c.realmId, c.name])).toEqual([
      [first, sandbox.business.books.CompanyInfo.CompanyName],
      [second, 'Second Shop Inc'],
    ]);
    const tokenA = await keychain.get(keychainAccounts.refreshToken(first));
    const tokenB = await keychain.get(keychainAccounts.refreshToken(second));
    expect(tokenA).toMatch(/^AB11/);
    expect(tokenB).toMatch(/^AB11/);
    expect(tokenA).not.toBe(tokenB);
    expect(connections.client(first)).not.toBe(connections.client(second));

    // the second company's authorization is revoked: only it needs a reconnect
    await fetch(sandbox.info.qbo.revoke, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.info.qbo.clientId}:${sandbox.info.qbo.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: tokenB }),
    });
    clock.advance(61 * 60_000);
    await expect(connections.client(second).companyInfo()).rejects.toBeInstanceOf(ReconnectNeededError);
    await expect(connections.client(first).companyInfo()).resolves.toMatchObject({ CompanyName: sandbox.business.books.CompanyInfo.CompanyName });
    expect(settings.read().companies.map((c) => c.reconnectNeeded)).toEqual([false, true]);

    // reconnecting the first one again replaces its token and keeps one entry per realm
    pick = first;
    await connections.connect({ environment: 'local' });
    expect(settings.read().companies).toHaveLength(2);
    expect(await keychain.get(keychainAccounts.refreshToken(first))).not.toBe(tokenA);
  });

  it('keeps the connection when the process dies between Intuit rotating the token and the keychain write', async () => {
    const realmId = sandbox.info.qbo.realmId;
    await service().connect(connectRequest());
    const before = await storedRefreshToken();

    // A keychain whose write of the new refresh token never happens: the process "dies" there.
    const dying: Keychain = {
      get: (account) => keychain.get(account),
      delete: (account) => keychain.delete(account),
      set: async (account, secret) => {
        if (account === keychainAccounts.refreshToken(realmId)) throw new Error('process killed');
        return keychain.set(account, secret);
      },
    };
    const crashed = service({ keychain: dying });
    clock.advance(56 * 60_000);
    await expect(crashed.client(realmId).companyInfo()).rejects.toThrow('process killed');
    expect(await storedRefreshToken()).toBe(before); // Intuit rotated it, we never stored the new one

    // The restarted app still has the previous token, which Intuit honours during its grace period.
    clock.advance(60 * 60_000);
    const restarted = service();
    await expect(restarted.client(realmId).companyInfo()).resolves.toMatchObject({ CompanyName: expect.any(String) });
    expect(await storedRefreshToken()).not.toBe(before);
    expect(settings.read().companies[0]).toMatchObject({ reconnectNeeded: false });
  });

  it('ends the attempt with a clear message when the user declines consent', async () => {
    const connections = service({ decision: 'cancel' });
    const error = await connections.connect(connectRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthAttemptError);
    expect((error as OAuthAttemptError).reason).toBe('denied');
    expect(settings.read().companies).toEqual([]);
    expect(await storedRefreshToken()).toBeNull();
  });

  it('reports a wrong client secret at the code exchange and stores nothing for the company', async () => {
    const error = await service().connect(connectRequest('not-the-secret')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntuitOAuthError);
    expect((error as IntuitOAuthError).error).toBe('invalid_client');
    expect((error as Error).message).not.toContain('not-the-secret');
    expect(settings.read().companies).toEqual([]);
    expect(settings.read().intuitApps).toEqual([]);
    expect(await storedRefreshToken()).toBeNull();
  });

  it('records a company from a token pair handed out without the browser (demo company path)', async () => {
    const connections = service();
    const { realmId, accessToken, refreshToken } = sandbox.info.qbo;
    const company = await connections.connectWithTokens(connectRequest(), realmId, { accessToken, refreshToken, expiresIn: 3600, refreshExpiresIn: null });
    expect(company).toMatchObject({ realmId, name: sandbox.business.books.CompanyInfo.CompanyName });
    expect(await storedRefreshToken()).toBe(refreshToken);
    clock.advance(56 * 60_000);
    await expect(connections.client(realmId).companyInfo()).resolves.toBeDefined();
    expect(await storedRefreshToken()).not.toBe(refreshToken);
  });

  it('keeps the good client secret when a mistyped one is refused', async () => {
    await service().connect(connectRequest());
    const secretAccount = keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId);
    await expect(service().connect(connectRequest('mistyped'))).rejects.toBeInstanceOf(IntuitOAuthError);
    expect(await keychain.get(secretAccount)).toBe(sandbox.info.qbo.clientSecret);
    await expect(service().connect({ environment: 'local' })).resolves.toMatchObject({ realmId: sandbox.info.qbo.realmId });
  });

  it('checks the app configuration before opening anything', async () => {
    const connections = service();
    await expect(connections.connect({ environment: 'local', clientId: 'x', clientSecret: 'y' })).rejects.toMatchObject({ field: 'discoveryUrl' });
    await expect(connections.connect({ environment: 'local', clientId: 'x', clientSecret: 'y', discoveryUrl: 'http://example.com/.well-known/openid_configuration' })).rejects.toMatchObject({ field: 'discoveryUrl' });
    await expect(connections.connect({ environment: 'production', clientSecret: 'y' })).rejects.toMatchObject({ field: 'clientId' });
    await expect(connections.connect({ environment: 'local', clientId: 'never-seen', discoveryUrl: sandbox.info.qbo.discovery })).rejects.toMatchObject({ field: 'clientSecret' });
    await expect(connections.connect({ environment: 'production', clientId: 'x', clientSecret: 'y', relayUrl: 'http://relay.example/r.html' })).rejects.toMatchObject({ field: 'relayUrl', message: expect.stringMatching(/https/) });
  });

  it('times out when nobody answers in the browser', async () => {
    const connections = new ConnectionService({ settings, keychain, clock, callbackTimeoutMs: 100, openUrl: async () => false });
    const progress: { phase: string; browserOpened?: boolean }[] = [];
    const error = await connections.connect(connectRequest(), (p) => progress.push(p)).catch((e: unknown) => e);
    expect((error as OAuthAttemptError).reason).toBe('timeout');
    expect(progress.find((p) => p.phase === 'waiting_for_browser')?.browserOpened).toBe(false);
    expect(progress.at(-1)?.phase).toBe('failed');
  });
});
