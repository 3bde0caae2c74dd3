import { afterEach, describe, expect, it } from 'vitest';
import { SyncCoordinator, syncCompany, type RunRequest } from '../../main/sync';
import { tempDir } from '../helpers/tmp';
import { syncBooks } from './books';
import { MovableClock, NO_LIMITS, REALM, startQbo, syncClient, type RunningQbo } from './harness';

let qbo: RunningQbo | null = null;
let coordinator: SyncCoordinator | null = null;
afterEach(async () => {
  await coordinator?.stop();
  coordinator = null;
  await qbo?.close();
  qbo = null;
});

const sizes = { customers: 60, items: 10, invoices: 150, payments: 10 };

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

  it('stop cancels a running pull, waits for it to end, and starts no more', async () => {
    const clock = new MovableClock();
    qbo = await startQbo({ books: syncBooks(REALM, clock.now(), sizes), clock, latencyMs: 50 });
    const { client, meter } = syncClient(qbo.apiBase, { limits: NO_LIMITS });
    coordinator = new SyncCoordinator({
      run: (request) => syncCompany({ dataDir: tempDir(), realmId: request.realmId, client, meter, signal: request.signal, pageSize: 50, now: clock.now }),
    });
    const running = coordinator.sync(REALM);
    const outcome = running.catch((e: unknown) => e);
    await coordinator.stop();
    expect(coordinator.status(REALM).running).toBe(false);
    expect(await outcome).toMatchObject({ name: 'AbortError' });
    await expect(coordinator.sync(REALM)).rejects.toThrow(/stopped/);
  });
});
