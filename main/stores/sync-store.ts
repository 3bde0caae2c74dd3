/**
 * One store connection pulled into its company's mirror: credentials from the keychain, the
 * connector checked first (so its warnings, such as Shopify's 60-day window, are reported), then
 * page by page. Failures the bookkeeper can act on come back in the summary, not as exceptions.
 *
 * Two halves, so the app can run the pull in a worker thread (worker/): reading the keychain stays
 * on the app's thread (keytar is a native module bound to it), the HTTP, parsing and SQLite writes
 * of the pull go wherever pullStoreInto() runs. The CLI runs both in its own process.
 */
import { AppError } from '../api/errors';
import { DbFromFutureError } from '../mirror/migrate';
import { openCompanyDb, type CompanyDb } from '../mirror/open';
import { recordStoreSync } from '../mirror/store-sync-state';
import type { Keychain } from '../secrets/keychain';
import type { StoreSetting } from '../settings/schema';
import { StoreApiError, type PullProgress } from './connector';
import { StoreCredentialError, loadStoreCredentials, type StoreCredentials } from './credentials';
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

export type PullStoreOptions = Omit<SyncStoreOptions, 'keychain'>;

export function emptySummary(store: StoreSetting): StoreSyncSummary {
  return { id: store.id, realmId: store.realmId, kind: store.kind, name: store.name, status: 'synced', added: 0, updated: 0, unchanged: 0, pages: 0, warnings: [], error: null };
}

const failed = (store: StoreSetting, error: string): StoreSyncSummary => ({ ...emptySummary(store), status: 'failed', error });
const notPulled = (store: StoreSetting): StoreSyncSummary => failed(store, `${store.name}: stores of kind ${store.kind} are not pulled by a connection`);

/**
 * The store's credentials, or the summary of a sync that cannot start without them; missing
 * credentials are recorded in the mirror as the store's last attempt, like any failed pull.
 */
export async function storeCredentials(store: StoreSetting, keychain: Keychain, dataDir: string): Promise<{ credentials: StoreCredentials } | { summary: StoreSyncSummary }> {
  const definition = storeKind(store.kind);
  if (!definition) return { summary: notPulled(store) };
  try {
    return { credentials: await loadStoreCredentials(keychain, store.id, store.name, definition.credentialFields.map((f) => f.name)) };
  } catch (error) {
    if (!(error instanceof StoreCredentialError)) throw error;
    let db: CompanyDb | undefined;
    try {
      db = openMirror(dataDir, store);
      recordStoreSync(db, store.id, { ok: false, error: error.message });
    } catch (opening) {
      // A mirror this build cannot open (from a newer version): the failure is still told, only not recorded.
      if (!(opening instanceof AppError)) throw opening;
    } finally {
      db?.close();
    }
    return { summary: failed(store, error.message) };
  }
}

function openMirror(dataDir: string, store: StoreSetting): CompanyDb {
  try {
    return openCompanyDb(dataDir, store.realmId);
  } catch (error) {
    if (error instanceof DbFromFutureError) throw new AppError('conflict', error.message);
    throw error;
  }
}

/** Pulls the store with credentials already read, and records the attempt in the mirror. */
export async function pullStoreInto(credentials: StoreCredentials, { store, dataDir, signal, onProgress, tuning }: PullStoreOptions): Promise<StoreSyncSummary> {
  const definition = storeKind(store.kind);
  if (!definition) return notPulled(store);
  const summary = emptySummary(store);
  let db: CompanyDb | undefined;
  try {
    db = openMirror(dataDir, store);
    const connector = definition.build(store, credentials, tuning);
    const info = await connector.verify(signal);
    summary.warnings.push(...info.warnings);
    if (store.currency && info.currency !== 'unknown' && info.currency !== store.currency) {
      summary.warnings.push(`The shop currency is now ${info.currency}; it was ${store.currency} when the store was connected. Orders keep the currency they were placed in.`);
    }
    const result = await pullStore(db, store.id, connector, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
    Object.assign(summary, { added: result.added, updated: result.updated, unchanged: result.unchanged, pages: result.pages });
  } catch (error) {
    if (signal?.aborted) {
      summary.status = 'stopped';
    } else if (error instanceof StoreApiError || error instanceof AppError) {
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

/** Both halves in this thread (the CLI). */
export async function syncStore({ keychain, ...options }: SyncStoreOptions): Promise<StoreSyncSummary> {
  const read = await storeCredentials(options.store, keychain, options.dataDir);
  return 'summary' in read ? read.summary : pullStoreInto(read.credentials, options);
}
