/**
 * One QuickBooks pull of one company into its mirror: the entry point the CLI, the scheduler and
 * the worker thread call. Order of work:
 * 1. CompanyInfo and Preferences (the home currency every amount is read in), and, when a full
 *    pull starts, QBO's present time from a one-minute CDC request: where its catch-up begins.
 * 2. Full pulls of `cdc` entities without a cursor (or resumed where they stopped) and the
 *    `list` entities, all pages in one queue within the realm's limiter.
 * 3. One CDC catch-up for every `cdc` entity (the fresh ones from their pull's start), with the
 *    fallbacks of catch-up.ts; the count check of multi-page full pulls; cursors move.
 * A failure or cancel at any point leaves every page either fully in the mirror or not at all,
 * and the next call continues from the recorded pages and cursors.
 */
import { setMaxListeners } from 'node:events';
import { openCompanyDb, type CompanyDb } from '../mirror/open';
import { localCount } from '../mirror/qbo/entity-tables';
import { forgetSyncState, recordCompanyOutcome, syncState } from '../mirror/qbo/sync-state';
import { MIRRORED_ENTITIES, type MirroredEntity } from '../mirror/qbo/write';
import { catchUp, type CatchUpEntity } from './catch-up';
import type { EntityTally, PullContext, SyncQboClient } from './context';
import { CDC_ENTITIES, pullKind } from './entities';
import { isAbort, isOffline, SyncOfflineError } from './errors';
import { fullPull } from './full-pull';
import type { RequestMeter } from './metered';
import { TaskQueue } from './pool';
import { ProgressReporter, type ProgressListener } from './progress';
import { formatInstant } from './qbo-time';
import { refreshWhole } from './refresh';

export const PAGE_SIZE = 1000;
/** QBO allows 10 concurrent requests per realm; the limiter paces them further. */
export const DEFAULT_CONCURRENCY = 10;
/** Changes committed just before a cursor's instant can become visible a little later. */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;
export const CDC_MAX_OBJECTS = 1000;

export interface SyncOptions {
  dataDir: string;
  realmId: string;
  client: SyncQboClient;
  /** Forget every cursor and pull everything again. */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Counts HTTP requests and 429s (see createSyncClient); without it, requests are counted per call. */
  meter?: RequestMeter;
  /** An open mirror to use instead of opening `<dataDir>/companies/<realmId>.sqlite` (caller closes it). */
  db?: CompanyDb;
  pageSize?: number;
  concurrency?: number;
  overlapMs?: number;
  cdcMaxObjects?: number;
  now?: () => number;
}

export interface EntitySummary extends EntityTally {
  /** Rows of the entity in the mirror after the pull. */
  local: number;
  /** QBO's count(*) at the last check, when one was made. */
  remote: number | null;
}

export interface SyncSummary {
  realmId: string;
  /** 'full' when any entity was pulled in full (fresh or resumed). */
  mode: 'full' | 'incremental';
  entities: Record<string, EntitySummary>;
  requests: number;
  throttled: number;
  seconds: number;
  /** Requests repeated after a 429, 5xx or transport error (counted in `requests`). */
  retries: number;
  /** QBO's time the mirror is current to. */
  cursor: string | null;
}

function newTally(): EntityTally {
  return { mode: 'cdc', fetched: 0, written: 0, deleted: 0, repaired: 0 };
}

