/**
 * Brings `cdc` entities from their cursors (or a full pull's start) up to QBO's present.
 * One Change Data Capture request covers every entity, from the earliest cursor minus a safety
 * overlap (re-applying a change is harmless: writes are upserts, deletions idempotent).
 * CDC cannot serve the gap when it reaches back more than 30 days, and an answer holding the cap
 * (1000 objects) may have left changes out with no marker. Then each entity is caught up by
 * querying `MetaData.LastUpdatedTime >= since` (keyset paging on that time, so rows updated while
 * paging move forward and are met again rather than skipped) and its deletions are found by the
 * count reconciliation, since such a query cannot return deleted objects.
 */
import { advanceCursor } from '../mirror/qbo/sync-state';
import type { MirroredEntity } from '../mirror/qbo/write';
import type { CdcResult } from '../qbo/client';
import type { QboEntity } from '../qbo/envelopes';
import { applyChanges, writeRows } from './apply';
import { nowIso, type PullContext } from './context';
import { isCdcTooOld } from './errors';
import { literal, statement } from './entities';
import { earliest, formatInstant, minus, parseInstant } from './qbo-time';
import { reconcile } from './reconcile';

const DAY_MS = 86_400_000;
/** CDC looks back 30 days; stay an hour inside so a slow clock cannot push us over. */
const CDC_WINDOW_MS = 30 * DAY_MS - 3_600_000;

export interface CatchUpEntity {
  entity: MirroredEntity;
  /** Cursor (incremental) or the full pull's start. */
  since: string;
  /** Check (and repair) the Id set against count(*) before the cursor moves: after a full pull. */
  verify: boolean;
}

export interface CatchUpResult {
  /** QBO's time the mirror is now current to. */
  time: string;
  fellBack: boolean;
  requests: number;
}

function lastUpdated(row: QboEntity): string | null {
  const meta = row.MetaData as { LastUpdatedTime?: unknown } | undefined;
  return typeof meta?.LastUpdatedTime === 'string' ? meta.LastUpdatedTime : null;
}

/** Every object of `entity` changed at or after `since`, written page by page. */
async function pullChangedSince(ctx: PullContext, entity: MirroredEntity, since: string): Promise<void> {
  const { client, pageSize, signal } = ctx;
  let bound = since;
  let op = '>=';
  for (;;) {
    const cond = `MetaData.LastUpdatedTime ${op} ${literal(bound)}`;
    const page = await client.queryPage(statement(entity, [cond], { orderBy: 'MetaData.LastUpdatedTime' }), 1, pageSize, signal);
    writeRows(ctx, entity, page.rows);
    ctx.progress.advance(entity, page.rows.length);
    if (page.rows.length < pageSize) return;
    const first = lastUpdated(page.rows[0]!);
    const last = lastUpdated(page.rows[page.rows.length - 1]!);
    if (first === null || last === null) throw new Error(`${entity}: QuickBooks returned an object without MetaData.LastUpdatedTime`);
    op = '>=';
    bound = last;
    if (parseInstant(first) < parseInstant(last)) continue;
    // A whole page shares one instant: walk that instant by position, then continue after it.
    const same = statement(entity, [`MetaData.LastUpdatedTime = ${literal(last)}`], { orderBy: 'Id' });
    for (let start = 1; ; start += pageSize) {
      const more = await client.queryPage(same, start, pageSize, signal);
      writeRows(ctx, entity, more.rows);
      if (more.rows.length < pageSize) break;
    }
    op = '>';
  }
}

export async function catchUp(ctx: PullContext, entities: readonly CatchUpEntity[]): Promise<CatchUpResult | null> {
  if (entities.length === 0) return null;
  const { client, signal, db } = ctx;
  const names = entities.map((e) => e.entity);
  const since = minus(earliest(entities.map((e) => e.since)), ctx.overlapMs);
  let requests = 0;
  let answer: CdcResult | null = null;
  let fellBack = ctx.now() - parseInstant(since) > CDC_WINDOW_MS;
  if (!fellBack) {
    try {
      requests += 1;
      answer = await client.cdc(names, since, signal);
    } catch (error) {
      if (!isCdcTooOld(error)) throw error;
      fellBack = true;
    }
  }
  for (const e of entities) if (!ctx.progress.has(e.entity)) ctx.progress.start(e.entity, null);

  if (answer !== null) {
    const size = Object.values(answer.changes).reduce((n, rows) => n + rows.length, 0);
    if (size >= ctx.cdcCap) fellBack = true;
    const at = nowIso(ctx);
    for (const e of entities) {
      const changes = answer.changes[e.entity] ?? [];
      // The cursor moves with the changes, in one transaction, unless more work must come first.
      const moveNow = !fellBack && !e.verify;
      applyChanges(ctx, e.entity, changes, moveNow ? () => advanceCursor(db, e.entity, answer.time, { at }) : undefined);
      ctx.progress.advance(e.entity, changes.length);
      if (ctx.tally(e.entity).mode !== 'full' && ctx.tally(e.entity).mode !== 'resumed') ctx.tally(e.entity).mode = 'cdc';
    }
  }

  let time: string;
  if (answer !== null) time = answer.time;
  else {
    // The gap is too old for CDC; a CDC request for the last minute tells QBO's present time.
    requests += 1;
    time = (await client.cdc(names, formatInstant(ctx.now() - 60_000), signal)).time;
  }

  for (const e of entities) {
    if (!fellBack && !e.verify) {
      ctx.progress.finish(e.entity, 'done');
      continue;
    }
    if (fellBack) {
      if (ctx.tally(e.entity).mode === 'cdc') ctx.tally(e.entity).mode = 'fallback';
      await pullChangedSince(ctx, e.entity, since);
    }
    const checked = await reconcile(ctx, e.entity);
    advanceCursor(db, e.entity, time, { at: nowIso(ctx), remoteCount: checked.remoteCount });
    ctx.progress.finish(e.entity, 'done');
  }
  return { time, fellBack, requests };
}
