import { startBrowserServer } from '../../browser-mode/server';
import { rendererDir } from '../../platform/app-paths';
import { openExternal } from '../../platform/open-external';
import { createNodeContext } from '../app-context';
import { UsageError, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the app in your web browser, served on 127.0.0.1 only',
  usage: 'ledgerbridge serve [--port N] [--open]',
  details: [
    'Prints a URL with a one-time token; opening it signs that browser in. Ctrl-C stops the server.',
    '  --port N   listen on port N (default: any free port)',
    '  --open     open the URL in the default browser',
  ],
  options: { port: { type: 'string' }, open: { type: 'boolean' } },
  maxPositionals: 0,
  async run({ values }, globals, io) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${JSON.stringify(values.port)}`);
    const ctx = createNodeContext(globals.dataDir, 'browser');
    const server = await startBrowserServer({ ctx, rendererDir: rendererDir(), port, log: io.stderr });
    if (globals.json) io.stdout(JSON.stringify({ url: server.url, origin: server.origin, port: server.port, dataDir: globals.dataDir }) + '\n');
    else {
      io.stdout(`Ledgerbridge is running in browser mode. Open this link (it works once):\n\n  ${server.url}\n\nPress Ctrl-C to stop.\n`);
    }
    if (values.open && !(await openExternal(server.url))) io.stderr('ledgerbridge: could not open a browser; open the link above by hand.\n');
    const signal = await io.untilStopped();
    await server.close();
    if (!globals.json) io.stdout(`\nStopped (${signal}).\n`);
    return 0;
  },
};
