import { environmentSchema, type Environment } from '../../../preload/contract';
import { connectionAppError } from '../../connect/app-errors';
import { cliContext } from '../app-context';
import { UsageError, type CliIo, type Command } from '../command';

/** Reads the client secret without echoing it (TTY) or from piped stdin; never from argv. */
async function readSecret(io: CliIo, clientId: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    io.stderr(`Client secret of Intuit app ${clientId} (input hidden): `);
    return new Promise<string>((resolve, reject) => {
      let value = '';
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.resume();
      const done = (error?: Error) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        io.stderr('\n');
        if (error) reject(error);
        else resolve(value.trim());
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') return done();
          if (ch === '\u0003') return done(new UsageError('cancelled'));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += chunk as string;
  return text.trim();
}

export const connectCommand: Command = {
  name: 'connect',
  summary: 'Connect a QuickBooks Online company (opens Intuit in your browser)',
  usage: 'ledgerbridge connect [--environment production|sandbox|local] [--discovery URL] [--client-id ID] [--relay URL] [--no-browser]',
  details: [
    'Prints the authorize URL on its own line, opens it in the browser unless --no-browser, waits for',
    'Intuit to send you back (5 minutes at most) and prints the connected company.',
    '  --environment ENV  production (default), sandbox or local (the ledgerbridge-sandbox stand-ins)',
    "  --discovery URL    the discovery document (required for local; Intuit's by default)",
    '  --client-id ID     your Intuit app’s client id (remembered per environment)',
    '  --relay URL        an HTTPS relay page used as redirect_uri (production keys refuse loopback)',
    '  --no-browser       only print the URL',
    '  --timeout SECONDS  how long to wait for the browser (default 300)',
    'The client secret is read from LEDGERBRIDGE_CLIENT_SECRET, else a hidden prompt (or stdin when',
    'piped) when the keychain does not hold it yet. It is stored in the OS keychain, never in a file.',
  ],
  options: {
    environment: { type: 'string' },
    discovery: { type: 'string' },
    'client-id': { type: 'string' },
    relay: { type: 'string' },
    'no-browser': { type: 'boolean' },
    timeout: { type: 'string' },
  },
  maxPositionals: 0,
  async run({ values }, globals, io) {
    const env = environmentSchema.safeParse(values.environment ?? 'production');
    if (!env.success) throw new UsageError(`--environment must be production, sandbox or local, got ${JSON.stringify(values.environment)}`);
    const environment: Environment = env.data;
    const timeout = values.timeout === undefined ? 300 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) throw new UsageError(`--timeout must be 1..3600 seconds, got ${JSON.stringify(values.timeout)}`);
    const ctx = cliContext(globals, io, { callbackTimeoutMs: timeout * 1000 });
    const clientId = (values['client-id'] as string | undefined) ?? ctx.connections.apps.get(environment)?.clientId;
    if (!clientId) throw new UsageError(`--client-id is needed the first time you connect to ${environment}`);
    let clientSecret = io.env.LEDGERBRIDGE_CLIENT_SECRET?.trim() || undefined;
    if (clientSecret === undefined) {
      const stored = await ctx.connections.apps.hasSecret({ environment, clientId });
      if (!stored) clientSecret = await readSecret(io, clientId);
      if (!stored && !clientSecret) throw new UsageError('no client secret given');
    }

    // Ctrl-C while waiting closes the listener at once instead of leaving it to the timeout.
    void io.untilStopped().then(() => ctx.connections.cancelConnect());
    try {
      const company = await ctx.connections.connect(
        {
          environment,
          clientId,
          clientSecret,
          discoveryUrl: values.discovery as string | undefined,
          relayUrl: values.relay as string | undefined,
          openBrowser: values['no-browser'] !== true,
        },
        (progress) => {
          if (progress.phase !== 'waiting_for_browser' || !progress.authorizeUrl) return;
          if (globals.json) io.stdout(JSON.stringify({ authorizeUrl: progress.authorizeUrl }) + '\n');
          else {
            io.stdout(`Open this link to connect QuickBooks (it works once):\n\n${progress.authorizeUrl}\n\n`);
            if (values['no-browser'] !== true && !progress.browserOpened) io.stderr('ledgerbridge: could not open a browser; open the link above by hand.\n');
            io.stdout(`Waiting for Intuit to send you back (up to ${Math.round(timeout / 60) || 1} min)…\n`);
          }
        },
      );
      if (globals.json) io.stdout(JSON.stringify({ connected: { realmId: company.realmId, name: company.name, environment: company.environment } }) + '\n');
      else io.stdout(`Connected: ${company.name} (realm ${company.realmId}, ${company.environment})\n`);
      return 0;
    } catch (error) {
      throw connectionAppError(error);
    }
  },
};
