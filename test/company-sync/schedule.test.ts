/**
 * The background schedule, the app's only one: a company is synced again once its interval has
 * passed, offline or not. The offline test connects a company the app's way, with its tokens in
 * the real OS keychain (run under scripts/with-keyring.sh).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi, type MockInstance } from 'vitest';
import { CompanySync, companySync, type CompanySyncOutcome } from '../../main/company-sync/company-sync';
import { createNodeContext } from '../../main/cli/app-context';
import { companyDbPath, openCompanyDb } from '../../main/mirror/open';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { mirrorStatus } from '../../main/sync';
import { oauthEndpoints } from '../../sandbox/intuit-oauth/paths';
import { testContext } from '../helpers/app-context';
import { tempDir } from '../helpers/tmp';
import { INTUIT_APP } from '../sync/app-tokens';
import { syncBooks } from '../sync/books';
import { expectMirrorEqualsStandIn, issueTokens, QUICK_RETRY, REALM, startQbo } from '../sync/harness';

/** QuickBooks pulls started, whoever starts them: counted where the app hands each to a worker. */
const pulls = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../main/sync/worker/host', async (importOriginal) => {
  const host = await importOriginal<typeof import('../../main/sync/worker/host')>();
  return {
    ...host,
    syncInWorker: (options: Parameters<typeof host.syncInWorker>[0]) => {
      pulls.count += 1;
      return host.syncInWorker(options);
    },
  };
});

/** The outcome of the schedule's `n`th sync (1-based), once it has ended. */
async function scheduledOutcome(syncs: MockInstance<CompanySync['sync']>, n: number): Promise<CompanySyncOutcome> {
  for (let i = 0; i < 500 && syncs.mock.results.length < n; i++) await sleep(20);
  expect(syncs.mock.results.length).toBeGreaterThanOrEqual(n);
  return (await syncs.mock.results[n - 1]!.value) as CompanySyncOutcome;
}

describe('company sync schedule', () => {
  it('waits one interval from start, then syncs each connected company (never a disconnected one)', async () => {
    const ctx = testContext();
    ctx.settings.update((s) => ({
      ...s,
      companies: [
        { realmId: '101', name: 'Due', environment: 'local', addedAt: '2026-11-20T10:00:00.000Z', reconnectNeeded: false, syncIntervalMinutes: 1 },
        { realmId: '102', name: 'Gone', environment: 'local', addedAt: '2026-11-20T10:00:00.000Z', reconnectNeeded: false, disconnectedAt: '2026-11-21T10:00:00.000Z' },
      ],
    }));
    let t = 0;
    const sync = companySync(ctx);
    sync.startSchedule(() => t, 10);
    try {
      await sleep(60);
      // Not due yet: no pull, so no company file.
      expect(existsSync(companyDbPath(ctx.dataDir, '101'))).toBe(false);
      t += 60_000;
      // Its pull fails (no Intuit app set up) but runs: the stores step and reconcile open its file.
      for (let i = 0; i < 100 && !existsSync(companyDbPath(ctx.dataDir, '101')); i++) await sleep(20);
      expect(existsSync(companyDbPath(ctx.dataDir, '101'))).toBe(true);
      expect(existsSync(companyDbPath(ctx.dataDir, '102'))).toBe(false);
    } finally {
      await sync.stop();
    }
  });

  it('never runs two syncs of one company at once: a request while one runs joins it', async () => {
    const ctx = testContext();
    ctx.settings.update((s) => ({
      ...s,
      companies: [{ realmId: '101', name: 'Due', environment: 'local', addedAt: '2026-11-20T10:00:00.000Z', reconnectNeeded: false }],
    }));
    const sync = companySync(ctx);
    try {
      const first = sync.sync('101');
      expect(sync.sync('101')).toBe(first);
      await first;
      // Once it ended, a new request is a new sync.
      const next = sync.sync('101');
      expect(next).not.toBe(first);
      await next;
    } finally {
      await sync.stop();
    }
  });

  it('says offline when QuickBooks is unreachable, retries at the company interval (never sooner), and syncs once it is back', { timeout: 60_000 }, async () => {
    const sizes = { customers: 60, items: 10, invoices: 150, payments: 10 };
    let qbo = await startQbo({ books: syncBooks(REALM, Date.now(), sizes) });
    const keychain = osKeychain(`ledgerbridge-test-schedule-${process.pid}-${randomUUID()}`);
    const ctx = createNodeContext(tempDir(), 'browser', { keychain });
    const sync = new CompanySync(ctx, { retry: QUICK_RETRY });
    pulls.count = 0;
    try {
      const { apiBase, port } = qbo;
      await ctx.connections.connectWithTokens(
        { environment: 'local', clientId: INTUIT_APP.clientId, clientSecret: INTUIT_APP.clientSecret, discoveryUrl: oauthEndpoints(apiBase).discovery, apiBase },
        REALM,
        issueTokens(REALM),
      );
      ctx.settings.update((s) => ({ ...s, companies: s.companies.map((c) => ({ ...c, syncIntervalMinutes: 60 })) }));
      await qbo.close();

      const syncs = vi.spyOn(sync, 'sync');
      let t = 0;
      sync.startSchedule(() => t, 10);
      await sleep(50);
      t += 60 * 60_000;
      const offline = await scheduledOutcome(syncs, 1);
      expect(offline.qbo).toMatchObject({ status: 'offline', summary: null });
      expect(pulls.count).toBe(1);
      // Everything else keeps working: the mirror opens and reports the company offline.
      const db = openCompanyDb(ctx.dataDir, REALM);
      const attempted = mirrorStatus(db).company;
      db.close();
      expect(attempted).toMatchObject({ offline: true, lastSuccessAt: null });
      expect(attempted.lastError).toMatch(/offline/i);

      // No quicker retry behind the schedule's back: not one pull until the interval has passed again.
      t += 59 * 60_000;
      await sleep(200);
      expect(syncs).toHaveBeenCalledTimes(1);
      // Nor a QuickBooks-only pull below it (what a timer of the coordinator's own once did).
      expect(pulls.count).toBe(1);

      // QuickBooks comes back on the same address; the next scheduled sync pulls without being asked.
      qbo = await startQbo({ books: syncBooks(REALM, Date.now(), sizes), port });
      t += 60_000;
      const back = await scheduledOutcome(syncs, 2);
      expect(back.qbo).toMatchObject({ status: 'synced', error: null });
      expect(pulls.count).toBe(2);
      const after = openCompanyDb(ctx.dataDir, REALM);
      expectMirrorEqualsStandIn(after, qbo.standIn);
      expect(mirrorStatus(after).company).toMatchObject({ offline: false, lastError: null });
      after.close();

      // Back on the regular schedule: nothing more until a whole interval from that sync.
      t += 59 * 60_000;
      await sleep(200);
      expect(syncs).toHaveBeenCalledTimes(2);
      expect(pulls.count).toBe(2);
    } finally {
      await sync.stop();
      await qbo.close();
      await keychain.delete(keychainAccounts.refreshToken(REALM));
      await keychain.delete(keychainAccounts.clientSecret('local', INTUIT_APP.clientId));
    }
  });
});
