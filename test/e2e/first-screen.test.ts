/**
 * The real app in Debian's Chromium: `ledgerbridge serve` (the built CLI, as a user starts it),
 * the one-time URL, the first screen and a call through window.ledgerbridge.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir, useChromium } from '../helpers/browser';
import { exitOf, startLedgerbridge } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { formatMoney } from '../../renderer/src/format';
import { docLabel } from '../../renderer/src/review/QboDocument';

const screenshots = screenshotDir('e2e');
const browser = useChromium();

describe('first screen in browser mode', () => {
  it('shows the empty state, answers API calls, and opens the demo company', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const { child, match } = await startLedgerbridge(['--data-dir', dataDir, 'serve', '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
    try {
      const page = await browser().newPage({ viewport: { width: 1200, height: 760 } });
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await page.goto(match[1]!);
      expect(new URL(page.url()).search).toBe(''); // the token left the address bar

      await page.getByTestId('empty-state').waitFor();
      await expect(page.getByRole('heading', { name: 'No companies yet' }).isVisible()).resolves.toBe(true);
      await page.getByText(`Data folder: ${dataDir}`).waitFor();
      await page.screenshot({ path: join(screenshots, 'first-screen-empty.png') });

      const surface = await page.evaluate(() => {
        const api = window.ledgerbridge as unknown as Record<string, unknown>;
        return Object.keys(api).map((k) => `${k}:${typeof api[k]}`).sort();
      });
      expect(surface.every((entry) => entry.endsWith(':function'))).toBe(true);
      expect(surface).toContain('getAppInfo:function');

      const info = await page.evaluate(() => window.ledgerbridge.getAppInfo({}));
      expect(info).toMatchObject({ name: 'Ledgerbridge', mode: 'browser', dataDir });

      const invalid = await page.evaluate(() =>
        window.ledgerbridge.connectQuickBooks({ environment: 'moon' } as never).then(
          () => 'resolved',
          (e: { code: string; field: string }) => `${e.code}:${e.field}`,
        ),
      );
      expect(invalid).toBe('invalid_request:environment');

      // The demo company: local stand-ins started by the app, connected and pulled like a real one.
      await page.getByRole('button', { name: 'Open the demo company' }).click();
      // Once both sides are pulled and reconciled, the app opens the company's review.
      await page.getByRole('heading', { name: 'Harbor Goods Co.' }).waitFor({ timeout: 90_000 });
      const tiles = page.getByRole('group', { name: 'Orders by status' });
      await tiles.waitFor();
      await page.getByRole('row').nth(5).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.screenshot({ path: join(screenshots, 'review-all-orders.png') });

      // Sorting by a column header, then filtering by amount and date range.
      const totals = async () => (await page.locator('.order-table tbody td.num').allTextContents()).map((t) => Number(t.replace(/[^\d.-]/g, '')));
      const dates = async () => (await page.locator('.order-table tbody td.date').allTextContents()).map((t) => Date.parse(`${t} UTC`));
      const firstRow = async () => page.locator('.order-table tbody tr').first().textContent();
      const matching = async () => Number(/of (\d+)/.exec((await page.locator('.pager span').textContent()) ?? '')?.[1]);
      const everyOrder = await matching();
      const changedFrom = async (before: string | null) => {
        await expect.poll(firstRow).not.toBe(before);
      };
      let before = await firstRow();
      await page.getByRole('button', { name: 'Total', exact: true }).click();
      await changedFrom(before);
      const largestFirst = await totals();
      expect(largestFirst).toEqual([...largestFirst].sort((a, b) => b - a));
      before = await firstRow();
      await page.getByRole('button', { name: /^Total/ }).click();
      await changedFrom(before);
      const smallestFirst = await totals();
      expect(smallestFirst).toEqual([...smallestFirst].sort((a, b) => a - b));
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/Total/);

      before = await firstRow();
      await page.getByLabel('Minimum total').fill('100');
      await changedFrom(before);
      const atLeast100 = await totals();
      expect(atLeast100.length > 0 && atLeast100.every((t) => t >= 100)).toBe(true);
      expect(await matching()).toBeLessThan(everyOrder);
      await page.getByLabel('Maximum total').fill('1o0');
      expect(await page.getByLabel('Maximum total').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Maximum total').fill('');
      await page.getByLabel('Minimum total').fill('');
      await page.getByLabel('From date').fill('2026-11-01');
      await page.getByLabel('To date').fill('2026-11-14');
      const inRange = (ds: number[]) => ds.length > 0 && ds.every((d) => d >= Date.parse('2026-11-01T00:00Z') && d <= Date.parse('2026-11-14T00:00Z'));
      await expect.poll(async () => inRange(await dates())).toBe(true);
      // The demo's orders span months: the range must have left some out.
      expect(await matching()).toBeLessThan(everyOrder);
      await page.screenshot({ path: join(screenshots, 'review-filtered.png') });
      await page.getByLabel('From date').fill('');
      await page.getByLabel('To date').fill('');
      await page.getByRole('button', { name: /^Date/ }).click();
      expect(await page.locator('th[aria-sort="descending"]').textContent()).toMatch(/Date/);

      // Filter to the orders whose fields differ and open one: both sides and the field diff.
      await tiles.getByRole('button', { name: /Differs/ }).click();
      const firstDiffering = page.locator('.order-table tbody tr').first();
      await firstDiffering.locator('.status-badge', { hasText: 'Differs' }).waitFor();
      await expect(page.locator('.order-table tbody .status-badge').allTextContents()).resolves.toEqual(expect.arrayContaining(['Differs']));
      await firstDiffering.click();
      await page.getByRole('complementary').getByRole('heading', { name: 'Differences' }).waitFor();
      // The QuickBooks side line by line, as the API reads it from the mirror: each item, its amount, the total.
      const number = (await page.getByRole('complementary').getAttribute('aria-label'))!.replace(/^Order /, '');
      const realmId = /Realm (\d+)/.exec((await page.getByText(/^Realm \d+/).textContent()) ?? '')![1]!;
      const sale = await page.evaluate(async ({ realmId, number }) => {
        const { rows } = await window.ledgerbridge.listReviewOrders({ realmId, text: number });
        const detail = await window.ledgerbridge.getOrderDetail({ realmId, orderKey: rows.find((r) => r.number === number)!.key });
        return detail.qbo.find((q) => q.role === 'sale')!;
      }, { realmId, number });
      const qboTable = page.getByRole('complementary').getByRole('region', { name: 'QuickBooks' }).getByRole('group', { name: docLabel(sale.key) }).getByRole('table');
      const items = sale.lines.filter((l) => l.kind === 'item');
      expect(items.length).toBeGreaterThan(0);
      for (const line of items) {
        const amounts = await qboTable.getByRole('row').filter({ hasText: line.item! }).locator('td:last-child').allTextContents();
        expect(amounts, line.item!).toContain(formatMoney(line.amount, sale.currency));
      }
      expect(await qboTable.locator('tr.total-row td').last().textContent()).toBe(formatMoney(sale.total, sale.currency));
      // What would make the books agree: the proposal, or the setting it needs first.
      await page.getByRole('region', { name: 'Proposal' }).waitFor();
      await page.screenshot({ path: join(screenshots, 'review-order-differs.png'), fullPage: true });

      // A suggested match: confirming it links the document and the order is reconciled again.
      await tiles.getByRole('button', { name: /Differs/ }).click();
      await tiles.getByRole('button', { name: /Suggested match/ }).click();
      await page.locator('.order-table tbody tr').first().locator('.status-badge', { hasText: 'Suggested match' }).waitFor();
      await page.locator('.order-table tbody tr').first().click();
      // The suggested document is laid out line by line, to compare with the store's before confirming.
      await page.getByRole('complementary').locator('.suggestion').getByRole('group').getByRole('row').filter({ hasText: 'Total' }).waitFor();
      await page.screenshot({ path: join(screenshots, 'review-suggested-match.png'), fullPage: true });
      await page.getByRole('button', { name: 'Confirm match' }).click();
      await page.getByRole('complementary').locator('.status-badge').filter({ hasNotText: 'Suggested match' }).waitFor();
      await page.screenshot({ path: join(screenshots, 'review-confirmed-match.png') });

      // Sync now: stores and QuickBooks pulled again (QuickBooks in a worker thread), then reconciled.
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByTestId('sync-result').waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('sync-result').textContent()).resolves.toMatch(/QuickBooks: incremental pull, \d+ requests/);
      await page.screenshot({ path: join(screenshots, 'review-after-sync.png') });

      await page.getByRole('button', { name: '← Companies' }).click();
      await page.getByRole('cell', { name: 'Harbor Goods Co.' }).waitFor();
      await page.screenshot({ path: join(screenshots, 'company-list-demo.png') });
      expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      await page.close();
    } finally {
      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
    }
  });

  it('refuses a browser that did not get the link', async () => {
    const dataDir = tempDir();
    const { child, match } = await startLedgerbridge(['--data-dir', dataDir, 'serve'], /(http:\/\/127\.0\.0\.1:(\d+))\/\?token=/);
    try {
      const page = await browser().newPage();
      const response = await page.goto(match[1]! + '/');
      expect(response?.status()).toBe(401);
      await page.getByText('Open the link that').waitFor();
      // The sign-in page's CSP forbids scripts from calling out, so ask from the browser context.
      const api = await page.context().request.post(match[1]! + '/api/call/listCompanies', { data: {} });
      expect(api.status()).toBe(401);
      await page.close();
    } finally {
      child.kill('SIGINT');
      await exitOf(child);
    }
  });
});
