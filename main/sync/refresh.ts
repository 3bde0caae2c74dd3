/**
 * `list` and `singleton` entities are re-read whole every sync (a page or two): the mirror then
 * holds exactly QBO's set, deletions included, with no cursor to keep.
 */
import { localIds } from '../mirror/qbo/entity-tables';
import { advanceCursor } from '../mirror/qbo/sync-state';
import { deleteQboEntities, writeQboEntities, type MirroredEntity } from '../mirror/qbo/write';
import type { QboEntity } from '../qbo/envelopes';
import { nowIso, type PullContext } from './context';
import { pullKind, statement } from './entities';

export async function refreshWhole(ctx: PullContext, entity: MirroredEntity): Promise<void> {
  const { client, pageSize, signal, db } = ctx;
  ctx.progress.start(entity, null);
  const rows: QboEntity[] = [];
  const select = statement(entity, [], pullKind(entity) === 'singleton' ? {} : { orderBy: 'Id' });
  for (let start = 1; ; start += pageSize) {
    const page = await client.queryPage(select, start, pageSize, signal);
    rows.push(...page.rows);
    if (page.rows.length < pageSize) break;
  }
  const keep = new Set(rows.map((r) => String(r.Id)));
  const gone = pullKind(entity) === 'singleton' ? [] : localIds(db, entity).filter((id) => !keep.has(id));
  const at = nowIso(ctx);
  db.transaction(() => {
    if (rows.length > 0) writeQboEntities(db, entity, rows);
    if (gone.length > 0) deleteQboEntities(db, entity, gone);
    advanceCursor(db, entity, at, { at, remoteCount: rows.length });
  })();
  const t = ctx.tally(entity);
  t.mode = 'refresh';
  t.fetched += rows.length;
  t.written += rows.length;
  t.deleted += gone.length;
  ctx.progress.advance(entity, rows.length);
  ctx.progress.finish(entity, 'done');
}
