/**
 * The renderer's "Connect QuickBooks" in Debian's Chromium (browser mode, built renderer: run
 * `npx electron-vite build` first), against the stand-ins and the real keychain (with-keyring):
 * the form, the consent page in a second tab as the "system browser", the reconnect banner after
 * invalid_grant, reconnecting with the saved secret, and disconnecting.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../main/browser-mode/server';
import { createNodeContext } from '../../main/cli/app-context';
import { rendererDir } from '../../main/platform/app-paths';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { startSandbox } from '../../sandbox/start';
import { screenshotDir, useChromium } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';

const screenshots = screenshotDir('connect');
const browser = useChromium();

describe('Connect QuickBooks in the UI', () => {
  it('connects through the form and the consent page, shows the reconnect banner, reconnects and disconnects', async () => {
    expect(existsSync(join(rendererDir(), 'index.html')), 'build the renderer first: npx electron-vite build').toBe(true);
    const sandbox = await startSandbox({ port: 0, seed: 'empty', autoApprove: false });
    const keychain = osKeychain(`Ledgerbridge-test-${randomUUID()}`);
    const { clientId, clientSecret, discovery, realmId } = sandbox.info.qbo;
    const consentPages: Page[] = [];
    const ctx = createNodeContext(tempDir(), 'browser', {
      keychain,
      callbackTimeoutMs: 20_000,
      // The "system browser": a second tab in the same Chromium.
      openUrl: async (url) => {
        const tab = await browser().newPage();
        consentPages.push(tab);
        await tab.goto(url);
        return true;
      },
    });
    const server = await startBrowserServer({ ctx, rendererDir: rendererDir(), port: 0, log: () => {} });
    const page = await browser().newPage({ viewport: { width: 1200, height: 860 } });
    try {
      await page.goto(server.url);
      await page.getByTestId('empty-state').waitFor();
      await page.getByRole('button', { name: 'Connect QuickBooks' }).click();
      const form = page.getByTestId('connect-form');
      await form.waitFor();
      await form.getByLabel('Environment').selectOption('local');
      await form.getByLabel('Client id').fill(clientId);
      await form.getByLabel('Client secret').fill(clientSecret);
      await form.getByLabel('Discovery URL').fill(discovery);
      await page.screenshot({ path: join(screenshots, 'connect-form.png') });
      await form.getByRole('button', { name: 'Connect', exact: true }).click();

      await page.getByText('Approve the connection in your browser.').waitFor();
      await expect.poll(() => consentPages.length).toBe(1);
      const consent = consentPages[0]!;
      await consent.getByRole('button', { name: 'Connect' }).click();
      await consent.getByText('You can close this tab').waitFor();

      const row = page.getByRole('row', { name: /Sandbox Company_US_1/ });
      await row.getByText('Connected').waitFor();
      await expect(form.isVisible()).resolves.toBe(false);
      await page.screenshot({ path: join(screenshots, 'connected.png') });

      // Intuit revokes the authorization; the next refresh learns it (invalid_grant).
      await fetch(sandbox.info.qbo.revoke, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token: await keychain.get(keychainAccounts.refreshToken(realmId)) }),
      });
      await ctx.connections.tokens(realmId).refresh().catch(() => {});
      const banner = page.getByRole('alert').filter({ hasText: 'no longer accepts' });
      await banner.waitFor();
      await row.getByText('Reconnect needed').waitFor();
      await page.screenshot({ path: join(screenshots, 'reconnect-needed.png') });

      // Reconnect: the saved client id and keychain secret are reused.
      await banner.getByRole('button', { name: 'Reconnect' }).click();
      await expect.poll(() => form.getByLabel('Client id').inputValue()).toBe(clientId);
      await expect(form.getByLabel('Client secret').getAttribute('placeholder')).resolves.toMatch(/Saved in the keychain/);
      await form.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect.poll(() => consentPages.length).toBe(2);
      await consentPages[1]!.getByRole('button', { name: 'Connect' }).click();
      await row.getByText('Connected').waitFor();
      await expect(banner.count()).resolves.toBe(0);
      await expect(page.getByRole('row').count()).resolves.toBe(2); // header + one company, no duplicate

      await row.getByRole('button', { name: 'Disconnect' }).click();
      await row.getByText('Disconnected').waitFor();
      expect(await keychain.get(keychainAccounts.refreshToken(realmId))).toBeNull();

      // A refused consent is reported in the form.
      await row.getByRole('button', { name: 'Reconnect' }).click();
      await form.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect.poll(() => consentPages.length).toBe(3);
      await consentPages[2]!.getByRole('button', { name: 'Cancel' }).click();
      await form.getByRole('alert').getByText(/not granted/).waitFor();
      await page.screenshot({ path: join(screenshots, 'declined.png') });
    } finally {
      for (const tab of consentPages) await tab.close().catch(() => {});
      await page.close();
      await server.close();
      await sandbox.stop();
      await keychain.delete(keychainAccounts.clientSecret('local', clientId));
      await keychain.delete(keychainAccounts.refreshToken(realmId));
    }
  });
});
