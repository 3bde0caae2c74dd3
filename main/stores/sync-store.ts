/**
 * One store connection pulled into its company's mirror: credentials from the keychain, the
 * connector checked first (so its warnings, such as Shopify's 60-day window, are reported), then
 * page by page. Failures the bookkeeper can act on come back in the summary, not as exceptions.
 */
import { AppError } from '../api/errors';
import { DbFromFutureError } from '../mirror/migrate';
import { openCompanyDb, type CompanyDb } from '../mirror/open';
import { recordStoreSync } from '../mirror/store-sync-state';
import type { Keychain } from '../secrets/keychain';
import type { StoreSetting } from '../settings/schema';
import { StoreApiError, type PullProgress } from './connector';
import { StoreCredentialError, loadStoreCredentials } from './credentials';
import { storeKind, type ConnectorTuning } from './kinds';
import { pullStore } from './pull-store';

export interface StoreSyncSummary {
  id: string;
  realmId: string;
  kind: string;
  name: string;
  status: 'synced' | 'failed' | 'stopped';
  added: number;
  updated: number;
  unchanged: number;
  pages: number;
  warnings: string[];
  error: string | null;
}

export interface SyncStoreOptions {
  store: StoreSetting;
  dataDir: string;
  keychain: Keychain;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  tuning?: ConnectorTuning;
}

export async function syncStore({ store, dataDir, keychain, signal, onProgress, tuning }: SyncStoreOptions): Promise<StoreSyncSummary> {
  const summary: StoreSyncSummary = {
    id: store.id, realmId: store.realmId, kind: store.kind, name: store.name, status: 'synced',
    added: 0, updated: 0, unchanged: 0, pages: 0, warnings: [], error: null,
  };
  const definition = storeKind(store.kind);
  if (!definition) return { ...summary, status: 'failed', error: `${store.name}: stores of kind ${store.kind} are not pulled by a connection` };
  let db: CompanyDb | undefined;
  try {
    try {
      db = openCompanyDb(dataDir, store.realmId);
    } catch (error) {
      if (error instanceof DbFromFutureError) throw new AppError('conflict', error.message);
      throw error;
    }
    const credentials = await loadStoreCredentials(keychain, store.id, store.name, definition.credentialFields.map((f) => f.name));
    const connector = definition.build(store, credentials, tuning);
    const info = await connector.verify();
    summary.warnings.push(...info.warnings);
    if (store.currency && info.currency !== 'unknown' && info.currency !== store.currency) {
      summary.warnings.push(`The shop currency is now ${info.currency}; it was ${store.currency} when the store was connected. Orders keep the currency they were placed in.`);
    }
    const result = await pullStore(db, store.id, connector, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
    Object.assign(summary, { added: result.added, updated: result.updated, unchanged: result.unchanged, pages: result.pages });
  } catch (error) {
    if (signal?.aborted) {
      summary.status = 'stopped';
    } else if (error instanceof StoreApiError || error instanceof StoreCredentialError || error instanceof AppError) {
      summary.status = 'failed';
      summary.error = error.message;
    } else {
      throw error;
    }
  } finally {
    if (db && summary.status !== 'stopped') recordStoreSync(db, store.id, summary.status === 'synced' ? { ok: true } : { ok: false, error: summary.error ?? 'failed' });
    db?.close();
  }
  return summary;
}
