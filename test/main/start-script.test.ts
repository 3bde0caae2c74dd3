/** `npm start` on a machine without the Electron binary: one line naming browser mode, no stack trace. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';

function electronInstalled(): boolean {
  try {
    return typeof createRequire(import.meta.url)('electron') === 'string';
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it.runIf(!electronInstalled())('says in one line that Electron is missing and names the browser-mode command', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'start.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('npx ledgerbridge serve');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
