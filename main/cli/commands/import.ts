import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../api/errors';
import { DbFromFutureError } from '../../mirror/migrate';
import { openCompanyDb } from '../../mirror/open';
import type { Settings, StoreSetting } from '../../settings/schema';
import { detectCsvFormat } from '../../stores/csv/detect-format';
import { genericCsv, shopifyExport } from '../../stores/csv/formats';
import { importCsv } from '../../stores/csv/import-csv';
import { cliContext } from '../app-context';
import { UsageError, type Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: "Import a store's order CSV (Shopify export or generic order CSV) into a company's mirror",
  usage: 'ledgerbridge import FILE --company REALM [--store NAME] [--valid-only]',
  details: [
    'Options:',
    '  --company REALM  the QuickBooks company (realm id) whose mirror receives the orders',
    '  --store NAME     a CSV store connection of that company; default: one named after the',
    '                   file\'s format ("Shopify CSV import" or "CSV import"), created if needed',
    '  --valid-only     import the valid orders and report the rest, instead of importing nothing',
    '',
    'Re-importing a file, or one that overlaps it, changes only the orders that changed.',
    'The generic layout is described in main/stores/csv/GENERIC-CSV.md.',
    'Exit status: 0 imported, 1 refused (problems listed; nothing imported), 2 usage error.',
  ],
  options: {
    company: { type: 'string' },
    store: { type: 'string' },
    'valid-only': { type: 'boolean' },
  },
  maxPositionals: 1,
  async run({ values, positionals }, globals, io) {
    const file = positionals[0];
    if (file === undefined) throw new UsageError('import needs the CSV file to read');
    const realmId = values.company;
    if (typeof realmId !== 'string' || realmId === '') throw new UsageError('import needs --company REALM');
    const ctx = cliContext(globals, io);
    const settings = ctx.settings.read();
    if (!settings.companies.some((c) => c.realmId === realmId)) throw unknownCompany(realmId, settings, ctx.settings.path);

    const storeName = typeof values.store === 'string' ? values.store : undefined;
    const format = await detectCsvFormat(file);
    const { store, isNew } = pickStore(settings, realmId, storeName, format === 'shopify' ? shopifyExport.defaultStoreName : genericCsv.defaultStoreName);

    let db;
    try {
      db = openCompanyDb(ctx.dataDir, realmId);
    } catch (error) {
      if (error instanceof DbFromFutureError) throw new AppError('conflict', error.message);
      throw error;
    }
    let result;
    try {
      result = await importCsv({ db, storeId: store.id, file, validOnly: values['valid-only'] === true });
    } finally {
      db.close();
    }
    if (isNew && !result.refused) ctx.settings.update((s) => ({ ...s, stores: [...s.stores, store] }));

    if (globals.json) {
      io.stdout(JSON.stringify({ added: result.added, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected }) + '\n');
      return result.refused ? 1 : 0;
    }
    const lines: string[] = [];
    if (result.refused) {
      lines.push(`${basename(file)} was not imported: ${result.rejected.length} problem${result.rejected.length === 1 ? '' : 's'} (nothing was changed).`);
      if (result.format !== null) lines.push('Fix the file, or import only its valid orders with --valid-only.');
    } else {
      lines.push(`${basename(file)} → ${store.name} (company ${realmId})`);
      lines.push(`  orders added:     ${result.added}`);
      lines.push(`  orders updated:   ${result.updated}`);
      lines.push(`  orders unchanged: ${result.unchanged}`);
      lines.push(`  problems:         ${result.rejected.length}${result.rejected.length > 0 ? ' (the orders concerned were not imported)' : ''}`);
    }
    for (const p of result.rejected) lines.push(`  ${p.row > 0 ? `row ${p.row}` : 'file'}${p.column ? `, ${p.column}` : ''}: ${p.reason}`);
    (result.refused ? io.stderr : io.stdout)(lines.join('\n') + '\n');
    return result.refused ? 1 : 0;
  },
};

function unknownCompany(realmId: string, settings: Settings, path: string): AppError {
  const known = settings.companies.map((c) => `${c.name} (${c.realmId})`);
  return new AppError(
    'not_found',
    `no company with realm ${realmId} in ${path}; ` + (known.length > 0 ? `known companies: ${known.join(', ')}` : 'no companies are set up yet'),
    'company',
  );
}

function pickStore(settings: Settings, realmId: string, requested: string | undefined, defaultName: string): { store: StoreSetting; isNew: boolean } {
  const own = settings.stores.filter((s) => s.realmId === realmId);
  if (requested !== undefined) {
    const found = own.find((s) => s.name === requested) ?? own.find((s) => s.name.toLowerCase() === requested.toLowerCase());
    if (!found) {
      const csv = own.filter((s) => s.kind === 'csv').map((s) => JSON.stringify(s.name));
      throw new AppError(
        'not_found',
        `company ${realmId} has no store named ${JSON.stringify(requested)}; ` +
          (csv.length > 0 ? `its CSV stores: ${csv.join(', ')}` : 'it has no CSV store yet (omit --store to create one)'),
        'store',
      );
    }
    if (found.kind !== 'csv') throw new AppError('invalid_request', `store ${JSON.stringify(found.name)} is a ${found.kind} connection; CSV files go to a store of kind csv`, 'store');
    return { store: found, isNew: false };
  }
  const existing = own.find((s) => s.kind === 'csv' && s.name === defaultName);
  if (existing) return { store: existing, isNew: false };
  return { store: { id: `csv-${randomUUID()}`, realmId, kind: 'csv', name: defaultName }, isNew: true };
}
