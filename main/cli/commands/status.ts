import { companiesView } from '../../companies/companies-view';
import { createNodeContext } from '../app-context';
import type { Command } from '../command';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the companies and stores configured in the data folder',
  usage: 'ledgerbridge status',
  details: [],
  options: {},
  maxPositionals: 0,
  async run(_args, globals, io) {
    const ctx = createNodeContext(globals.dataDir, 'browser');
    const { companies, stores } = companiesView(ctx.settings.read());
    if (globals.json) {
      io.stdout(JSON.stringify({ dataDir: ctx.dataDir, settingsFile: ctx.settings.path, companies, stores }) + '\n');
      return 0;
    }
    const lines = [`Data folder: ${ctx.dataDir}`, ''];
    if (companies.length === 0) lines.push('No companies yet. Run `ledgerbridge serve` and choose "Connect QuickBooks".');
    for (const company of companies) {
      lines.push(`${company.name}  (realm ${company.realmId}, ${company.environment}, ${company.connection.replace('_', ' ')})`);
      const own = stores.filter((s) => s.realmId === company.realmId);
      if (own.length === 0) lines.push('  no stores');
      for (const store of own) lines.push(`  ${store.kind.padEnd(11)} ${store.name}${store.address ? `  ${store.address}` : ''}`);
    }
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
