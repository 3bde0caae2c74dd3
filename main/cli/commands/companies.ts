import { companiesView } from '../../companies/companies-view';
import { cliContext } from '../app-context';
import type { Command } from '../command';

const STATE: Record<string, string> = { connected: 'connected', reconnect_needed: 'RECONNECT NEEDED', disconnected: 'disconnected' };

export const companiesCommand: Command = {
  name: 'companies',
  summary: 'List the QuickBooks companies and their connection state',
  usage: 'ledgerbridge companies',
  details: ['"reconnect needed": Intuit no longer accepts the authorization; run `ledgerbridge connect` again.'],
  options: {},
  maxPositionals: 0,
  async run(_args, globals, io) {
    const ctx = cliContext(globals, io);
    const { companies } = companiesView(ctx.settings.read());
    if (globals.json) {
      io.stdout(JSON.stringify({ companies }) + '\n');
      return 0;
    }
    if (companies.length === 0) {
      io.stdout('No companies yet. Run `ledgerbridge connect` to connect one.\n');
      return 0;
    }
    const width = Math.max(...companies.map((c) => c.name.length));
    for (const c of companies) {
      io.stdout(`${c.name.padEnd(width)}  ${c.realmId}  ${c.environment.padEnd(10)}  ${STATE[c.connection]}\n`);
    }
    return 0;
  },
};
