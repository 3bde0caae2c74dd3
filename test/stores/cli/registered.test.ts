/** The commands as installed: `ledgerbridge store add` reads the token from stdin, never argv. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { describe, expect, it, onTestFinished } from 'vitest';
import { KEYCHAIN_SERVICE, keychainAccounts } from '../../../main/secrets/keychain';
import { openConfSettings } from '../../../main/settings/conf-settings';
import { repoRoot } from '../../helpers/cli';
import { REALM } from '../helpers/mirror';
import { plainOrder } from '../helpers/orders';
import { TOKEN, shopifyRig } from '../helpers/shopify';

function ledgerbridge(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'main/cli/index.ts'), ...args], { cwd: repoRoot, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('ledgerbridge store / sync as registered commands', () => {
  it('takes the token on stdin, refuses it as an option, and syncs', async () => {
    const rig = await shopifyRig([plainOrder(1), plainOrder(2)]);
    const dataDir = mkdtempSync(join(tmpdir(), 'ledgerbridge-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    openConfSettings(dataDir).update((s) => ({ ...s, companies: [{ realmId: REALM, name: 'Harbor Goods LLC', environment: 'local', addedAt: '2026-11-01T00:00:00.000Z', reconnectNeeded: false }] }));
    const base = ['--data-dir', dataDir];

    const asOption = await ledgerbridge([...base, 'store', 'add', 'shopify', '--company', REALM, '--shop', 'harbor-goods.myshopify.com', '--token', TOKEN], '');
    expect(asOption.code).toBe(2);
    expect(asOption.stderr).toMatch(/Unknown option '--token'/);

    const added = await ledgerbridge([...base, 'store', 'add', 'shopify', '--company', REALM, '--shop', 'harbor-goods.myshopify.com', '--url', rig.url], `${TOKEN}\n`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Connected Shopify store "Harbor Goods"');
    const store = openConfSettings(dataDir).read().stores[0]!;
    onTestFinished(async () => void (await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccounts.storeCredential(store.id))));
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, keychainAccounts.storeCredential(store.id))).toBe(JSON.stringify({ accessToken: TOKEN }));

    const synced = await ledgerbridge([...base, '--json', 'sync', '--stores-only', '--company', REALM], '');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).stores).toEqual([
      expect.objectContaining({ id: store.id, kind: 'shopify', name: 'Harbor Goods', status: 'synced', added: 2, updated: 0, unchanged: 0 }),
    ]);
    // Every order this token sees is recent, so the summary carries the 60-day warning.
    expect(JSON.parse(synced.stdout).stores[0].warnings).toEqual([expect.stringMatching(/hiding orders older than 60 days/)]);
  });
});
