/** The mirror's change log (migration 007): written by every writer of reconciled rows, read by reconciliation. */
import type { CompanyDb } from './open';

export type ChangedEntity = 'order' | 'doc' | 'customer' | 'item';

/** A store order as the log names it: the same `store/sourceId` key reconciliation uses. */
export const orderChangeKey = (storeId: string, sourceId: string): string => `${storeId}/${sourceId}`;

/** Records that `keys` were written or deleted; call inside the write's transaction. */
export function logChanges(db: CompanyDb, entity: ChangedEntity, keys: readonly string[]): void {
  if (keys.length > 0) db.prepare('INSERT INTO mirror_changes (entity, keys) VALUES (?, ?)').run(entity, JSON.stringify(keys));
}

export interface MirrorChanges {
  /** The last change included: pass it to the next changesSince and to pruneChanges. */
  upTo: number;
  orders: string[];
  /** Sales documents and payments. */
  docs: string[];
  customers: string[];
  /** An item was written or deleted (shipping and rounding items are found among them). */
  items: boolean;
}

/** The newest change's number (0 before any); read it in the same transaction as the data it goes with. */
export function latestChange(db: CompanyDb): number {
  return (db.prepare('SELECT max(seq) FROM mirror_changes').pluck().get() as number | null) ?? 0;
}

/** What changed after `seq`, each key once; null when the log was pruned past `seq` and cannot say. */
export function changesSince(db: CompanyDb, seq: number): MirrorChanges | null {
  const prunedTo = db.prepare('SELECT up_to FROM mirror_changes_pruned').pluck().get() as number;
  if (prunedTo > seq) return null;
  const sets = { order: new Set<string>(), doc: new Set<string>(), customer: new Set<string>(), item: new Set<string>() };
  let upTo = seq;
  for (const [s, entity, keys] of db.prepare('SELECT seq, entity, keys FROM mirror_changes WHERE seq > ? ORDER BY seq').raw().iterate(seq) as Iterable<[number, ChangedEntity, string]>) {
    for (const key of JSON.parse(keys) as string[]) sets[entity].add(key);
    upTo = s;
  }
  return { upTo, orders: [...sets.order], docs: [...sets.doc], customers: [...sets.customer], items: sets.item.size > 0 };
}

/**
 * Forgets the changes up to `seq` once they are reconciled; a reader behind that point will
 * reconcile from scratch. The newest row stays, so numbering never restarts below it.
 */
export function pruneChanges(db: CompanyDb, seq: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM mirror_changes WHERE seq <= ? AND seq < (SELECT max(seq) FROM mirror_changes)').run(seq);
    db.prepare('UPDATE mirror_changes_pruned SET up_to = max(up_to, ?)').run(seq);
  })();
}
