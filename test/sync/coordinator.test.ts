import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { mirrorStatus, SyncCoordinator, syncCompany, SyncOfflineError, syncIntervalMs, type RunRequest } from '../../main/sync';
import { tempDir } from '../helpers/tmp';
import { syncBooks } from './books';
import { expectMirrorEqualsStandIn, MovableClock, NO_LIMITS, REALM, startQbo, syncClient, type RunningQbo } from './harness';

let qbo: RunningQbo | null = null;
let coordinator: SyncCoordinator | null = null;
afterEach(async () => {
  await coordinator?.stop();
  coordinator = null;
  await qbo?.close();
  qbo = null;
});

const sizes = { customers: 60, items: 10, invoices: 150, payments: 10 };

/** A port nothing listens on (yet): connecting to it is refused, like QuickBooks when offline. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('sync coordinator', () => {
  it('never runs two pulls of one company at once: a second request joins the running one', async () => {
    const clock = new MovableClock();
    let queries = 0;
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock, latencyMs: 5, onRequest: (u) => (queries += u.pathname.endsWith('/query') ? 1 : 0) });
    const dataDir = tempDir();
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    const runs: RunRequest[] = [];
    coordinator = new SyncCoordinator({
      run: (request) => {
        runs.push(request);
        return syncCompany({ dataDir, realmId: request.realmId, client, meter, full: request.full, signal: request.signal, pageSize: 50, now: clock.now });
      },
    });
    const first = coordinator.sync(REALM);
    expect(coordinator.status(REALM).running).toBe(true);
    const second = coordinator.sync(REALM);
    expect(second).toBe(first);
    const [a, b] = await Promise.all([first, second]);
    expect(b).toBe(a);
    expect(runs).toHaveLength(1);
    const afterOne = queries;
    // Once it ended, a new request is a new pull (incremental: no query pages for cdc entities).
    await coordinator.sync(REALM);
    expect(runs).toHaveLength(2);
    expect(queries - afterOne).toBeLessThan(afterOne);
    expect(coordinator.status(REALM)).toMatchObject({ running: false, offline: false, lastError: null });
  });

  it('never pulls a company nobody scheduled on a timer, not even to retry after going offline', async () => {
    const port = await freePort();
    const { client, meter } = syncClient(`http://127.0.0.1:${port}`, { limits: NO_LIMITS });
    let runs = 0;
    coordinator = new SyncCoordinator({
      run: (request) => {
        runs += 1;
        return syncCompany({ dataDir: tempDir(), realmId: request.realmId, client, meter, signal: request.signal, pageSize: 50 });
      },
      offlineRetryMs: [20],
    });
    await expect(coordinator.sync(REALM)).rejects.toBeInstanceOf(SyncOfflineError);
    expect(coordinator.status(REALM)).toMatchObject({ offline: true, nextRunAt: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toBe(1);
  });

  it('says offline when QuickBooks is unreachable, retries on its own, and syncs once it is back', async () => {
    const port = await freePort();
    const clock = new MovableClock();
    const dataDir = tempDir();
    const { client, meter } = syncClient(`http://127.0.0.1:${port}`, { limits: NO_LIMITS });
    const statuses: boolean[] = [];
    coordinator = new SyncCoordinator({
      run: (request) => syncCompany({ dataDir, realmId: request.realmId, client, meter, signal: request.signal, pageSize: 50, now: clock.now }),
      offlineRetryMs: [150],
      onStatus: (s) => statuses.push(s.offline),
    });
    coordinator.schedule(REALM, syncIntervalMs({ syncIntervalMinutes: 60 }), 60 * 60_000);
    const failure = await coordinator.sync(REALM).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncOfflineError);
    const status = coordinator.status(REALM);
    expect(status.offline).toBe(true);
    expect(Date.parse(status.nextRunAt!) - Date.now()).toBeLessThanOrEqual(150);

    // Everything else keeps working: the mirror opens and reports the company offline.
    const db = openCompanyDb(dataDir, REALM);
    expect(mirrorStatus(db).company).toMatchObject({ offline: true, lastSuccessAt: null });
    expect(mirrorStatus(db).company.lastError).toMatch(/offline/i);
    db.close();

    // QuickBooks comes back on the same address; the scheduled retry pulls without being asked.
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock, port });
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const poll = () => {
        if (coordinator!.status(REALM).lastSuccessAt) resolve();
        else if (Date.now() > deadline) reject(new Error('no retry happened'));
        else setTimeout(poll, 25);
      };
      poll();
    });
    expect(statuses).toEqual([true, false]);
    expect(coordinator.status(REALM)).toMatchObject({ offline: false, lastError: null });
    // Back on the regular schedule.
    expect(Date.parse(coordinator.status(REALM).nextRunAt!) - Date.now()).toBeGreaterThan(50 * 60_000);
    const after = openCompanyDb(dataDir, REALM);
    expectMirrorEqualsStandIn(after, qbo.standIn);
    expect(mirrorStatus(after).company).toMatchObject({ offline: false, lastError: null });
    after.close();
  });
});
