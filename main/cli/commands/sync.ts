/**
 * `ledgerbridge sync`: pulls each QuickBooks company (full the first time, then incremental
 * through Change Data Capture) and its connected stores into the company's mirror. Each store is
 * checked first (so its warnings, such as Shopify's 60-day window, reach the summary), then pulled
 * page by page; a failing store or company is reported and the others still run. Ctrl-C stops
 * between pages: what was written stays, and the next sync continues from there.
 */
import { AppError } from '../../api/errors';
import type { AppContext } from '../../app/context';
import type { Keychain } from '../../secrets/keychain';
import type { CompanySetting } from '../../settings/schema';
import { storeKind, type ConnectorTuning } from '../../stores/kinds';
import { syncStore, type StoreSyncSummary } from '../../stores/sync-store';
import { isOffline, syncCompany, type SyncSummary } from '../../sync';
import { isProgrammingError } from '../../platform/programming-error';
import { cliContext } from '../app-context';
import type { Command } from '../command';
import { progressBar, type ProgressBar, type ProgressStream } from '../progress';

export interface SyncCommandDeps {
  keychain?: () => Keychain;
  tuning?: ConnectorTuning;
  progress?: ProgressStream;
}

export interface CompanySyncResult {
  realmId: string;
  name: string;
  status: 'synced' | 'offline' | 'failed' | 'stopped';
  error: string | null;
  summary: SyncSummary | null;
}

async function syncQuickBooks(ctx: AppContext, company: CompanySetting, full: boolean, signal: AbortSignal, bar: ProgressBar): Promise<CompanySyncResult> {
  const result: CompanySyncResult = { realmId: company.realmId, name: company.name, status: 'synced', error: null, summary: null };
  try {
    result.summary = await syncCompany({
      dataDir: ctx.dataDir,
      realmId: company.realmId,
      client: ctx.connections.client(company.realmId),
      full,
      signal,
      onProgress: (e) => bar.update(`${company.name} · ${e.entity}`, e.done, e.total),
    });
  } catch (error) {
    if (signal.aborted) result.status = 'stopped';
    else if (isOffline(error)) Object.assign(result, { status: 'offline', error: 'QuickBooks is unreachable (offline); the local data stays usable and the next sync continues.' });
    // Connection, token and QBO faults are the company's problem to report; bugs in us are not.
    else if (error instanceof Error && !isProgrammingError(error)) Object.assign(result, { status: 'failed', error: (error as Error).message });
    else throw error;
  } finally {
    bar.clear();
  }
  return result;
}

function describeCompany(c: CompanySyncResult): string {
  if (c.status !== 'synced' || !c.summary) return `${c.name} (QuickBooks ${c.realmId}): ${c.status.toUpperCase()}${c.error ? ` — ${c.error}` : ''}`;
  const changed = Object.entries(c.summary.entities)
    .filter(([, e]) => e.written + e.deleted > 0)
    .map(([name, e]) => `${name} ${e.written}${e.deleted ? `/-${e.deleted}` : ''}`);
  return `${c.name} (QuickBooks ${c.realmId}): ${c.summary.mode} pull, ${changed.length ? changed.join(', ') : 'no changes'}; ${c.summary.requests} requests, ${c.summary.throttled} throttled, ${c.summary.seconds.toFixed(1)} s`;
}

export function makeSyncCommand(deps: SyncCommandDeps = {}): Command {
  return {
    name: 'sync',
    summary: 'Pull QuickBooks and the connected stores into the local mirror',
    usage: 'ledgerbridge sync [--company REALM] [--full] [--stores-only] [--store NAME]',
    details: [
      'Options:',
      '  --company REALM  only this company and its stores (default: every company)',
      '  --full           pull QuickBooks in full instead of the changes since the last sync',
      '  --stores-only    pull only the store connections (Shopify, WooCommerce, API2Cart)',
      '  --store NAME     only this store (implies --stores-only)',
      '',
      'Each pull continues where the last one stopped. Exit status: 0 all synced,',
      '1 something failed, was offline or the sync was stopped, 2 usage error.',
    ],
    options: {
      'stores-only': { type: 'boolean' },
      full: { type: 'boolean' },
      company: { type: 'string' },
      store: { type: 'string' },
    },
    maxPositionals: 0,
    async run({ values }, globals, io) {
      const storesOnly = values['stores-only'] === true || typeof values.store === 'string';
      const realmId = typeof values.company === 'string' ? values.company : undefined;
      const storeName = typeof values.store === 'string' ? values.store : undefined;
      const ctx = cliContext(globals, io, { keychain: deps.keychain?.() });
      const settings = ctx.settings.read();
      if (realmId !== undefined && !settings.companies.some((c) => c.realmId === realmId) && !settings.stores.some((s) => s.realmId === realmId)) {
        throw new AppError('not_found', `no company with realm ${realmId} in ${ctx.settings.path}`, 'company');
      }
      let stores = settings.stores.filter((s) => storeKind(s.kind) !== undefined && (realmId === undefined || s.realmId === realmId));
      if (storeName !== undefined) {
        stores = stores.filter((s) => s.name.toLowerCase() === storeName.toLowerCase());
        if (stores.length === 0) throw new AppError('not_found', `no connected store named ${JSON.stringify(storeName)}${realmId ? ` in company ${realmId}` : ''} (see ledgerbridge store list)`, 'store');
      }
      const companies = storesOnly ? [] : settings.companies.filter((c) => !c.disconnectedAt && (realmId === undefined || c.realmId === realmId));
      if (stores.length === 0 && companies.length === 0) {
        if (globals.json) io.stdout(JSON.stringify({ companies: [], stores: [] }) + '\n');
        else io.stdout(storesOnly ? 'No store connections to sync. Connect one with `ledgerbridge store add`.\n' : 'Nothing to sync. Connect a company with `ledgerbridge connect` or try `ledgerbridge demo`.\n');
        return 0;
      }

      const controller = new AbortController();
      void io.untilStopped().then(() => controller.abort(new Error('stopped')));
      const bar = progressBar(deps.progress ?? process.stderr);
      const companyResults: CompanySyncResult[] = [];
      for (const company of companies) {
        if (controller.signal.aborted) break;
        companyResults.push(await syncQuickBooks(ctx, company, values.full === true, controller.signal, bar));
      }
      const summaries: StoreSyncSummary[] = [];
      for (const store of stores) {
        if (controller.signal.aborted) break;
        summaries.push(await syncStore({ store, dataDir: ctx.dataDir, keychain: ctx.keychain, signal: controller.signal, onProgress: (p) => bar.update(store.name, p.done, p.total), ...(deps.tuning ? { tuning: deps.tuning } : {}) }));
        bar.clear();
      }

      const failed =
        summaries.some((s) => s.status !== 'synced') || summaries.length < stores.length ||
        companyResults.some((c) => c.status !== 'synced') || companyResults.length < companies.length;
      if (globals.json) {
        io.stdout(JSON.stringify({ companies: companyResults, stores: summaries }) + '\n');
        return failed ? 1 : 0;
      }
      const lines: string[] = companyResults.map(describeCompany);
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
