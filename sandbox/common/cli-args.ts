/**
 * Flags of `ledgerbridge-sandbox`. Parsing is strict: an unknown flag or a bad value is a one-line
 * error (exit 2), never a silently different sandbox.
 */
import { parseFaultSpec } from './fault-spec';
import type { FaultOptions } from './types';

export class UsageError extends Error {}

export interface SandboxArgs {
  help: boolean;
  port: number;
  seed: string;
  autoApprove: boolean;
  orders: number | null;
  rateLimits: 'real' | 'off';
  latencyMs: number;
  faults: FaultOptions | null;
  stateFile: string | null;
  /** Stop when the process that started us goes away (the app's demo), even if it was killed. */
  exitWithParent: boolean;
}

export const MAX_ORDERS = 200_000;

export const USAGE = `Usage: ledgerbridge-sandbox [options]

Starts local stand-ins for Intuit OAuth + QuickBooks Online, Shopify, WooCommerce and API2Cart on 127.0.0.1
and prints one JSON line with their URLs and credentials. Stops on Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port N              first port (N: Intuit+QBO, N+1: Shopify, N+2: WooCommerce, N+3: API2Cart); 0 = any free (default 0)
  --seed demo|empty|FILE  the seeded business: demo data, a new empty company, or a SeedBusiness JSON file (default demo)
  --auto-approve        skip the consent page: authorize redirects back at once
  --orders N            generate a demo business with N orders (1..${MAX_ORDERS}); needs --seed demo
  --rate-limits real|off  enforce the services' documented limits (default real)
  --latency-ms N        extra delay before every response (default 0)
  --faults SPEC         e.g. 500=0.05,429burst=20x5,drop=0.1,tokenttl=60,seed=7
  --state FILE          load state from FILE at start if present; save it after writes and on exit
  --exit-with-parent    stop when the process that started this one exits (even if it was killed)
  --help                show this help
`;

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a whole number, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${raw}`);
  return value;
}

export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  const args: SandboxArgs = {
    help: false,
    port: 0,
    seed: 'demo',
    autoApprove: false,
    orders: null,
    rateLimits: 'real',
    latencyMs: 0,
    faults: null,
    stateFile: null,
    exitWithParent: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    if (seen.has(flag)) throw new UsageError(`${flag} given twice`);
    seen.add(flag);
    switch (flag) {
      case '--help':
      case '-h':
        noValue();
        args.help = true;
        break;
      case '--port':
        args.port = wholeNumber(flag, value(), 0, 65533);
        break;
      case '--seed': {
        const seed = value();
        if (seed === '') throw new UsageError('--seed needs demo, empty or a file');
        args.seed = seed;
        break;
      }
      case '--auto-approve':
        noValue();
        args.autoApprove = true;
        break;
      case '--exit-with-parent':
        noValue();
        args.exitWithParent = true;
        break;
      case '--orders':
        args.orders = wholeNumber(flag, value(), 1, MAX_ORDERS);
        break;
      case '--rate-limits': {
        const mode = value();
        if (mode !== 'real' && mode !== 'off') throw new UsageError(`--rate-limits must be real or off, got "${mode}"`);
        args.rateLimits = mode;
        break;
      }
      case '--latency-ms':
        args.latencyMs = wholeNumber(flag, value(), 0, 60_000);
        break;
      case '--faults':
        try {
          args.faults = parseFaultSpec(value());
        } catch (e) {
          if (e instanceof UsageError) throw e;
          throw new UsageError(`--faults: ${(e as Error).message}`);
        }
        break;
      case '--state': {
        const file = value();
        if (file === '') throw new UsageError('--state needs a file');
        args.stateFile = file;
        break;
      }
      default:
        throw new UsageError(raw.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${raw}"`);
    }
  }
  if (args.orders !== null && args.seed !== 'demo') throw new UsageError('--orders needs --seed demo');
  return args;
}
