/**
 * Nothing secret leaks: connect, sync-like calls, a failing refresh, a failed connect and a
 * disconnect all run through the app's own handler table; then the settings file, every file in
 * the data folder (SQLite mirror included), captured logs and stderr, every call result and every
 * event the renderer could receive are searched for every refresh token and access token the
 * Intuit stand-in ever issued, and for the client secret. (Real keychain: run with-keyring.)
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { createNodeContext } from '../../main/cli/app-context';
import { openCompanyDb } from '../../main/mirror/open';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { tempDir } from '../helpers/tmp';
import { VirtualClock } from '../qbo/virtual-clock';
import { approveInBrowser } from './browser-agent';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every token the stand-in ever issued, read from its saved state. */
function issuedTokens(sandbox: RunningSandbox): string[] {
  const state = sandbox.oauth.exportState() as { refreshTokens: { token: string }[]; accessTokens: { token: string }[] };
  return [...state.refreshTokens.map((r) => r.token), ...state.accessTokens.map((a) => a.token)];
}

describe('no secret leaks', () => {
  it('keeps tokens and the client secret out of files, logs, responses and events', async () => {
    const clock = new VirtualClock(Date.now());
    const sandbox = await startSandbox({ port: 0, seed: 'demo', autoApprove: true, now: clock.now });
    cleanups.push(() => sandbox.stop());
    const realmId = sandbox.info.qbo.realmId;
    const { clientId, clientSecret } = sandbox.info.qbo;
    const service = `Ledgerbridge-test-${randomUUID()}`;
    const keychain = osKeychain(service);
    cleanups.push(() => keychain.delete(keychainAccounts.refreshToken(realmId)));
    cleanups.push(() => keychain.delete(keychainAccounts.clientSecret('local', clientId)));

    const logs: string[] = [];
    const stderr: string[] = [];
    const originalWrite = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stderr.push(String(chunk));
      return (originalWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    cleanups.push(async () => {
      process.stderr.write = originalWrite;
    });

    const dataDir = tempDir();
    const ctx = createNodeContext(dataDir, 'browser', {
      keychain,
      clock,
      callbackTimeoutMs: 10_000,
      log: (line) => logs.push(line),
      openUrl: async (url) => {
        void approveInBrowser(url).catch(() => {});
        return true;
      },
    });
    const rendererSaw: unknown[] = [];
    ctx.events.subscribe((event, payload) => rendererSaw.push({ event, payload }));
    const call = async (name: string, body: unknown) => {
      const result = await dispatch(ctx, name, body, (line) => logs.push(line));
      rendererSaw.push(result);
      return result;
    };

    // connect through the handler table, as the renderer does
    const connected = await call('connectQuickBooks', { environment: 'local', clientId, clientSecret, discoveryUrl: sandbox.info.qbo.discovery });
    expect(connected).toMatchObject({ ok: true, value: { realmId, connection: 'connected' } });
    await call('listCompanies', {});
    await call('listIntuitApps', {});
    await call('getAppInfo', {});

    // sync-like traffic, a rotation, and a mirror file in the data folder
    const client = ctx.connections.client(realmId);
    const invoices = await client.queryAll('select * from Invoice');
    expect(invoices.length).toBeGreaterThan(0);
    clock.advance(56 * 60_000);
    await client.create('Customer', { DisplayName: 'Leak Probe Buyer' }, { requestId: randomUUID() });
    expect(ctx.connections.tokens(realmId).refreshCount).toBe(1);
    openCompanyDb(dataDir, realmId).close();

    // a failing refresh: Intuit revoked the authorization behind our back
    await fetch(sandbox.info.qbo.revoke, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: await keychain.get(keychainAccounts.refreshToken(realmId)) }),
    });
    clock.advance(61 * 60_000);
    await expect(client.queryAll('select * from Item')).rejects.toThrow(/Reconnect/);
    expect((await call('listCompanies', {})) as unknown).toMatchObject({ ok: true, value: [{ connection: 'reconnect_needed' }] });

    // a failed connect (wrong secret), then a good reconnect and a disconnect
    const wrong = await call('connectQuickBooks', { environment: 'local', clientSecret: 'wrong-secret-for-leak-test' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await call('connectQuickBooks', { environment: 'local', clientSecret });
    expect(await keychain.get(keychainAccounts.refreshToken(realmId))).toMatch(/^AB11/); // the scan is not vacuous
    await call('disconnectCompany', { realmId });

    const secrets = [...issuedTokens(sandbox), clientSecret, 'wrong-secret-for-leak-test'];
    expect(secrets.length).toBeGreaterThan(6);
    const haystacks: [string, string][] = [
      ...filesUnder(dataDir).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]),
      ['logs', logs.join('\n')],
      ['stderr', stderr.join('')],
      ['renderer', JSON.stringify(rendererSaw)],
    ];
    expect(haystacks.some(([name]) => name.endsWith('.sqlite'))).toBe(true);
    expect(haystacks.some(([name]) => name.endsWith('settings.json'))).toBe(true);
    expect(JSON.stringify(rendererSaw)).toContain(realmId);
    const found: string[] = [];
    for (const [name, text] of haystacks) {
      for (const secret of secrets) {
        // the random tail too, in case something printed a token cut short
        if (text.includes(secret) || text.includes(secret.slice(-24))) found.push(`${name}: ${secret.slice(0, 6)}…`);
      }
    }
    expect(found).toEqual([]);
  });
});
