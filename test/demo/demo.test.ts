/**
 * `ledgerbridge demo`: the stand-ins started as their own process, the demo company connected
 * with its tokens in the real keychain, both sides pulled and reconciled; then the usual commands
 * against it while it serves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exitOf, runLedgerbridge, startLedgerbridge } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('ledgerbridge demo', () => {
  it('prepares the demo company, then sync, status and report work against it', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const first = await runLedgerbridge(['--data-dir', dataDir, '--json', 'demo', '--no-serve']);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      company: { realmId: string; name: string };
      storeSync: { added: number; status: string };
      statuses: Record<string, number>;
    };
    expect(summary.company.name).toBe('Harbor Goods Co.');
    expect(summary.storeSync).toMatchObject({ status: 'synced' });
    expect(summary.storeSync.added).toBeGreaterThan(100);
    expect(Object.values(summary.statuses).reduce((a, b) => a + b, 0)).toBe(summary.storeSync.added);
    for (const status of ['in_sync', 'missing_in_qbo', 'suggested_match', 'differs', 'unpaid_in_qbo', 'refund_missing', 'cancelled_open']) {
      expect(summary.statuses[status], status).toBeGreaterThan(0);
    }

    const db = new Database(join(dataDir, 'companies', `${summary.company.realmId}.sqlite`), { readonly: true });
    expect((db.prepare('SELECT count(*) n FROM store_orders').get() as { n: number }).n).toBe(summary.storeSync.added);
    expect((db.prepare('SELECT count(*) n FROM qbo_sales_txns').get() as { n: number }).n).toBeGreaterThan(50);
    db.close();
    const settings = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toMatch(/shpat_|refreshToken|accessToken|clientSecret/i);

    // Serving again reconnects to the restarted stand-ins; meanwhile the other commands work.
    const serving = await startLedgerbridge(['--data-dir', dataDir, 'demo', '--port', '0'], /http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    try {
      const sync = await runLedgerbridge(['--data-dir', dataDir, '--json', 'sync']);
      expect(sync.code, sync.stderr + sync.stdout).toBe(0);
      const synced = JSON.parse(sync.stdout) as { companies: Array<{ status: string; summary: { mode: string; requests: number } }>; stores: Array<{ status: string; added: number }> };
      expect(synced.companies).toMatchObject([{ status: 'synced', summary: { mode: 'incremental' } }]);
      expect(synced.companies[0]!.summary.requests).toBeLessThan(15);
      expect(synced.stores).toMatchObject([{ status: 'synced', added: 0 }]);

      const status = await runLedgerbridge(['--data-dir', dataDir, '--json', 'status']);
      const mirrors = (JSON.parse(status.stdout) as { mirrors: Array<{ entities: Array<{ entity: string; count: number; phase: string }>; stores: Array<{ orders: number; sync: { lastSuccessAt: string | null; lastError: string | null } }> }> }).mirrors;
      expect(mirrors[0]!.stores[0]!.sync).toMatchObject({ lastError: null });
      expect(mirrors[0]!.stores[0]!.sync.lastSuccessAt).not.toBeNull();
      const invoices = mirrors[0]!.entities.find((e) => e.entity === 'Invoice')!;
      expect(invoices.phase).toBe('incremental');
      expect(invoices.count).toBeGreaterThan(0);
      expect(mirrors[0]!.stores[0]!.orders).toBe(summary.storeSync.added);

      const report = await runLedgerbridge(['--data-dir', dataDir, '--json', 'report']);
      expect(report.code, report.stderr).toBe(0);
    } finally {
      serving.child.kill('SIGINT');
      expect(await exitOf(serving.child)).toBe(0);
    }

    const after = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(after.companies).toHaveLength(1);
    expect(after.stores).toHaveLength(1);
  });

  it('a sync while the demo stand-ins are not running reports QuickBooks and the store offline', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    expect((await runLedgerbridge(['--data-dir', dataDir, '--json', 'demo', '--no-serve'])).code).toBe(0);
    const sync = await runLedgerbridge(['--data-dir', dataDir, '--json', 'sync']);
    expect(sync.code).toBe(1);
    const result = JSON.parse(sync.stdout) as { companies: Array<{ status: string; error: string }>; stores: Array<{ status: string; error: string }> };
    expect(result.companies[0]).toMatchObject({ status: 'offline' });
    expect(result.stores[0]!.error).toMatch(/Could not reach Shopify/);
    // The store's last error is kept beside its last success, for `status` and the app.
    const status = await runLedgerbridge(['--data-dir', dataDir, '--json', 'status']);
    const store = (JSON.parse(status.stdout) as { mirrors: Array<{ stores: Array<{ sync: { lastSuccessAt: string | null; lastError: string | null } }> }> }).mirrors[0]!.stores[0]!;
    expect(store.sync.lastSuccessAt).not.toBeNull();
    expect(store.sync.lastError).toMatch(/Could not reach Shopify/);
  });
});
