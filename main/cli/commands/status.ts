import { existsSync } from 'node:fs';
import { companiesView } from '../../companies/companies-view';
import { companyDbPath, openCompanyDb } from '../../mirror/open';
import { readCursor } from '../../mirror/store-cursors';
import { countOrders } from '../../mirror/store-orders';
import { readStoreSync, type StoreSyncState } from '../../mirror/store-sync-state';
import { ORDERS_CURSOR } from '../../stores/pull-store';
import { mirrorStatus, type MirrorStatus } from '../../sync';
import { cliContext } from '../app-context';
import type { Command } from '../command';

interface CompanyMirror extends MirrorStatus {
  realmId: string;
  file: string;
  stores: Array<{ storeId: string; orders: number; cursor: string | null; sync: StoreSyncState | null }>;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the companies and stores configured, and what each company’s mirror holds',
  usage: 'ledgerbridge status',
  details: ['Per company: rows and sync state of each QuickBooks entity, orders and cursor per store.'],
  options: {},
  maxPositionals: 0,
  async run(_args, globals, io) {
    const ctx = cliContext(globals, io);
    const { companies, stores } = companiesView(ctx.settings.read());
    const mirrors: CompanyMirror[] = [];
    for (const company of companies) {
      const file = companyDbPath(ctx.dataDir, company.realmId);
      if (!existsSync(file)) continue;
      const db = openCompanyDb(ctx.dataDir, company.realmId);
      try {
        const own = stores.filter((s) => s.realmId === company.realmId);
        mirrors.push({
          realmId: company.realmId,
          file,
          ...mirrorStatus(db),
          stores: own.map((s) => ({ storeId: s.id, orders: countOrders(db, s.id), cursor: readCursor(db, s.id, ORDERS_CURSOR) ?? null, sync: readStoreSync(db, s.id) })),
        });
      } finally {
        db.close();
      }
    }
    if (globals.json) {
      io.stdout(JSON.stringify({ dataDir: ctx.dataDir, settingsFile: ctx.settings.path, companies, stores, mirrors }) + '\n');
      return 0;
    }
    const lines = [`Data folder: ${ctx.dataDir}`, ''];
    if (companies.length === 0) lines.push('No companies yet. Try `ledgerbridge demo`, or `ledgerbridge connect` for a real company.');
    for (const company of companies) {
      lines.push(`${company.name}  (realm ${company.realmId}, ${company.environment}, ${company.connection.replace('_', ' ')})`);
      const mirror = mirrors.find((m) => m.realmId === company.realmId);
      if (!mirror) lines.push('  not synced yet');
      else {
        const sync = mirror.company;
        lines.push(`  QuickBooks: last synced ${sync.lastSuccessAt ?? 'never'}${sync.offline ? ' (offline at the last attempt)' : ''}${sync.lastError ? `; last error: ${sync.lastError}` : ''}`);
        for (const e of mirror.entities.filter((x) => x.count > 0 || x.phase !== 'none')) {
          lines.push(`    ${e.entity.padEnd(14)} ${String(e.count).padStart(7)}  ${e.phase}${e.cursor ? `, current to ${e.cursor}` : ''}`);
        }
      }
      const own = stores.filter((s) => s.realmId === company.realmId);
      if (own.length === 0) lines.push('  no stores');
      for (const store of own) {
        const m = mirror?.stores.find((s) => s.storeId === store.id);
        lines.push(`  ${store.kind.padEnd(11)} ${store.name}${store.address ? `  ${store.address}` : ''}${m ? `  ${m.orders} orders` : ''}`);
        if (m?.sync) lines.push(`              last synced ${m.sync.lastSuccessAt ?? 'never'}${m.sync.lastError ? `; last error (${m.sync.lastErrorAt}): ${m.sync.lastError}` : ''}`);
      }
    }
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
