import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesSince, latestChange, logChanges, pruneChanges } from '../../main/mirror/changes';
import { openCompanyDb } from '../../main/mirror/open';
import { repoRoot } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('the mirror change log', () => {
  it('names each changed key once, never reuses a number after pruning, and says when it cannot answer', () => {
    const db = openCompanyDb(tempDir(), '42');
    try {
      expect(latestChange(db)).toBe(0);
      logChanges(db, 'order', ['s/1', 's/2']);
      logChanges(db, 'order', ['s/2']);
      logChanges(db, 'doc', ['Invoice:7']);
      logChanges(db, 'order', []);
      const seen = latestChange(db);
      expect(changesSince(db, 0)).toEqual({ upTo: seen, orders: ['s/1', 's/2'], docs: ['Invoice:7'], customers: [], items: false });

      pruneChanges(db, seen);
      logChanges(db, 'item', ['3']);
      // Numbering continues above the pruned rows (the newest is kept), so "after `seen`" stays exact.
      expect(latestChange(db)).toBe(seen + 1);
      expect(changesSince(db, seen)).toEqual({ upTo: seen + 1, orders: [], docs: [], customers: [], items: true });
      // A reader that had seen less than what was pruned must start over.
      expect(changesSince(db, seen - 1)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('is written by every writer of the rows reconciliation reads (only store-orders.ts and qbo/write.ts write them)', () => {
    const files = (dir: string): string[] =>
      readdirSync(join(repoRoot, dir)).flatMap((e) => (statSync(join(repoRoot, dir, e)).isDirectory() ? files(join(dir, e)) : e.endsWith('.ts') ? [join(dir, e)] : []));
    const writes = /(INSERT(?: OR REPLACE)? INTO|UPDATE|DELETE FROM)\s+(store_orders|qbo_sales_txns|qbo_payments|qbo_customers|qbo_items)\b/;
    const writers = files('main').filter((f) => !f.includes('migrations') && writes.test(readFileSync(join(repoRoot, f), 'utf8')));
    expect(writers.sort()).toEqual([join('main', 'mirror', 'qbo', 'write.ts'), join('main', 'mirror', 'store-orders.ts')]);
  });
});
