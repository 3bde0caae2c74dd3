/**
 * `ledgerbridge sync --stores-only`: pulls every connected store (of one company, or of all)
 * into its company's mirror. Each store is checked first (so its warnings, such as Shopify's
 * 60-day window, reach the summary), then pulled page by page; a failing store is reported and
 * the others still run. Ctrl-C stops between pages: what was written stays, and the next sync
 * continues from there.
 */
import { AppError } from '../../api/errors';
import { osKeychain, type Keychain } from '../../secrets/keychain';
import { storeKind, type ConnectorTuning } from '../../stores/kinds';
import { syncStore, type StoreSyncSummary } from '../../stores/sync-store';
import { createNodeContext } from '../app-context';
import { UsageError, type Command } from '../command';
import { progressBar, type ProgressStream } from '../progress';

export interface SyncCommandDeps {
  keychain?: () => Keychain;
  tuning?: ConnectorTuning;
  progress?: ProgressStream;
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
        summaries.push(await syncStore({ store, dataDir: ctx.dataDir, keychain, signal: controller.signal, onProgress: (p) => bar.update(store.name, p.done, p.total), ...(deps.tuning ? { tuning: deps.tuning } : {}) }));
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

export const syncCommand = makeSyncCommand();
