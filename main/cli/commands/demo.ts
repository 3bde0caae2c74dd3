import { cliContext } from '../app-context';
import type { Command } from '../command';
import { parsePort, serveUntilStopped, SERVE_DETAILS, SERVE_OPTIONS } from './serve';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Open the built-in demo company (local QuickBooks and Shopify stand-ins) in your browser',
  usage: 'ledgerbridge demo [--port N] [--open] [--no-serve]',
  details: [
    'Starts the local stand-ins with the seeded business (a Shopify store and the QuickBooks company',
    'that partly records it), connects them like a real company, pulls both sides into the mirror,',
    'then serves the app as `ledgerbridge serve` does. The demo keeps its state in the data folder.',
    ...SERVE_DETAILS,
    '  --no-serve prepare the demo company and exit',
  ],
  options: { ...SERVE_OPTIONS, 'no-serve': { type: 'boolean' } },
  maxPositionals: 0,
  async run({ values }, globals, io) {
    const port = parsePort(values.port);
    const ctx = cliContext(globals, io);
    const report = (step: string) => {
      if (!globals.json) io.stderr(step + '\n');
    };
    let result;
    try {
      result = await ctx.demo.open(ctx, report);
    } catch (error) {
      await ctx.demo.stop();
      throw error;
    }
    const { company, store, storeSync, qboSync, reconciliation } = result;
    const statuses = Object.fromEntries(reconciliation.statuses.map((s) => [s.status, s.count]));
    if (globals.json && values['no-serve']) {
      const qbo = { seconds: qboSync.seconds, requests: qboSync.requests };
      io.stdout(JSON.stringify({ company: { realmId: company.realmId, name: company.name }, store: { id: store.id, name: store.name }, storeSync, qboSync: qbo, statuses }) + '\n');
    } else if (!globals.json) {
      io.stdout(
        `Demo company ready: ${company.name} (realm ${company.realmId}); store ${store.name}: ${storeSync.added} orders added, ` +
          `${storeSync.updated} updated, ${storeSync.unchanged} unchanged.\n` +
          `Reconciled ${reconciliation.orders} orders: ${reconciliation.statuses.filter((s) => s.count > 0).map((s) => `${s.count} ${s.status.replaceAll('_', ' ')}`).join(', ')}.\n`,
      );
    }
    if (values['no-serve']) {
      await ctx.demo.stop();
      return 0;
    }
    return serveUntilStopped(ctx, { port, open: values.open === true }, globals, io);
  },
};
