/**
 * Makes one entity's mirror hold exactly QBO's set of Ids, spending requests only where they
 * differ: compare `count(*)` over an Id range with the mirror's count in it; equal ranges are
 * done, unequal ones are split at the mirror's median Id until a range holds at most a page of
 * mirror rows, which is then re-read whole (keyset by Id) and replaced: rows QBO no longer has are
 * deleted, rows the mirror missed are added. One request when nothing differs; about
 * 2·log2(n / page) + 1 per isolated difference otherwise.
 *
 * Used after a full pull (a deletion during paging can shift one row past a page boundary) and
 * after a fallback from CDC (a `LastUpdatedTime` query cannot see deletions).
 * Relies on numeric Id comparisons in queries (`Id >= '100'`); entities with non-numeric Ids are
 * only checked, not repaired.
 */
import { deleteQboEntities, type MirroredEntity } from '../mirror/qbo/write';
import { localCount, localIds } from '../mirror/qbo/entity-tables';
import { writeRows } from './apply';
import type { PullContext } from './context';
import { literal, statement } from './entities';

export interface ReconcileResult {
  remoteCount: number;
  localCount: number;
  repaired: number;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const range = (lo: number, hi: number): string[] => [`Id >= ${literal(String(lo))}`, `Id <= ${literal(String(hi))}`];

export async function reconcile(ctx: PullContext, entity: MirroredEntity, knownRemote?: number): Promise<ReconcileResult> {
  const { client, signal, pageSize, db } = ctx;
  const remoteTotal = knownRemote ?? (await client.count(statement(entity, [], { count: true }), signal));
  const raw = localIds(db, entity);
  if (raw.length === remoteTotal) return { remoteCount: remoteTotal, localCount: raw.length, repaired: 0 };
  const ids = raw.map(Number);
  if (ids.some((n) => !Number.isSafeInteger(n))) {
    throw new Error(`${entity}: the mirror holds ${raw.length} rows but QuickBooks has ${remoteTotal}, and its Ids are not numeric, so the difference cannot be located`);
  }
  ids.sort((a, b) => a - b);
  let repaired = 0;

  /** Re-reads [lo, hi] whole and makes the mirror match it. */
  const replaceRange = async (lo: number, hi: number): Promise<void> => {
    const seen = new Set<string>();
    let after = lo - 1;
    for (;;) {
      const page = await client.queryPage(statement(entity, range(after + 1, hi), { orderBy: 'Id' }), 1, pageSize, signal);
      const fresh = page.rows.filter((r) => !seen.has(String(r.Id)));
      for (const r of page.rows) seen.add(String(r.Id));
      const missing = fresh.filter((r) => {
        const n = Number(r.Id);
        const at = lowerBound(ids, n);
        return ids[at] !== n;
      }).length;
      writeRows(ctx, entity, page.rows);
      repaired += missing;
      if (page.rows.length < pageSize) break;
      after = Number(page.rows[page.rows.length - 1]!.Id);
    }
    const extra = ids.slice(lowerBound(ids, lo), lowerBound(ids, hi + 1)).map(String).filter((id) => !seen.has(id));
    if (extra.length > 0) {
      deleteQboEntities(db, entity, extra);
      ctx.tally(entity).deleted += extra.length;
      repaired += extra.length;
    }
  };

  const visit = async (lo: number, hi: number, remote: number): Promise<void> => {
    const from = lowerBound(ids, lo);
    const to = lowerBound(ids, hi + 1);
    const local = to - from;
    if (local === remote) return;
    if (local <= pageSize || lo === hi) {
      await replaceRange(lo, hi);
      return;
    }
    const mid = ids[from + Math.floor(local / 2) - 1]!;
    const left = await client.count(statement(entity, range(lo, mid), { count: true }), signal);
    await visit(lo, mid, left);
    await visit(mid + 1, hi, remote - left);
  };

  // Ids above the mirror's largest are only in QBO's half of the comparison; the top range is open.
  const top = Number.MAX_SAFE_INTEGER;
  await visit(0, top, remoteTotal);
  ctx.tally(entity).repaired += repaired;
  return { remoteCount: remoteTotal, localCount: localCount(db, entity), repaired };
}
