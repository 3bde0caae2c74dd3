/**
 * `ledgerbridge-sandbox`: starts the stand-ins, prints exactly one JSON line (SandboxInfo) on
 * stdout so scripts can `JSON.parse` the first line, logs to stderr, and on SIGINT/SIGTERM stops
 * cleanly, saving state. Bad flags: one line on stderr, exit 2.
 */
import { parseSandboxArgs, USAGE, UsageError } from './common/cli-args';

const NAME = 'ledgerbridge-sandbox';

function logLine(line: string): void {
  process.stderr.write(`[${NAME}] ${line}\n`);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseSandboxArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${NAME}: ${e.message} (see --help)\n`);
      process.exit(2);
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  let sandbox;
  try {
    // Loaded only after the flags are good: a usage error or --help needs none of the stand-ins.
    const { startSandbox } = await import('./start');
    sandbox = await startSandbox({
      port: args.port,
      seed: args.seed,
      autoApprove: args.autoApprove,
      orders: args.orders,
      rateLimits: args.rateLimits,
      latencyMs: args.latencyMs,
      faults: args.faults,
      stateFile: args.stateFile,
      log: logLine,
    });
  } catch (e) {
    process.stderr.write(`${NAME}: could not start: ${(e as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(sandbox.info)}\n`);
  logLine(`Intuit OAuth + QBO ${sandbox.info.qbo.apiBase}, Shopify ${sandbox.info.shopify.graphqlUrl}, WooCommerce ${sandbox.info.woocommerce.url}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLine(`${signal}: stopping`);
    sandbox
      .stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        process.stderr.write(`${NAME}: error while stopping: ${(e as Error).message}\n`);
        process.exit(1);
      });
  };
  // Stand-in bugs surfacing in callbacks are logged; the other services keep serving.
  process.on('uncaughtException', (e) => logLine(`uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => logLine(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  if (args.exitWithParent) {
    // A killed parent cannot stop us; it is gone when we are re-parented.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown('parent exited');
    }, 500).unref();
  }
}

await main();
