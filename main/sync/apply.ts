/** Writes what QBO answered into the mirror, one transaction per call. */
import { deleteQboEntities, writeQboEntities, type MirroredEntity } from '../mirror/qbo/write';
import type { QboEntity } from '../qbo/envelopes';
import type { PullContext } from './context';

/** Upserts `rows`; `alsoInside` runs in the same transaction (page marker, cursor). */
export function writeRows(ctx: PullContext, entity: MirroredEntity, rows: readonly QboEntity[], alsoInside?: () => void): void {
  ctx.db.transaction(() => {
    if (rows.length > 0) writeQboEntities(ctx.db, entity, rows);
    alsoInside?.();
  })();
  const t = ctx.tally(entity);
  t.fetched += rows.length;
  t.written += rows.length;
}

/** A CDC answer for one entity: full objects are upserted, `status: "Deleted"` ones removed. */
export function applyChanges(ctx: PullContext, entity: MirroredEntity, changes: readonly QboEntity[], alsoInside?: () => void): void {
  const upserts: QboEntity[] = [];
  const deletions: string[] = [];
  for (const change of changes) {
    if (change.status === 'Deleted') {
      if (typeof change.Id === 'string') deletions.push(change.Id);
    } else upserts.push(change);
  }
  ctx.db.transaction(() => {
    if (upserts.length > 0) writeQboEntities(ctx.db, entity, upserts);
    if (deletions.length > 0) deleteQboEntities(ctx.db, entity, deletions);
    alsoInside?.();
  })();
  const t = ctx.tally(entity);
  t.fetched += changes.length;
  t.written += upserts.length;
  t.deleted += deletions.length;
}
