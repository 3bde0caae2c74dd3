/**
 * The background schedule, the app's only one: a company is synced again once its interval has
 * passed, offline or not. The offline test connects a company the app's way, with its tokens in
 * the real OS keychain (run under scripts/with-keyring.sh).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished, vi, type MockInstance } from 'vitest';
import { CompanySync, companySync, type CompanySyncOutcome } from '../../main/company-sync/company-sync';
import type { AppContext } from '../../main/app/context';
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

/** The outcome of the schedule's `n`th sync (1-based), once it has ended. */
async function scheduledOutcome(syncs: MockInstance<CompanySync['sync']>, n: number): Promise<CompanySyncOutcome> {
  for (let i = 0; i < 500 && syncs.mock.results.length < n; i++) await sleep(20);
  expect(syncs.mock.results.length).toBeGreaterThanOrEqual(n);
  return (await syncs.mock.results[n - 1]!.value) as CompanySyncOutcome;
}

const SIZES = { customers: 60, items: 10, invoices: 150, payments: 10 };

/**
 * A company connected the app's way to the QBO stand-in at `apiBase`, its tokens in a service of
 * its own in the real keychain (emptied when the test ends), with a CompanySync over it.
 */
async function connectedCompany(apiBase: string): Promise<{ ctx: AppContext; sync: CompanySync }> {
  const keychain = osKeychain(`ledgerbridge-test-schedule-${process.pid}-${randomUUID()}`);
  const ctx = createNodeContext(tempDir(), 'browser', { keychain });
  const sync = new CompanySync(ctx, { retry: QUICK_RETRY });
  onTestFinished(async () => {
    await sync.stop();
    await keychain.delete(keychainAccounts.refreshToken(REALM));
    await keychain.delete(keychainAccounts.clientSecret('local', INTUIT_APP.clientId));
  });
  await ctx.connections.connectWithTokens(
    { environment: 'local', clientId: INTUIT_APP.clientId, clientSecret: INTUIT_APP.clientSecret, discoveryUrl: oauthEndpoints(apiBase).discovery, apiBase },
    REALM,
    issueTokens(REALM),
  );
  return { ctx, sync };
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
    let qbo = await startQbo({ books: syncBooks(REALM, Date.now(), SIZES) });
    const { ctx, sync } = await connectedCompany(qbo.apiBase);
    /** What the mirror says of the company's QuickBooks pulls: every attempt is stamped, offline ones too. */
    const companyStatus = () => {
      const db = openCompanyDb(ctx.dataDir, REALM);
      try {
        return mirrorStatus(db).company;
      } finally {
        db.close();
      }
    };
    try {
      const { port } = qbo;
      ctx.settings.update((s) => ({ ...s, companies: s.companies.map((c) => ({ ...c, syncIntervalMinutes: 60 })) }));
      await qbo.close();

      const syncs = vi.spyOn(sync, 'sync');
      let t = 0;
      sync.startSchedule(() => t, 10);
      await sleep(50);
      t += 60 * 60_000;
      const offline = await scheduledOutcome(syncs, 1);
      expect(offline.qbo).toMatchObject({ status: 'offline', summary: null });
      // Everything else keeps working: the mirror opens and reports the company offline.
      const attempted = companyStatus();
      expect(attempted).toMatchObject({ offline: true, lastSuccessAt: null });
      expect(attempted.lastError).toMatch(/offline/i);
      expect(attempted.lastAttemptAt).not.toBeNull();

      // No quicker retry behind the schedule's back: not one pull until the interval has passed again.
      t += 59 * 60_000;
      await sleep(200);
      expect(syncs).toHaveBeenCalledTimes(1);
      // Nor a QuickBooks-only pull below it (what a second timer once did): the
      // mirror records every pull's attempt, offline ones too.
      expect(companyStatus().lastAttemptAt).toBe(attempted.lastAttemptAt);

      // QuickBooks comes back on the same address; the next scheduled sync pulls without being asked.
      qbo = await startQbo({ books: syncBooks(REALM, Date.now(), SIZES), port });
      t += 60_000;
      const back = await scheduledOutcome(syncs, 2);
      expect(back.qbo).toMatchObject({ status: 'synced', error: null });
      const after = openCompanyDb(ctx.dataDir, REALM);
      expectMirrorEqualsStandIn(after, qbo.standIn);
      after.close();
      const synced = companyStatus();
      expect(synced).toMatchObject({ offline: false, lastError: null });
      expect(synced.lastAttemptAt).not.toBe(attempted.lastAttemptAt);

      // Back on the regular schedule: nothing more until a whole interval from that sync.
      t += 59 * 60_000;
      await sleep(200);
      expect(syncs).toHaveBeenCalledTimes(2);
      expect(companyStatus().lastAttemptAt).toBe(synced.lastAttemptAt);
    } finally {
      await sync.stop();
      await qbo.close();
    }
  });

  it('stop cancels a running sync, waits for it to end, and starts no more', { timeout: 30_000 }, async () => {
    // Slow enough that the pull is still running when the app stops.
    const qbo = await startQbo({ books: syncBooks(REALM, Date.now(), SIZES), latencyMs: 50 });
    const { ctx, sync } = await connectedCompany(qbo.apiBase);
    try {
      let pulling = false;
      ctx.events.subscribe((event) => (pulling ||= event === 'syncProgress'));
      const outcome = sync.sync(REALM).catch((error: unknown) => error);
      for (let i = 0; i < 500 && !pulling; i++) await sleep(10);
      expect(pulling).toBe(true);
      await sync.stop();
      expect(await outcome).toMatchObject({ name: 'AbortError' });
      // Stopped mid-pull: the mirror holds less than the books, and no later request starts another.
      const db = openCompanyDb(ctx.dataDir, REALM);
      try {
        expect(mirrorStatus(db).company.lastSuccessAt).toBeNull();
      } finally {
        db.close();
      }
      await expect(sync.sync(REALM)).rejects.toThrow(/stopped/);
    } finally {
      await sync.stop();
      await qbo.close();
    }
  });
});
