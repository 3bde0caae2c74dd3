import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A temp folder removed when the current test finishes; made outside a test (a hook, module
 * level), when the test process exits. (An `afterEach` registered from inside a running test is
 * never run: that is how 1,700 folders were left behind.)
 */
export function tempDir(prefix = 'ledgerbridge-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    process.once('exit', remove);
  }
  return dir;
}
