import type { AppContext } from '../../app/context';
import { startBrowserServer } from '../../browser-mode/server';
import { companySync } from '../../company-sync/company-sync';
import { rendererDir } from '../../platform/app-paths';
import { openExternal } from '../../platform/open-external';
import { reconcileWorker } from '../../reconcile/worker/host';
import { cliContext } from '../app-context';
import { UsageError, type CliIo, type Command, type GlobalOptions } from '../command';

export const SERVE_OPTIONS = { port: { type: 'string' }, open: { type: 'boolean' } } as const;
export const SERVE_DETAILS = [
  '  --port N   listen on port N (default: any free port)',
  '  --open     open the URL in the default browser',
];

export function parsePort(value: string | boolean | undefined): number {
  const port = value === undefined ? 0 : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${JSON.stringify(value)}`);
  return port;
}

/** Serves the app to a browser until Ctrl-C; shared by `serve` and `demo`. */
export async function serveUntilStopped(ctx: AppContext, options: { port: number; open: boolean }, globals: GlobalOptions, io: CliIo): Promise<number> {
  const server = await startBrowserServer({ ctx, rendererDir: rendererDir(), port: options.port, log: io.stderr });
  companySync(ctx).startSchedule();
  if (globals.json) io.stdout(JSON.stringify({ url: server.url, origin: server.origin, port: server.port, dataDir: globals.dataDir }) + '\n');
  else io.stdout(`Ledgerbridge is running in browser mode. Open this link (it works once):\n\n  ${server.url}\n\nPress Ctrl-C to stop.\n`);
  if (options.open && !(await openExternal(server.url))) io.stderr('ledgerbridge: could not open a browser; open the link above by hand.\n');
  const signal = await io.untilStopped();
  await server.close();
  await companySync(ctx).stop();
  await reconcileWorker().close();
  await ctx.demo.stop();
  if (!globals.json) io.stdout(`\nStopped (${signal}).\n`);
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the app in your web browser, served on 127.0.0.1 only',
  usage: 'ledgerbridge serve [--port N] [--open]',
  details: ['Prints a URL with a one-time token; opening it signs that browser in. Ctrl-C stops the server.', ...SERVE_DETAILS],
  options: SERVE_OPTIONS,
  maxPositionals: 0,
  async run({ values }, globals, io) {
    const port = parsePort(values.port);
    return serveUntilStopped(cliContext(globals, io), { port, open: values.open === true }, globals, io);
  },
};