export async function syncCompany(options: SyncOptions): Promise<SyncSummary> {
  const { realmId, client } = options;
  if (client.realmId !== realmId) throw new Error(`the QBO client is for realm ${client.realmId}, not ${realmId}`);
  const started = performance.now();
  const db = options.db ?? openCompanyDb(options.dataDir, realmId);
  // A bigger page cache for our own connection: index upkeep of 1000-row pages stays in memory.
  if (!options.db) db.pragma('cache_size = -65536');
  const inner = new AbortController();
  // Every request in flight and every limiter waiter listens to it.
  setMaxListeners(0, inner.signal);
  const onOuterAbort = () => inner.abort(options.signal!.reason);
  if (options.signal?.aborted) inner.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const tallies = new Map<MirroredEntity, EntityTally>();
  const finished = new Set<string>();
  const progress = new ProgressReporter(realmId, (event) => {
    if (event.phase === 'done') finished.add(event.entity);
    options.onProgress?.(event);
  });
  const now = options.now ?? Date.now;
  const calls = { n: 0 };
  const countedClient = options.meter ? client : countingClient(client, calls);
  const ctx: PullContext = {
    db,
    client: countedClient,
    realmId,
    signal: inner.signal,
    pageSize: options.pageSize ?? PAGE_SIZE,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    overlapMs: options.overlapMs ?? DEFAULT_OVERLAP_MS,
    cdcCap: options.cdcMaxObjects ?? CDC_MAX_OBJECTS,
    now,
    progress,
    tally(entity) {
      let t = tallies.get(entity);
      if (!t) tallies.set(entity, (t = newTally()));
      return t;
    },
  };
  const queue = new TaskQueue(ctx.concurrency, (error) => inner.abort(error));
  let cursor: string | null = null;
  const requestsBefore = options.meter?.requests ?? 0;
  const throttledBefore = options.meter?.throttled ?? 0;
  const retriesBefore = options.meter?.retries ?? 0;
  try {
    if (options.full) for (const e of MIRRORED_ENTITIES) forgetSyncState(db, e);
    const states = new Map(CDC_ENTITIES.map((e) => [e, syncState(db, e)] as const));
    const fresh = CDC_ENTITIES.filter((e) => states.get(e)?.phase !== 'incremental');
    const incremental = CDC_ENTITIES.filter((e) => states.get(e)?.phase === 'incremental');
    const needsStart = fresh.some((e) => states.get(e)?.phase !== 'full' || states.get(e)?.pageSize !== ctx.pageSize);

    const [startAnswer] = await Promise.all([
      needsStart ? ctx.client.cdc([...CDC_ENTITIES], formatInstant(now() - 60_000), ctx.signal) : Promise.resolve(null),
      refreshWhole(ctx, 'Preferences').then(() => refreshWhole(ctx, 'CompanyInfo')),
    ]);
    const startedAt = startAnswer?.time ?? formatInstant(now());

    for (const e of MIRRORED_ENTITIES) if (pullKind(e) === 'list') queue.push(() => refreshWhole(ctx, e));
    const plans = Promise.all(fresh.map((e) => fullPull(ctx, queue, e, startedAt)));
    plans.catch(() => {});
    await queue.drain();
    const done = await plans;

    const catchUps: CatchUpEntity[] = [
      ...done.map((p) => ({ entity: p.entity, since: p.startedAt, verify: p.verify })),
      ...incremental.map((e) => ({ entity: e, since: states.get(e)!.cursor!, verify: false })),
    ];
    const caught = await catchUp(ctx, catchUps);
    cursor = caught?.time ?? null;
    recordCompanyOutcome(db, { at: formatInstant(now()), ok: true });

    const entities: Record<string, EntitySummary> = {};
    for (const e of MIRRORED_ENTITIES) {
      const tally = tallies.get(e) ?? newTally();
      entities[e] = { ...tally, local: localCount(db, e), remote: syncState(db, e)?.remoteCount ?? null };
    }
    return {
      realmId,
      mode: [...tallies.values()].some((t) => t.mode === 'full' || t.mode === 'resumed') ? 'full' : 'incremental',
      entities,
      requests: options.meter ? options.meter.requests - requestsBefore : calls.n,
      throttled: options.meter ? options.meter.throttled - throttledBefore : 0,
      retries: options.meter ? options.meter.retries - retriesBefore : 0,
      seconds: Math.round((performance.now() - started) / 10) / 100,
      cursor,
    };
  } catch (error) {
    inner.abort(error);
    await queue.drain().catch(() => {});
    const cancelled = isAbort(error, options.signal) && options.signal?.aborted === true;
    progress.finishAll(cancelled ? 'cancelled' : 'failed', finished);
    if (!cancelled) {
      const failure = isOffline(error) ? new SyncOfflineError(realmId, error) : error;
      const message = failure instanceof Error ? failure.message : String(failure);
      recordCompanyOutcome(db, { at: formatInstant(now()), ok: false, error: message, offline: failure instanceof SyncOfflineError });
      throw failure;
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    if (!options.db) db.close();
  }
}

/** The calls the engine makes, each counted (used when no meter counts HTTP requests). */
function countingClient(client: SyncQboClient, calls: { n: number }): SyncQboClient {
  return {
    realmId: client.realmId,
    queryPage: (...args) => {
      calls.n += 1;
      return client.queryPage(...args);
    },
    count: (...args) => {
      calls.n += 1;
      return client.count(...args);
    },
    cdc: (...args) => {
      calls.n += 1;
      return client.cdc(...args);
    },
  };
}
