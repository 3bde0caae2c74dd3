import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { systemClock } from '../../main/qbo/clock';
import { RealmLimiter } from '../../main/qbo/limiter';
import type { AccessTokenSource } from '../../main/qbo/transport';
import { isOffline, MeteredLimiter, newMeter, syncInWorker, type SyncProgressEvent } from '../../main/sync';
import { listen } from '../../sandbox/common/listen';
import { tempDir } from '../helpers/tmp';
import { appTokens } from './app-tokens';
import { syncBooks } from './books';
import { expectMirrorEqualsStandIn, grantAccess, MovableClock, NO_LIMITS, QUICK_RETRY, REALM, startQbo, type RunningQbo } from './harness';

let qbo: RunningQbo | null = null;
afterEach(async () => {
  await qbo?.close();
  qbo = null;
});

const sizes = { customers: 120, items: 20, invoices: 400, payments: 20, salesReceipts: 10 };

describe('pull in a worker thread', () => {
  it('writes the mirror from the worker, with permits and tokens from this thread', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock });
    const dataDir = tempDir();
    // The realm limiter lives here; counting its permits shows every request went through it.
    const meter = newMeter();
    const limiter = new MeteredLimiter(new RealmLimiter(systemClock, NO_LIMITS), meter);
    const manager = appTokens(qbo.apiBase, REALM, await grantAccess());
    let tokenCalls = 0;
    const tokens: AccessTokenSource = {
      accessToken: () => (tokenCalls++, manager.accessToken()),
      renewAfterRejection: (rejected) => manager.renewAfterRejection(rejected),
    };
    const events: SyncProgressEvent[] = [];
    const summary = await syncInWorker({ dataDir, realmId: REALM, apiBase: qbo.apiBase, tokens, limiter, pageSize: 100, retry: QUICK_RETRY, onProgress: (e) => events.push(e) });

    expect(summary.entities.Invoice).toMatchObject({ mode: 'full', local: 400 });
    expect(meter.requests).toBe(summary.requests);
    expect(tokenCalls).toBe(summary.requests);
    // Every request rode on one access token, fetched once from the OAuth stand-in's token endpoint.
    expect(manager.refreshCount).toBe(1);
    expect(events.some((e) => e.entity === 'Invoice' && e.phase === 'done')).toBe(true);
    const db = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(db, qbo.standIn);
    db.close();
  });

  it('cancels through the signal, leaving a consistent file the next pull completes', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock, latencyMs: 5 });
    const dataDir = tempDir();
    const limiter = new RealmLimiter(systemClock, NO_LIMITS);
    // One token source for both pulls, as the app keeps one per company.
    const tokens = appTokens(qbo.apiBase, REALM, await grantAccess());
    const controller = new AbortController();
    const run = syncInWorker({
      dataDir,
      realmId: REALM,
      apiBase: qbo.apiBase,
      tokens,
      limiter,
      pageSize: 20,
      concurrency: 1,
      retry: QUICK_RETRY,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.entity === 'Invoice' && e.phase === 'pulling') controller.abort(new Error('stop now'));
      },
    });
    await expect(run).rejects.toThrow('stop now');
    const db = openCompanyDb(dataDir, REALM);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT phase FROM qbo_sync_state WHERE entity = 'Invoice'").pluck().get()).toBe('full');
    db.close();

    const summary = await syncInWorker({ dataDir, realmId: REALM, apiBase: qbo.apiBase, tokens, limiter, pageSize: 20, retry: QUICK_RETRY });
    expect(summary.entities.Invoice!.mode).toBe('resumed');
    const after = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(after, qbo.standIn);
    after.close();
  });

  it('fails as offline when its token refresh cannot reach Intuit (the app started offline)', async () => {
    // A company connected earlier (its refresh token in the keychain), and neither Intuit nor
    // QuickBooks reachable: the port is closed again before the pull starts.
    const dead = await listen(createServer());
    await dead.close();
    const tokens = appTokens(dead.origin, REALM, await grantAccess());
    const limiter = new RealmLimiter(systemClock, NO_LIMITS);
    const failure = await syncInWorker({ dataDir: tempDir(), realmId: REALM, apiBase: dead.origin, tokens, limiter, retry: QUICK_RETRY }).catch((e: unknown) => e);
    expect(isOffline(failure)).toBe(true);
    expect(String(failure)).toMatch(/Could not reach Intuit/);
  });
});
