/**
 * `ledgerbridge demo`: the stand-ins started as their own process, the demo company connected
 * with its tokens in the real keychain, the store pulled into the company's mirror.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runLedgerbridge } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('ledgerbridge demo', () => {
  it('prepares the demo company: connected, store pulled, secrets only in the keychain, idempotent', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const env = { LEDGERBRIDGE_KEYCHAIN_SERVICE: `Ledgerbridge-test-demo-${process.pid}` };
    const first = await runLedgerbridge(['--data-dir', dataDir, '--json', 'demo', '--no-serve'], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { company: { realmId: string; name: string }; storeSync: { added: number; status: string } };
    expect(summary.company.name).toBe('Harbor Goods Co.');
    expect(summary.storeSync).toMatchObject({ status: 'synced' });
    expect(summary.storeSync.added).toBeGreaterThan(100);

    const db = new Database(join(dataDir, 'companies', `${summary.company.realmId}.sqlite`), { readonly: true });
    expect((db.prepare('SELECT count(*) n FROM store_orders').get() as { n: number }).n).toBe(summary.storeSync.added);
    db.close();

    const settings = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings).companies).toHaveLength(1);
    expect(settings).not.toMatch(/shpat_|refresh|accessToken|clientSecret/i);

    const again = await runLedgerbridge(['--data-dir', dataDir, '--json', 'demo', '--no-serve'], env);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { storeSync: { added: number; unchanged: number } };
    expect(second.storeSync.added).toBe(0);
    const after = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(after.companies).toHaveLength(1);
    expect(after.stores).toHaveLength(1);
  });
});
