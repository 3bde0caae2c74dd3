import { connectionAppError } from '../../connect/app-errors';
import { cliContext } from '../app-context';
import { UsageError, type Command } from '../command';

export const disconnectCommand: Command = {
  name: 'disconnect',
  summary: 'Revoke a company’s QuickBooks authorization and delete its token (local data stays)',
  usage: 'ledgerbridge disconnect REALM',
  details: ['REALM is the company’s realm id, as `ledgerbridge companies` shows it.'],
  options: {},
  maxPositionals: 1,
  async run({ positionals }, globals, io) {
    const realmId = positionals[0];
    if (realmId === undefined) throw new UsageError('disconnect needs the realm id of the company');
    if (!/^\d{1,32}$/.test(realmId)) throw new UsageError(`a realm id is digits only, got ${JSON.stringify(realmId)}`);
    const ctx = cliContext(globals, io);
    try {
      const company = await ctx.connections.disconnect(realmId);
      if (globals.json) io.stdout(JSON.stringify({ disconnected: { realmId: company.realmId, name: company.name } }) + '\n');
      else io.stdout(`Disconnected: ${company.name} (realm ${company.realmId}). Its local data is kept.\n`);
      return 0;
    } catch (error) {
      throw connectionAppError(error);
    }
  },
};
