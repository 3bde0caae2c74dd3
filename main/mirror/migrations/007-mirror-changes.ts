import type { Migration } from '../migrate';

/**
 * A log of what changed in the mirror, so that reconciliation after a sync re-reads only the
 * orders, documents and customers that changed, whoever wrote them (the sync worker, a CSV
 * import, another Ledgerbridge process). Each write batch adds one row naming its keys as a JSON
 * array — the keys reconciliation uses: `store/sourceId`, `Invoice:12`, `Payment:7`, a customer
 * id. (Triggers would log every row without the writers' help, but cost 50 % more per stored
 * order in our measurements.) Child rows (lines, links) are always written with their parent.
 *
 * Sequence numbers only grow: pruning keeps the newest row, so a reader that remembers the last
 * number it saw can trust "everything after it"; one that finds the log pruned past that point
 * (`mirror_changes_pruned.up_to`) reconciles from scratch.
 */
export const mirrorChanges007: Migration = {
  version: 7,
  name: 'mirror-changes',
  up(db) {
    db.exec(`
      CREATE TABLE mirror_changes (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL CHECK (entity IN ('order', 'doc', 'customer', 'item')),
        keys TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mirror_changes_pruned (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        up_to INTEGER NOT NULL
      ) STRICT;
      INSERT INTO mirror_changes_pruned (only, up_to) VALUES (1, 0);
    `);
  },
};
