/**
 * Parses the CLI's `--faults SPEC`, e.g. `500=0.05,429burst=20x5,drop=0.1,tokenttl=60,seed=7`.
 * Every error names the offending part so a typo in a long spec is easy to find.
 */
import { NO_FAULTS, type FaultOptions } from './types';

export class FaultSpecError extends Error {}

const KNOWN = '500, 429burst, drop, tokenttl, seed';

function share(part: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new FaultSpecError(`bad fault "${part}": expected a share between 0 and 1`);
  }
  return value;
}

function wholeNumber(part: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw)) throw new FaultSpecError(`bad fault "${part}": expected a whole number`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new FaultSpecError(`bad fault "${part}": expected a whole number of at least ${min}`);
  }
  return value;
}

export function parseFaultSpec(spec: string): FaultOptions {
  const faults: FaultOptions = { ...NO_FAULTS };
  if (spec.trim() === '') throw new FaultSpecError('empty fault spec (example: 500=0.05,429burst=20x5,drop=0.1,tokenttl=60,seed=7)');
  const seen = new Set<string>();
  for (const rawPart of spec.split(',')) {
    const part = rawPart.trim();
    if (part === '') throw new FaultSpecError(`empty part in fault spec "${spec}"`);
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`bad fault "${part}": expected NAME=VALUE`);
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (seen.has(name)) throw new FaultSpecError(`bad fault "${part}": "${name}" given twice`);
    seen.add(name);
    switch (name) {
      case '500':
        faults.error500Share = share(part, value);
        break;
      case '429burst': {
        const match = /^(\d+)x(\d+)$/.exec(value);
        if (!match) throw new FaultSpecError(`bad fault "${part}": expected EVERYxLENGTH, e.g. 429burst=20x5`);
        faults.burst429Every = wholeNumber(part, match[1]!, 1);
        faults.burst429Length = wholeNumber(part, match[2]!, 1);
        if (faults.burst429Length >= faults.burst429Every) {
          throw new FaultSpecError(`bad fault "${part}": burst length must be shorter than its period or nothing ever succeeds`);
        }
        break;
      }
      case 'drop':
        faults.dropAfterWriteShare = share(part, value);
        break;
      case 'tokenttl':
        faults.accessTokenTtlSeconds = wholeNumber(part, value, 1);
        break;
      case 'seed':
        faults.seed = wholeNumber(part, value, 0);
        break;
      default:
        throw new FaultSpecError(`unknown fault "${part}" (known: ${KNOWN})`);
    }
  }
  return faults;
}
