import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { openConfSettings } from '../../main/settings/conf-settings';
import { repoRoot } from '../helpers/cli';
import { REALM, STORE_ID } from './helpers/seeded-mirror';
import { useDemo } from './helpers/demo';

const demo = useDemo();

function configure(dataDir: string): void {
  openConfSettings(dataDir).update((s) => ({
    ...s,
    companies: [{ realmId: REALM, name: 'Harbor Goods Co.', environment: 'local', addedAt: '2026-11-01T00:00:00.000Z', reconnectNeeded: false }],
    stores: [{ id: STORE_ID, realmId: REALM, kind: 'shopify', name: 'Harbor Goods', address: 'harbor-goods.myshopify.com', timeZone: 'America/Chicago' }],
  }));
}

async function cli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, untilStopped: () => new Promise(() => {}),
  });
  return { code, stdout, stderr };
}

describe('ledgerbridge report and decisions', () => {
  it('report --json: one object per order with number, status, documents, diffs and proposal; statuses as expected', async () => {
    const { dataDir } = demo.mirror();
    configure(dataDir);
    const out = await cli(dataDir, ['report', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { summary: { orders: number }; orders: Array<Record<string, unknown>>; qboSide: unknown[] };
    expect(report.summary.orders).toBe(demo.business.expected.length);
    expect(report.orders).toHaveLength(demo.business.expected.length);
    const byNumber = new Map(report.orders.map((o) => [o.orderNumber, o]));
    for (const e of demo.business.expected) {
      const o = byNumber.get(e.orderName)!;
      expect(o.status, e.orderName).toBe(e.status);
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['orderNumber', 'status', 'qboDocs', 'diffs', 'proposal']));
    }
    const missing = report.orders.find((o) => o.status === 'missing_in_qbo') as { proposal: { missing: unknown[] } };
    // No posting preferences configured: the proposal says what to set.
    expect(missing.proposal.missing.length).toBeGreaterThan(0);
    expect(report.qboSide).toHaveLength(demo.business.orphans.length);
  });

  it('report --status filters the rows; the text report shows the summary and one line per order', async () => {
    const { dataDir } = demo.mirror();
    configure(dataDir);
    const out = await cli(dataDir, ['report', '--status', 'differs']);
    expect(out.code).toBe(0);
    const want = demo.business.expected.filter((e) => e.status === 'differs');
    expect(out.stdout).toMatch(/Harbor Goods Co\. \(realm \d+\): 120 orders, books in America\/Chicago/);
    expect(out.stdout).toMatch(/^ {2}differs +\d+ {2}USD [\d.]+$/m);
    const rows = out.stdout.split('\n').filter((l) => /^#\d+ /.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0]).sort()).toEqual(want.map((e) => e.orderName).sort());
    const bad = await cli(dataDir, ['report', '--status', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown status "nonsense"/);
  });

  it('ignore, link (confirm), unlink (reject) and accept change the next report', async () => {
    const { dataDir } = demo.mirror();
    configure(dataDir);
    const test = demo.order('missing_test').expected.orderName;
    const ignored = await cli(dataDir, ['ignore', test, '--reason', 'test order']);
    expect(ignored.stdout).toContain(`${test}: ignored — ignored: test order`);

    const [s1, s2] = demo.business.expected.filter((e) => e.kind === 'suggested_hand_entered');
    const confirmed = await cli(dataDir, ['link', s1!.orderName]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Confirmed SalesReceipt:\d+ as #\d+'s document\./);
    const rejected = await cli(dataDir, ['unlink', s2!.orderName]);
    expect(rejected.stdout).toContain(`${s2!.orderName}: missing_in_qbo`);

    const differs = demo.order('differs_shipping').expected.orderName;
    const accepted = await cli(dataDir, ['accept', differs, '--all']);
    expect(accepted.stdout).toContain(`${differs}: in_sync`);

    const report = JSON.parse((await cli(dataDir, ['report', '--json'])).stdout) as { orders: Array<{ orderNumber: string; status: string; match: { method: string } | null }> };
    const get = (n: string) => report.orders.find((o) => o.orderNumber === n)!;
    expect(get(test).status).toBe('ignored');
    expect(get(s1!.orderName).match?.method).toBe('confirmed');
    expect(get(s2!.orderName).status).toBe('missing_in_qbo');
    expect(get(differs).status).toBe('in_sync');

    const noSuch = await cli(dataDir, ['link', '#999999']);
    expect(noSuch.code).toBe(1);
    expect(noSuch.stderr).toMatch(/no order #999999/);
    const noReason = await cli(dataDir, ['ignore', test]);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/--reason/);
  });

  it('is registered: `ledgerbridge report` runs as the installed command does', async () => {
    const { dataDir } = demo.mirror();
    configure(dataDir);
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'main/cli/index.ts'), '--data-dir', dataDir, 'report', '--status', 'suggested_match'], { cwd: repoRoot });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((l) => /^#\d+ .* suggested_match /.test(l))).toHaveLength(demo.business.expected.filter((e) => e.status === 'suggested_match').length);
  });
});
