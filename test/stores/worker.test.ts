/**
 * The app pulls stores in a worker thread (main/stores/worker/): the same mirror as a pull in this
 * thread, progress as it goes, a cancel that stops it between pages, and no thread at all when
 * the keychain has no credentials. Real keychain (scripts/with-keyring.sh), real HTTP to the
 * Shopify stand-in, real SQLite files.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { companyDbPath, openCompanyDb } from '../../main/mirror/open';
import { listen } from '../../sandbox/common/listen';
import { readStoreSync } from '../../main/mirror/store-sync-state';
import { osKeychain, type Keychain } from '../../main/secrets/keychain';
import { storeSettingSchema, type StoreSetting } from '../../main/settings/schema';
import { deleteStoreCredentials, saveStoreCredentials } from '../../main/stores/credentials';
import { syncStore } from '../../main/stores/sync-store';
import { syncStoreInWorker } from '../../main/stores/worker/host';
import { tempDir } from '../helpers/tmp';
import { REALM } from './helpers/mirror';
import { plainOrder } from './helpers/orders';
import { TOKEN, shopifyRig } from './helpers/shopify';

async function connected(url: string, withCredentials = true): Promise<{ store: StoreSetting; keychain: Keychain }> {
  const keychain = osKeychain(`ledgerbridge-test-store-worker-${process.pid}-${randomUUID()}`);
  const store = storeSettingSchema.parse({ id: `shop-${randomUUID()}`, realmId: REALM, kind: 'shopify', name: 'Harbor Goods', address: 'harbor-goods.myshopify.com', apiUrl: url });
  if (withCredentials) {
    await saveStoreCredentials(keychain, store.id, { accessToken: TOKEN });
    onTestFinished(async () => {
      await deleteStoreCredentials(keychain, store.id);
    });
  }
  return { store, keychain };
}

const mirrorRows = (dataDir: string) => {
  const db = openCompanyDb(dataDir, REALM);
  try {
    return db.prepare('SELECT source_id, number, total, currency, hex(content_hash) AS hash FROM store_orders ORDER BY source_id').all();
  } finally {
    db.close();
  }
};

describe('store pulls in a worker thread', () => {
  it('fill the mirror exactly as a pull in this thread does, reporting progress on the way', async () => {
    const rig = await shopifyRig(Array.from({ length: 600 }, (_, i) => plainOrder(i)), { at: Date.now() });
    const { store, keychain } = await connected(rig.url);
    const progress: number[] = [];
    const there = tempDir();
    const inWorker = await syncStoreInWorker({ store, dataDir: there, keychain, onProgress: (p) => progress.push(p.done) });
    const here = tempDir();
    const inThread = await syncStore({ store, dataDir: here, keychain });

    expect(inWorker).toMatchObject({ status: 'synced', added: 600, error: null });
    expect(inWorker).toEqual(inThread);
    expect(mirrorRows(there)).toEqual(mirrorRows(here));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(600);
  });

  it('stop between pages when cancelled, and say so', async () => {
    const rig = await shopifyRig(Array.from({ length: 2_000 }, (_, i) => plainOrder(i)), { at: Date.now() });
    const { store, keychain } = await connected(rig.url);
    const controller = new AbortController();
    const dataDir = tempDir();
    const summary = await syncStoreInWorker({ store, dataDir, keychain, signal: controller.signal, onProgress: (p) => p.done > 0 && controller.abort() });
    expect(summary.status).toBe('stopped');
    // The pages before the cancel are kept (each commits with its cursor); the rest never came.
    const kept = mirrorRows(dataDir).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(2_000);
  });

  it('stop a store that accepts the connection but never answers, and start nothing once stopped', async () => {
    const silent = createServer(() => {});
    const { origin, close } = await listen(silent);
    onTestFinished(async () => {
      silent.closeAllConnections();
      await close();
    });
    const { store, keychain } = await connected(origin);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const dataDir = tempDir();
    expect((await syncStoreInWorker({ store, dataDir, keychain, signal: controller.signal })).status).toBe('stopped');
    // Already stopped: no thread and nothing written, not even the company file.
    const later = tempDir();
    expect((await syncStoreInWorker({ store, dataDir: later, keychain, signal: controller.signal })).status).toBe('stopped');
    expect(existsSync(companyDbPath(later, REALM))).toBe(false);
  });

  it('start no thread without credentials, and record the failure as the store’s last attempt', async () => {
    const rig = await shopifyRig([plainOrder(1)], { at: Date.now() });
    const { store, keychain } = await connected(rig.url, false);
    const dataDir = tempDir();
    const summary = await syncStoreInWorker({ store, dataDir, keychain });
    expect(summary).toMatchObject({ status: 'failed', added: 0 });
    expect(summary.error).toMatch(/Harbor Goods/);
    const db = openCompanyDb(dataDir, REALM);
    try {
      expect(readStoreSync(db, store.id)).toMatchObject({ lastError: summary.error, lastSuccessAt: null });
      // A mirror from a newer version: the same failure is told, not thrown (only not recorded).
      db.pragma('user_version = 999');
    } finally {
      db.close();
    }
    expect(await syncStoreInWorker({ store, dataDir, keychain })).toEqual(summary);
  });
});
