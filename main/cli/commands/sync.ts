/**
 * `ledgerbridge sync --stores-only`: pulls every connected store (of one company, or of all)
 * into its company's mirror. Each store is checked first (so its warnings, such as Shopify's
 * 60-day window, reach the summary), then pulled page by page; a failing store is reported and
 * the others still run. Ctrl-C stops between pages: what was written stays, and the next sync
 * continues from there.
 */
import { AppError } from '../../api/errors';
import { DbFromFutureError } from '../../mirror/migrate';
import { openCompanyDb, type CompanyDb } from '../../mirror/open';
import { osKeychain, type Keychain } from '../../secrets/keychain';
import type { StoreSetting } from '../../settings/schema';
import { StoreApiError } from '../../stores/connector';
import { StoreCredentialError, loadStoreCredentials } from '../../stores/credentials';
import { storeKind, type ConnectorTuning } from '../../stores/kinds';
import { pullStore } from '../../stores/pull-store';
import { createNodeContext } from '../app-context';
import { UsageError, type Command } from '../command';
import { progressBar, type ProgressStream } from '../progress';

export interface SyncCommandDeps {
  keychain?: () => Keychain;
  tuning?: ConnectorTuning;
  progress?: ProgressStream;
}

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

export function makeSyncCommand(deps: SyncCommandDeps = {}): Command {
  return {
    name: 'sync',
    summary: 'Pull orders from the connected stores into the local mirror',
    usage: 'ledgerbridge sync --stores-only [--company REALM] [--store NAME]',
    details: [
      'Options:',
      '  --stores-only    pull the store connections (Shopify, WooCommerce); the only kind of',
      '                   sync in this version — QuickBooks pulls come with a later version',
      '  --company REALM  only the stores of this company (default: every company)',
      '  --store NAME     only this store',
      '',
      'Each pull continues where the last one stopped. Exit status: 0 all stores synced,',
      '1 a store failed or the sync was stopped, 2 usage error.',
    ],
    options: {
      'stores-only': { type: 'boolean' },
      company: { type: 'string' },
      store: { type: 'string' },
    },
    maxPositionals: 0,
    async run({ values }, globals, io) {
      if (values['stores-only'] !== true) {
        io.stderr('ledgerbridge: only `ledgerbridge sync --stores-only` exists in this version (QuickBooks pulls come later)\n');
        return 2;
      }
      const realmId = typeof values.company === 'string' ? values.company : undefined;
      const storeName = typeof values.store === 'string' ? values.store : undefined;
      const ctx = createNodeContext(globals.dataDir, 'browser');
      const settings = ctx.settings.read();
      if (realmId !== undefined && !settings.companies.some((c) => c.realmId === realmId) && !settings.stores.some((s) => s.realmId === realmId)) {
        throw new AppError('not_found', `no company with realm ${realmId} in ${ctx.settings.path}`, 'company');
      }
      let stores = settings.stores.filter((s) => storeKind(s.kind) !== undefined && (realmId === undefined || s.realmId === realmId));
      if (storeName !== undefined) {
        stores = stores.filter((s) => s.name.toLowerCase() === storeName.toLowerCase());
        if (stores.length === 0) throw new AppError('not_found', `no connected store named ${JSON.stringify(storeName)}${realmId ? ` in company ${realmId}` : ''} (see ledgerbridge store list)`, 'store');
      }
      if (stores.length === 0) {
        if (globals.json) io.stdout(JSON.stringify({ stores: [] }) + '\n');
        else io.stdout('No store connections to sync. Connect one with `ledgerbridge store add`.\n');
        return 0;
      }

      const controller = new AbortController();
      void io.untilStopped().then(() => controller.abort(new Error('stopped')));
      const bar = progressBar(deps.progress ?? process.stderr);
      const keychain = (deps.keychain ?? osKeychain)();
      const summaries: StoreSyncSummary[] = [];
      for (const store of stores) {
        if (controller.signal.aborted) break;
        summaries.push(await syncOne(store, ctx.dataDir, keychain, controller.signal, bar, deps.tuning));
        bar.clear();
      }

      const failed = summaries.some((s) => s.status !== 'synced') || summaries.length < stores.length;
      if (globals.json) {
        io.stdout(JSON.stringify({ stores: summaries }) + '\n');
        return failed ? 1 : 0;
      }
      const lines: string[] = [];
      for (const s of summaries) {
        const counts = `${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged`;
        if (s.status === 'synced') lines.push(`${s.name} (${s.kind}, company ${s.realmId}): ${counts}`);
        else if (s.status === 'stopped') lines.push(`${s.name} (${s.kind}, company ${s.realmId}): stopped; the pages already pulled are saved and the next sync continues from there`);
        else lines.push(`${s.name} (${s.kind}, company ${s.realmId}): FAILED${s.pages ? ` after ${counts}` : ''} — ${s.error}`);
        for (const w of s.warnings) lines.push(`  warning: ${w}`);
      }
      io.stdout(lines.join('\n') + '\n');
      return failed ? 1 : 0;
    },
  };
}

async function syncOne(store: StoreSetting, dataDir: string, keychain: Keychain, signal: AbortSignal, bar: ReturnType<typeof progressBar>, tuning: ConnectorTuning | undefined): Promise<StoreSyncSummary> {
  const summary: StoreSyncSummary = {
    id: store.id, realmId: store.realmId, kind: store.kind, name: store.name, status: 'synced',
    added: 0, updated: 0, unchanged: 0, pages: 0, warnings: [], error: null,
  };
  const definition = storeKind(store.kind)!;
  let db: CompanyDb | undefined;
  try {
    const credentials = await loadStoreCredentials(keychain, store.id, store.name, definition.credentialFields.map((f) => f.name));
    const connector = definition.build(store, credentials, tuning);
    const info = await connector.verify();
    summary.warnings.push(...info.warnings);
    if (store.currency && info.currency !== 'unknown' && info.currency !== store.currency) {
      summary.warnings.push(`The shop currency is now ${info.currency}; it was ${store.currency} when the store was connected. Orders keep the currency they were placed in.`);
    }
    try {
      db = openCompanyDb(dataDir, store.realmId);
    } catch (error) {
      if (error instanceof DbFromFutureError) throw new AppError('conflict', error.message);
      throw error;
    }
    const result = await pullStore(db, store.id, connector, {
      signal,
      onProgress: (p) => bar.update(store.name, p.done, p.total),
    });
    Object.assign(summary, { added: result.added, updated: result.updated, unchanged: result.unchanged, pages: result.pages });
  } catch (error) {
    if (signal.aborted) {
      summary.status = 'stopped';
    } else if (error instanceof StoreApiError || error instanceof StoreCredentialError || error instanceof AppError) {
      summary.status = 'failed';
      summary.error = error.message;
    } else {
      throw error;
    }
  } finally {
    db?.close();
  }
  return summary;
}

export const syncCommand = makeSyncCommand();
