/** The background schedule: a company is synced again once its interval has passed. */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { companySync } from '../../main/company-sync/company-sync';
import { companyDbPath } from '../../main/mirror/open';
import { testContext } from '../helpers/app-context';

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
});
