/**
 * `store add api2cart`, `store list` and `sync --stores-only` through the generic commands and the
 * kind registry, with the real OS keychain (run under scripts/with-keyring.sh) and the stand-in.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNodeContext } from '../../../main/cli/app-context';
import type { CliIo, GlobalOptions } from '../../../main/cli/command';
import { makeStoreCommand } from '../../../main/cli/commands/store';
import { makeSyncCommand } from '../../../main/cli/commands/sync';
import { openCompanyDb } from '../../../main/mirror/open';
import { countOrders } from '../../../main/mirror/store-orders';
import { keychainAccounts, osKeychain } from '../../../main/secrets/keychain';
import { storeKind } from '../../../main/stores/kinds';
import { demoBusiness } from '../../../sandbox/seed/index';
import { tempDir } from '../../helpers/tmp';
import { API_KEY, REALM, startApi2Cart } from './harness';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, untilStopped: () => new Promise(() => {}) };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

function piped(lines: string[]) {
  return () => ({ input: Readable.from([lines.join('\n') + '\n']), prompt: () => {} });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

describe('API2Cart through the store commands', () => {
  it('is registered as a store kind asking for the API key, then the store key', () => {
    expect(storeKind('api2cart')?.credentialFields.map((f) => [f.name, f.secret])).toEqual([['apiKey', true], ['storeKey', true]]);
  });

  it('adds a store with keys from stdin into the keychain only, lists it and syncs it', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const dataDir = tempDir();
    const ctx = createNodeContext(dataDir, 'browser');
    ctx.settings.update((s) => ({ ...s, companies: [{ realmId: REALM, name: 'Harbor Books', environment: 'local', addedAt: '2026-11-20T12:00:00.000Z', reconnectNeeded: false }] }));
    const globals: GlobalOptions = { dataDir, json: true };
    const storeKey = h.standIn.storeKeys.etsy!;
    const keychain = () => osKeychain('Ledgerbridge-test-api2cart');
    const tuning = { retryDelaysMs: [5, 10, 20] };

    const refused = io();
    const store = makeStoreCommand({ secrets: piped(['wrong-key', storeKey]), keychain, tuning });
    expect(await store.run({ values: { company: REALM, url: h.url }, positionals: ['add', 'api2cart'] }, globals, refused.cli)).toBe(1);
    expect(refused.err()).toContain('"Incorrect API Key" (code 2)');
    expect(refused.err()).toContain('Nothing was saved.');

    const added = io();
    const ok = makeStoreCommand({ secrets: piped([API_KEY, storeKey]), keychain, tuning });
    expect(await ok.run({ values: { company: REALM, url: h.url }, positionals: ['add', 'api2cart'] }, globals, added.cli)).toBe(0);
    const summary = JSON.parse(added.out());
    expect(summary).toMatchObject({ kind: 'api2cart', name: 'HarborGoodsCo', currency: 'USD', timeZone: '-05:00', address: `${h.url}/v1.1` });

    const saved = JSON.parse(await keychain().get(keychainAccounts.storeCredential(summary.id)) ?? 'null');
    expect(saved).toEqual({ apiKey: API_KEY, storeKey });
    // Neither key is anywhere in the data folder (settings, company files).
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file).toString('latin1');
      expect(text.includes(API_KEY) || text.includes(storeKey), file).toBe(false);
    }

    const listed = io();
    expect(await ok.run({ values: { company: REALM }, positionals: ['list'] }, globals, listed.cli)).toBe(0);
    expect(listed.out()).toContain('api2cart');
    expect(listed.out()).toContain('HarborGoodsCo');

    const synced = io();
    const frames: string[] = [];
    const sync = makeSyncCommand({ keychain, tuning, progress: { write: (t) => frames.push(t), isTTY: true, columns: 80 } });
    expect(await sync.run({ values: { 'stores-only': true, company: REALM }, positionals: [] }, globals, synced.cli)).toBe(0);
    expect(synced.err()).toBe('');
    const db = openCompanyDb(dataDir, REALM);
    try {
      expect(countOrders(db, summary.id)).toBe(120);
    } finally {
      db.close();
    }
    expect(frames.join('')).toMatch(/120/);
    // A second store of the same API2Cart account is a second connection, not a reconnect of the first.
    const second = io();
    const other = makeStoreCommand({ secrets: piped([API_KEY, h.standIn.storeKeys.magento!]), keychain, tuning });
    expect(await other.run({ values: { company: REALM, url: h.url, name: 'Harbor on Magento' }, positionals: ['add', 'api2cart'] }, globals, second.cli)).toBe(0);
    const secondSummary = JSON.parse(second.out());
    expect(secondSummary).toMatchObject({ replaced: false });
    expect(secondSummary.id).not.toBe(summary.id);
    expect(ctx.settings.read().stores.filter((s) => s.kind === 'api2cart')).toHaveLength(2);
    expect(JSON.parse((await keychain().get(keychainAccounts.storeCredential(summary.id))) ?? 'null')).toEqual({ apiKey: API_KEY, storeKey });

    // Adding the first store again reconnects it (same id), it does not duplicate it.
    const again = io();
    const same = makeStoreCommand({ secrets: piped([API_KEY, storeKey]), keychain, tuning });
    expect(await same.run({ values: { company: REALM, url: h.url }, positionals: ['add', 'api2cart'] }, globals, again.cli)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ id: summary.id, replaced: true });

    await keychain().delete(keychainAccounts.storeCredential(summary.id));
    await keychain().delete(keychainAccounts.storeCredential(secondSummary.id));
  });
});
