/**
 * Cost of the contract layer: validating a request with its zod schema and dispatching through
 * the handler table, against the floor of calling the same handler directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../main/api/dispatch';
import { handlers } from '../../main/api/handlers';
import { createNodeContext } from '../../main/cli/app-context';
import { medianSeconds, round } from '../measure';

export default async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-'));
  try {
    const ctx = createNodeContext(dir, 'browser');
    const calls = 50_000;
    const floor = await medianSeconds(3, async () => {
      for (let i = 0; i < calls; i++) await handlers.getAppInfo({}, ctx);
    });
    const ours = await medianSeconds(3, async () => {
      for (let i = 0; i < calls; i++) await dispatch(ctx, 'getAppInfo', {});
    });
    return {
      callsPerSecond: round(calls / ours, 0),
      floorCallsPerSecond: round(calls / floor, 0),
      ratioToFloor: round(floor / ours, 3),
      overheadMicrosecondsPerCall: round(((ours - floor) / calls) * 1e6, 3),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
