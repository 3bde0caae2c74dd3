/**
 * A real QBO stand-in on 127.0.0.1 (port 0) for sync tests, with a movable clock, optional
 * latency and real rate limits, a sync client wired to it, and the record-by-record comparison
 * of a mirror with the stand-in's data.
 */
import { expect } from 'vitest';
import type { CompanyDb } from '../../main/mirror/open';
import { localRecords } from '../../main/mirror/qbo/entity-tables';
import { MIRRORED_ENTITIES, type MirroredEntity } from '../../main/mirror/qbo/write';
import type { RetryPolicy } from '../../main/qbo/backoff';
import { systemClock } from '../../main/qbo/clock';
import { QBO_LIMITS, RealmLimiter, type LimitRule } from '../../main/qbo/limiter';
import { createSyncClient, type RequestMeter } from '../../main/sync';
import type { QboClient } from '../../main/qbo/client';
import { withFaults } from '../../sandbox/common/faults';
import { qbo500 } from '../../sandbox/common/service-bodies';
import { defaultStandInOptions, type TokenVerifier } from '../../sandbox/common/types';
import { createQboStandIn, type QboOptions, type QboStandIn } from '../../sandbox/qbo';
import { rowJson } from '../../sandbox/qbo/table';
import type { SeedBooks } from '../../sandbox/seed/types';
import { listenOnLoopback } from '../helpers/listen';

export const REALM = '9341452000000777';

const verifier: TokenVerifier = {
  verifyAccessToken(token) {
    const m = /^t-(.+)$/.exec(token);
    return m ? { ok: true, realmId: m[1]! } : { ok: false, reason: 'invalid' };
  },
};

/** Real time plus a movable offset: CDC windows are tested by moving it days ahead. */
export class MovableClock {
  offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface RunningQbo {
  standIn: QboStandIn;
  apiBase: string;
  port: number;
  clock: MovableClock;
  close(): Promise<void>;
}

export async function startQbo(opts: {
  books: SeedBooks;
  clock?: MovableClock;
  latencyMs?: number;
  rateLimits?: 'real' | 'off';
  qbo?: Partial<QboOptions>;
  port?: number;
  /** Sees every request's URL before the stand-in does (request accounting in tests). */
  onRequest?: (url: URL) => void;
}): Promise<RunningQbo> {
  const clock = opts.clock ?? new MovableClock();
  const options = defaultStandInOptions({ rateLimits: opts.rateLimits ?? 'off', latencyMs: opts.latencyMs ?? 0, now: clock.now });
  const standIn = createQboStandIn({ realms: [opts.books], tokens: verifier, options, qbo: opts.qbo });
  const handler = options.latencyMs > 0
    ? withFaults(standIn.handler, { options, error500: qbo500(clock.now), throttled: (res) => standIn.throttled(res) })
    : standIn.handler;
  const { port, origin, close } = await listenOnLoopback((req, res) => {
    opts.onRequest?.(new URL(req.url ?? '/', 'http://127.0.0.1'));
    handler(req, res);
  }, opts.port);
  return { standIn, apiBase: origin, port, clock, close };
}

export const staticTokens = (realmId = REALM) => ({
  accessToken: async () => `t-${realmId}`,
  renewAfterRejection: async () => `t-${realmId}`,
});

/** Fast retries for tests: three attempts, a few ms apart. */
export const QUICK_RETRY: RetryPolicy = { maxAttempts: 3, baseMs: 5, capMs: 20 };

export function syncClient(
  apiBase: string,
  opts: { realmId?: string; limits?: readonly LimitRule[]; retry?: RetryPolicy; limiter?: RealmLimiter } = {},
): { client: QboClient; meter: RequestMeter; limiter: RealmLimiter } {
  const limiter = opts.limiter ?? new RealmLimiter(systemClock, opts.limits ?? QBO_LIMITS);
  const { client, meter } = createSyncClient({
    apiBase,
    realmId: opts.realmId ?? REALM,
    tokens: staticTokens(opts.realmId ?? REALM),
    limiter,
    retry: opts.retry ?? QUICK_RETRY,
  });
  return { client, meter, limiter };
}

/** Limits loose enough that tests are not paced (the stand-in runs with limits off). */
export const NO_LIMITS: readonly LimitRule[] = [{ limit: 1_000_000, windowMs: 1_000, counts: 'all' }];

export interface RemoteRecord {
  id: string;
  syncToken: string | null;
  raw: string;
}

export function standInRecords(standIn: QboStandIn, entity: MirroredEntity, realmId = REALM): RemoteRecord[] {
  const table = standIn.realm(realmId).tables[entity];
  return table.rows
    .map((row) => ({
      id: row.key,
      // The mirror keeps '0' for list entries QBO serves without a SyncToken (seeded tax codes).
      syncToken: entity === 'CompanyInfo' || entity === 'Preferences' ? null : String(row.obj.SyncToken ?? '0'),
      raw: rowJson(row),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The mirror holds exactly the stand-in's data: same Ids, SyncTokens and JSON, entity by entity. */
export function expectMirrorEqualsStandIn(db: CompanyDb, standIn: QboStandIn, realmId = REALM): void {
  for (const entity of MIRRORED_ENTITIES) {
    const remote = standInRecords(standIn, entity, realmId);
    const local = localRecords(db, entity);
    expect(local.map((r) => r.id), `${entity} Ids`).toEqual(remote.map((r) => r.id));
    expect(local.map((r) => r.syncToken), `${entity} SyncTokens`).toEqual(remote.map((r) => r.syncToken));
    const differing = local.filter((r, i) => r.raw !== remote[i]!.raw).map((r) => r.id);
    expect(differing, `${entity} raw JSON differs`).toEqual([]);
  }
}
