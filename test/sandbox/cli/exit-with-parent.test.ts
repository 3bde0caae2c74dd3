/** `--exit-with-parent`: the demo's stand-ins never outlive the app, even when the app is killed. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/ledgerbridge-sandbox.mjs', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ledgerbridge-sandbox --exit-with-parent', () => {
  it('stops by itself when its parent is killed with SIGKILL', { timeout: 60_000 }, async () => {
    // The parent starts the sandbox, prints its pid once the JSON line is out, then waits forever.
    const parentCode = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(BIN)}, '--port', '0', '--seed', 'empty', '--exit-with-parent'], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', () => console.log(child.pid));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['-e', parentCode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sandboxPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (d) => resolve(Number(String(d).trim())));
      parent.once('exit', () => reject(new Error('parent exited early')));
    });
    expect(alive(sandboxPid)).toBe(true);
    parent.kill('SIGKILL');
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 100));
      gone = !alive(sandboxPid);
    }
    if (!gone) process.kill(sandboxPid, 'SIGKILL');
    expect(gone).toBe(true);
  });
});
