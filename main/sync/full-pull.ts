/**
 * Full pull of one `cdc` entity: pages of `SELECT * ... ORDERBY Id` by STARTPOSITION, fetched
 * concurrently (the realm limiter paces them), each written with its "page done" marker in one
 * transaction.
 *
 * Why this paging cannot lose or repeat rows for good, while the company changes underneath:
 * - QBO Ids grow, so rows created after the pull began sort after every row that existed: they
 *   never shift a page. Pages stop at the count taken after the pull began; later rows come in
 *   through the CDC catch-up from the pull's start instant.
 * - Updates do not move a row in Id order; the catch-up brings the newer version.
 * - A deletion shifts later rows one position left, so one row can slip into a page that was
 *   already fetched. That is the only way to miss a row, and the count check at the end (the
 *   catch-up brings the deletions, then mirror vs `count(*)`) finds it and repairs it by Id range
 *   (reconcile.ts). A repeated row is harmless: writes are upserts by Id.
 * Keyset paging (`WHERE Id > last`) would avoid the shift but serialises the pages of an entity,
 * and at ~50 ms per round trip plus 1000-row bodies one chain cannot use QBO's 10 requests/s.
 */
import { localCount } from '../mirror/qbo/entity-tables';
import { beginFullPull, donePages, recordPage, setFullTotal, syncState } from '../mirror/qbo/sync-state';
import type { MirroredEntity } from '../mirror/qbo/write';
import { writeRows } from './apply';
import { nowIso, type PullContext } from './context';
import { statement } from './entities';
import type { TaskQueue } from './pool';

export interface FullPullPlan {
  entity: MirroredEntity;
  /** QBO time at the pull's start: where the catch-up begins. */
  startedAt: string;
  /**
   * Check the Id set against count(*) at the end: needed when rows could have been missed (more
   * than one page) or left over (the mirror held rows before this pull, e.g. `--full`).
   */
  verify: boolean;
}

/**
 * Queues the pages still missing for `entity` and resolves with the plan once they are all in.
 * `startedAt` is used when no full pull of the entity is under way.
 */
export async function fullPull(ctx: PullContext, queue: TaskQueue, entity: MirroredEntity, startedAt: string): Promise<FullPullPlan> {
  const { db, client, pageSize, signal } = ctx;
  const previous = syncState(db, entity);
  const resumed = previous !== null && previous.phase === 'full' && previous.pageSize === pageSize;
  if (!resumed) beginFullPull(db, entity, { startedAt, total: null, pageSize, at: nowIso(ctx) });
  const state = resumed ? previous : syncState(db, entity)!;
  ctx.tally(entity).mode = resumed ? 'resumed' : 'full';
  const done = donePages(db, entity);
  const select = statement(entity, [], { orderBy: 'Id' });
  const already = [...done.values()].reduce((a, b) => a + b, 0);
  const heldOthers = localCount(db, entity) > already;
  ctx.progress.start(entity, state.fullTotal, already);

  const fetchPage = async (pageNo: number): Promise<number> => {
    const page = await client.queryPage(select, 1 + pageNo * pageSize, pageSize, signal);
    writeRows(ctx, entity, page.rows, () => recordPage(db, entity, pageNo, page.rows.length));
    ctx.progress.advance(entity, page.rows.length);
    return page.rows.length;
  };
  const queued = (pageNo: number): Promise<void> =>
    new Promise<void>((resolve, reject) => queue.push(() => fetchPage(pageNo).then(() => resolve(), (e: unknown) => {
      reject(e);
      throw e;
    })));

  let total = state.fullTotal;
  if (total === null) {
    // The first page tells whether more exist; most lists fit in it and need no count.
    const firstRows = done.has(0) ? done.get(0)! : await new Promise<number>((resolve, reject) =>
      queue.push(() => fetchPage(0).then(resolve, (e: unknown) => {
        reject(e);
        throw e;
      })),
    );
    if (firstRows < pageSize) total = firstRows;
    else {
      total = await client.count(statement(entity, [], { count: true }), signal);
      total = Math.max(total, firstRows);
    }
    setFullTotal(db, entity, total, nowIso(ctx));
    ctx.progress.setTotal(entity, total);
    done.set(0, firstRows);
  }
  const pages = Math.ceil(total / pageSize);
  const waits: Promise<void>[] = [];
  for (let pageNo = 0; pageNo < pages; pageNo++) if (!done.has(pageNo)) waits.push(queued(pageNo));
  await Promise.all(waits);
  return { entity, startedAt: state.fullStartedAt ?? startedAt, verify: pages > 1 || heldOthers };
}
