/** The connect calls through the handler table (what the renderer reaches), with the real keychain. */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { createNodeContext } from '../../main/cli/app-context';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { startSandbox } from '../../sandbox/start';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('connect calls in the handler table', () => {
  it('reports progress, can be cancelled while waiting, and leaves no listener open', async () => {
    const sandbox = await startSandbox({ port: 0, seed: 'empty' });
    cleanups.push(() => sandbox.stop());
    const keychain = osKeychain(`Ledgerbridge-test-${randomUUID()}`);
    cleanups.push(() => keychain.delete(keychainAccounts.clientSecret('local', sandbox.info.qbo.clientId)));
    const opened: string[] = [];
    const ctx = createNodeContext(tempDir(), 'browser', {
      keychain,
      openUrl: async (url) => {
        opened.push(url);
        return false;
      },
    });
    const progress: { phase: string; authorizeUrl?: string; browserOpened?: boolean }[] = [];
    ctx.events.subscribe((event, payload) => {
      if (event === 'connectProgress') progress.push(payload as (typeof progress)[number]);
    });
    const pending = dispatch(ctx, 'connectQuickBooks', {
      environment: 'local',
      clientId: sandbox.info.qbo.clientId,
      clientSecret: sandbox.info.qbo.clientSecret,
      discoveryUrl: sandbox.info.qbo.discovery,
    });
    await expect.poll(() => progress.some((p) => p.phase === 'waiting_for_browser')).toBe(true);
    const waiting = progress.find((p) => p.phase === 'waiting_for_browser')!;
    expect(waiting).toMatchObject({ browserOpened: false, authorizeUrl: opened[0] });
    const redirect = new URL(new URL(waiting.authorizeUrl!).searchParams.get('redirect_uri')!);
    expect(await portRefuses(Number(redirect.port))).toBe(false);

    expect(await dispatch(ctx, 'cancelConnect', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/cancelled/) } });
    expect(await portRefuses(Number(redirect.port))).toBe(true);
    expect(progress.map((p) => p.phase)).toEqual(['discovering', 'waiting_for_browser', 'failed']);
    expect(await dispatch(ctx, 'cancelConnect', {})).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('validates requests and names the missing piece', async () => {
    const ctx = createNodeContext(tempDir(), 'browser', { keychain: osKeychain(`Ledgerbridge-test-${randomUUID()}`), openUrl: async () => false });
    expect(await dispatch(ctx, 'disconnectCompany', { realmId: 'abc' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'realmId' } });
    expect(await dispatch(ctx, 'disconnectCompany', { realmId: '123' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(ctx, 'connectQuickBooks', { environment: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'clientId' } });
    expect(await dispatch(ctx, 'connectQuickBooks', { environment: 'local', clientId: 'x', clientSecret: 's' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'discoveryUrl' },
    });
    expect(await dispatch(ctx, 'connectQuickBooks', { environment: 'local', clientId: 'x', secret: 's' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(ctx, 'listIntuitApps', {})).toEqual({ ok: true, value: [] });
  });
});
