/** The built `ledgerbridge` command, run as a user runs it. */
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { exitOf, runLedgerbridge, startLedgerbridge } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('ledgerbridge CLI', () => {
  it('prints help and version', async () => {
    const help = await runLedgerbridge(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: ledgerbridge/);
    for (const command of ['serve', 'status']) expect(help.stdout).toContain(command);
    const version = await runLedgerbridge(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `ledgerbridge ${pkg.version}\n` });
    const serveHelp = await runLedgerbridge(['serve', '--help']);
    expect(serveHelp.stdout).toMatch(/--port N/);
  });

  it('answers unknown commands and bad flags with one line and exit code 2', async () => {
    for (const args of [['frobnicate'], ['status', '--bogus'], ['serve', '--port', '99999'], ['status', 'extra']]) {
      const result = await runLedgerbridge(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^ledgerbridge: /);
    }
  });

  it('status lists configured companies from --data-dir or LEDGERBRIDGE_DATA_DIR', async () => {
    const dir = tempDir();
    const empty = await runLedgerbridge(['--data-dir', dir, 'status', '--json']);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ dataDir: dir, companies: [], stores: [] });
    const human = await runLedgerbridge(['status'], { LEDGERBRIDGE_DATA_DIR: dir });
    expect(human.stdout).toContain(`Data folder: ${dir}`);
    expect(human.stdout).toMatch(/No companies yet/);
  });

  it('reports a broken settings file clearly with exit code 1', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/settings.json`, JSON.stringify({ stores: [{ id: 's', realmId: '1', kind: 'fax', name: 'x' }] }));
    const result = await runLedgerbridge(['--data-dir', dir, 'status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stores\.0\.kind/);
  });

  it('serve prints the URL and stops cleanly on Ctrl-C', async () => {
    const dir = tempDir();
    const { child } = await startLedgerbridge(['--data-dir', dir, '--json', 'serve'], /"url":"http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    child.kill('SIGINT');
    expect(await exitOf(child)).toBe(0);
  });
});
