/** `store add`, `store list` and `sync --stores-only` against the stand-ins, with the real keychain. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import keytar from 'keytar';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CliIo, Command } from '../../../main/cli/command';
import { makeStoreCommand } from '../../../main/cli/commands/store';
import { makeSyncCommand } from '../../../main/cli/commands/sync';
import { countOrders } from '../../../main/mirror/store-orders';
import { openCompanyDb } from '../../../main/mirror/open';
import { keychainAccounts, osKeychain } from '../../../main/secrets/keychain';
import { openConfSettings } from '../../../main/settings/conf-settings';
import { REALM } from '../helpers/mirror';
import { oldOrder, partialRefundOrder, plainOrder, shippingRefundOrder } from '../helpers/orders';
import { TOKEN, shopifyRig } from '../helpers/shopify';
import { CONSUMER_KEY, CONSUMER_SECRET, wooRig } from '../helpers/woo';

interface Run { code: number; stdout: string; stderr: string }

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerbridge-cli-'));
  const service = `Ledgerbridge-test-${randomUUID()}`;
  onTestFinished(async () => {
    for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
    rmSync(dataDir, { recursive: true, force: true });
  });
  openConfSettings(dataDir).update((s) => ({
    ...s,
    companies: [{ realmId: REALM, name: 'Harbor Goods LLC', environment: 'local', addedAt: '2026-11-01T00:00:00.000Z', reconnectNeeded: false }],
  }));
  const keychain = () => osKeychain(service);
  const progress: string[] = [];
  const run = async (command: Command, argv: { values: Record<string, string | boolean | undefined>; positionals: string[] }, options: { stdin?: string; json?: boolean } = {}): Promise<Run> => {
    const out: Run = { code: -1, stdout: '', stderr: '' };
    const io: CliIo = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env: {}, untilStopped: () => new Promise(() => undefined) };
    out.code = await command.run(argv, { dataDir, json: options.json ?? false }, io);
    return out;
  };
  const store = (stdin: string) =>
    makeStoreCommand({
      keychain,
      secrets: () => {
        const input = new PassThrough();
        input.end(stdin);
        return { input, prompt: () => undefined };
      },
    });
  const sync = makeSyncCommand({ keychain, progress: { write: (t: string) => progress.push(t), isTTY: true, columns: 80 } });
  return { dataDir, service, run, store, sync, progress, settings: () => openConfSettings(dataDir).read() };
}

describe('ledgerbridge store add / list and sync --stores-only', () => {
  it('refuses a wrong Shopify token at once and saves nothing', async () => {
    const rig = await shopifyRig([plainOrder(1)]);
    const t = setup();
    const result = await t.run(t.store('shpat_wrong\n'), { values: { company: REALM, shop: 'harbor-goods.myshopify.com', url: rig.url }, positionals: ['add', 'shopify'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Shopify store "harbor-goods.myshopify.com" \(harbor-goods.myshopify.com\) refused the access token \(HTTP 401\)/);
    expect(result.stderr).toContain('Nothing was saved.');
    expect(result.stderr).not.toContain('shpat_wrong');
    expect(t.settings().stores).toEqual([]);
    expect(await keytar.findCredentials(t.service)).toEqual([]);
  });

  it('refuses a wrong WooCommerce secret at once and saves nothing', async () => {
    const rig = await wooRig([plainOrder(1)], { at: Date.now() });
    const t = setup();
    const result = await t.run(t.store(`${CONSUMER_KEY}\ncs_wrong\n`), { values: { company: REALM, url: rig.url }, positionals: ['add', 'woocommerce'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the API key: Invalid signature/);
    expect(t.settings().stores).toEqual([]);
    expect(await keytar.findCredentials(t.service)).toEqual([]);
  });

  it('connects both kinds (secrets only in the keychain), lists them, and syncs them with a summary', async () => {
    const shop = await shopifyRig([structuredClone(partialRefundOrder), structuredClone(shippingRefundOrder), structuredClone(oldOrder), ...Array.from({ length: 5 }, (_, i) => plainOrder(i))], { readAllOrders: false });
    const woo = await wooRig([structuredClone(partialRefundOrder), ...Array.from({ length: 4 }, (_, i) => plainOrder(i))], { at: Date.now() });
    const t = setup();

    const added = await t.run(t.store(`${TOKEN}\n`), { values: { company: REALM, shop: 'harbor-goods', url: shop.url }, positionals: ['add', 'shopify'] });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Connected Shopify store "Harbor Goods" (harbor-goods.myshopify.com) to company 9341453117294856.');
    expect(added.stdout).toContain('shop currency: USD');
    expect(added.stdout).toMatch(/warning: Shopify may be hiding orders older than 60 days/);

    const wooAdded = await t.run(t.store(`${CONSUMER_KEY}\n${CONSUMER_SECRET}\n`), { values: { company: REALM, url: `${woo.url}/`, name: 'Harbor Woo' }, positionals: ['add', 'woocommerce'] }, { json: true });
    expect(wooAdded.code).toBe(0);
    expect(JSON.parse(wooAdded.stdout)).toMatchObject({ kind: 'woocommerce', name: 'Harbor Woo', address: woo.url, currency: 'USD' });

    const stores = t.settings().stores;
    expect(stores.map((s) => [s.kind, s.name, s.address])).toEqual([['shopify', 'Harbor Goods', 'harbor-goods.myshopify.com'], ['woocommerce', 'Harbor Woo', woo.url]]);
    const settingsText = readFileSync(openConfSettings(t.dataDir).path, 'utf8');
    for (const secret of [TOKEN, CONSUMER_KEY, CONSUMER_SECRET]) expect(settingsText).not.toContain(secret);
    expect(JSON.parse((await osKeychain(t.service).get(keychainAccounts.storeCredential(stores[0]!.id)))!)).toEqual({ accessToken: TOKEN });
    expect(JSON.parse((await osKeychain(t.service).get(keychainAccounts.storeCredential(stores[1]!.id)))!)).toEqual({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET });

    const listed = await t.run(t.store(''), { values: { company: REALM }, positionals: ['list'] }, { json: true });
    expect(JSON.parse(listed.stdout).map((s: { name: string }) => s.name)).toEqual(['Harbor Goods', 'Harbor Woo']);
    const listedText = await t.run(t.store(''), { values: {}, positionals: ['list'] });
    expect(listedText.stdout).toContain('Harbor Goods LLC (realm 9341453117294856)');
    expect(listedText.stdout).toMatch(/shopify\s+Harbor Goods\s+harbor-goods\.myshopify\.com\s+USD/);

    const first = await t.run(t.sync, { values: { 'stores-only': true }, positionals: [] });
    expect(first.code).toBe(0);
    // The 90-day-old order is invisible to this token: 7 of 8, and the warning says why.
    expect(first.stdout).toContain('Harbor Goods (shopify, company 9341453117294856): 7 added, 0 updated, 0 unchanged');
    expect(first.stdout).toContain('Harbor Woo (woocommerce, company 9341453117294856): 5 added, 0 updated, 0 unchanged');
    expect(first.stdout).toMatch(/ {2}warning: Shopify may be hiding orders older than 60 days/);
    expect(t.progress.join('')).toMatch(/\rHarbor Goods \[#+\] 7\/7/);

    const db = openCompanyDb(t.dataDir, REALM);
    try {
      expect(countOrders(db, stores[0]!.id)).toBe(7);
      expect(countOrders(db, stores[1]!.id)).toBe(5);
    } finally {
      db.close();
    }

    const again = await t.run(t.sync, { values: { 'stores-only': true, store: 'harbor woo' }, positionals: [] }, { json: true });
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as { stores: Array<Record<string, unknown>> };
    expect(summary.stores).toHaveLength(1);
    expect(summary.stores[0]).toMatchObject({ name: 'Harbor Woo', status: 'synced', added: 0, updated: 0 });
  });

  it('plain sync also pulls QuickBooks and says clearly why a company cannot be pulled', async () => {
    const t = setup();
    const result = await t.run(t.sync, { values: {}, positionals: [] }, { json: true });
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { companies: Array<{ realmId: string; status: string; error: string }>; stores: unknown[] };
    expect(summary.companies).toEqual([expect.objectContaining({ realmId: REALM, status: 'failed' })]);
    expect(summary.companies[0]!.error).toMatch(/Intuit app/);
    expect(summary.stores).toEqual([]);
  });

  it('reports a store whose key was revoked and still syncs the others', async () => {
    const shop = await shopifyRig([plainOrder(1)]);
    const woo = await wooRig([plainOrder(2)], { at: Date.now() });
    const t = setup();
    expect((await t.run(t.store(`${TOKEN}\n`), { values: { company: REALM, shop: 'harbor-goods.myshopify.com', url: shop.url }, positionals: ['add', 'shopify'] })).code).toBe(0);
    expect((await t.run(t.store(`${CONSUMER_KEY}\n${CONSUMER_SECRET}\n`), { values: { company: REALM, url: woo.url }, positionals: ['add', 'woocommerce'] })).code).toBe(0);
    const shopId = t.settings().stores.find((s) => s.kind === 'shopify')!.id;
    await osKeychain(t.service).set(keychainAccounts.storeCredential(shopId), JSON.stringify({ accessToken: 'shpat_revoked' }));
    const result = await t.run(t.sync, { values: { 'stores-only': true }, positionals: [] });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Harbor Goods \(shopify, company \d+\): FAILED — Shopify store "Harbor Goods" .*refused the access token/);
    expect(result.stdout).toMatch(/127\.0\.0\.1:\d+ \(woocommerce, company \d+\): 1 added/);
  });
});
