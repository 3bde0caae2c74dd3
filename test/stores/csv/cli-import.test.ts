import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { companyDbPath, openCompanyDb } from '../../../main/mirror/open';
import { tempDir } from '../../helpers/tmp';
import { fixture, mirrorDigest, orderIds } from './helpers';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..', '..', '..');

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', '--data-dir', dataDir, ...args], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The same CLI in this process (no spawn): for the cases where start-up time would dominate. */
async function cliHere(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    untilStopped: () => new Promise(() => {}),
  });
  return { code, stdout, stderr };
}

function prepareDataDir(): string {
  const dataDir = tempDir();
  const settings = {
    companies: [{ realmId: '9130350', name: 'Acme Ltd', environment: 'local', addedAt: '2025-01-01T00:00:00.000Z' }],
    stores: [{ id: 'shop-1', realmId: '9130350', kind: 'shopify', name: 'Acme Shop', address: 'acme.myshopify.com' }],
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  return dataDir;
}

const storesOf = (dataDir: string) => (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { stores: Array<{ id: string; kind: string; name: string }> }).stores;

describe('ledgerbridge import', () => {
  it('imports into a CSV store it creates, prints a summary, and re-imports idempotently as JSON', async () => {
    const dataDir = prepareDataDir();
    const first = await cli(dataDir, 'import', fixture('shopify-export.csv'), '--company', '9130350');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/shopify-export\.csv → Shopify CSV import \(company 9130350\)/);
    expect(first.stdout).toMatch(/orders added:\s+3\n\s+orders updated:\s+0\n\s+orders unchanged:\s+0/);
    const created = storesOf(dataDir).find((s) => s.kind === 'csv');
    expect(created).toMatchObject({ kind: 'csv', name: 'Shopify CSV import', realmId: '9130350' });

    const again = await cli(dataDir, '--json', 'import', fixture('shopify-overlap.csv'), '--company', '9130350', '--store', 'Shopify CSV import');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ added: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(storesOf(dataDir).filter((s) => s.kind === 'csv')).toHaveLength(1);

    const db = openCompanyDb(dataDir, '9130350');
    expect(db.name).toBe(companyDbPath(dataDir, '9130350'));
    expect(orderIds(db, created!.id)).toEqual(['#1001', '#1002', '#1003', '#1004']);
    db.close();
  });

  it('exits 1 for a refused file and leaves the mirror and settings as they were; --valid-only imports the valid orders', async () => {
    const dataDir = prepareDataDir();
    await cliHere(dataDir, 'import', fixture('generic-orders.csv'), '--company', '9130350');
    const settingsBefore = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const db = openCompanyDb(dataDir, '9130350');
    const before = mirrorDigest(db);
    db.close();

    const refused = await cli(dataDir, '--json', 'import', fixture('shopify-non-numeric.csv'), '--company', '9130350');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: [{ file: fixture('shopify-non-numeric.csv'), row: 6, column: 'Lineitem price', reason: 'order #1003: "3,00" is not a decimal amount' }],
    });
    const text = await cliHere(dataDir, 'import', fixture('shopify-truncated.csv'), '--company', '9130350');
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/shopify-truncated\.csv was not imported: 1 problem \(nothing was changed\)/);
    expect(text.stderr).toMatch(/row 7: order #1003: a quoted field is never closed/);
    const check = openCompanyDb(dataDir, '9130350');
    expect(mirrorDigest(check)).toBe(before);
    check.close();
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(settingsBefore);

    const validOnly = await cliHere(dataDir, '--json', 'import', fixture('shopify-non-numeric.csv'), '--company', '9130350', '--valid-only');
    expect(validOnly.code).toBe(0);
    expect(JSON.parse(validOnly.stdout)).toMatchObject({ added: 2, updated: 0, unchanged: 0, rejected: [{ row: 6, column: 'Lineitem price' }] });
  });

  it('explains an unknown company or store', async () => {
    const dataDir = prepareDataDir();
    const company = await cliHere(dataDir, 'import', fixture('shopify-export.csv'), '--company', '555');
    expect(company.code).toBe(1);
    expect(company.stderr).toMatch(/no company with realm 555 .*known companies: Acme Ltd \(9130350\)/);
    const store = await cliHere(dataDir, 'import', fixture('shopify-export.csv'), '--company', '9130350', '--store', 'Acme Shop');
    expect(store.code).toBe(1);
    expect(store.stderr).toMatch(/"Acme Shop" is a shopify connection; CSV files go to a store of kind csv/);
    const usage = await cliHere(dataDir, 'import', fixture('shopify-export.csv'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/import needs --company REALM/);
  });
});
