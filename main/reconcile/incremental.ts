/**
 * A company's reconciler kept in memory between syncs: a full run when it starts, then after each
 * sync only the orders and documents the sync wrote (and the decisions just made) are read back
 * from the mirror and re-reconciled; the stored verdicts are updated in place. What the sync wrote
 * comes from the mirror's change log (migration 007), so no writer has to report it.
 */
import { changesSince, pruneChanges } from '../mirror/changes';
import type { CompanyDb } from '../mirror/open';
import { loadDecisions } from './decisions';
import { withFullInput } from './full-read/reader';
import { loadCustomers, loadDocs, loadOrders, loadPayments } from './load';
import type { ThreadStore } from './full-write/writer';
import { fullRunWriter, saveAll, saveSome, type SavedCounts } from './results';
import { ReconcileSession, type Change, type ChangeResult } from './session';
import { splitDocKey, splitOrderKey, type DocKey, type OrderKey, type QboSideResult, type ReconcileConfig } from './types';

export interface ChangedKeys {
  orders?: OrderKey[];
  /** Sales documents (`Invoice:12`) and payments (`Payment:7`) written or deleted. */
  docs?: DocKey[];
  customers?: string[];
  /** The bookkeeper made or undid a decision. */
  decisions?: boolean;
}

/**
 * Beyond this many changed orders and documents (or this share of the company), re-reading
 * everything is cheaper than following each change (a full QuickBooks pull rewrites every row).
 */
const INCREMENTAL_MAX = 5_000;
const INCREMENTAL_MAX_SHARE = 0.25;

export class CompanyReconciler {
  /**
   * `session` and `seq`: kept from an earlier reconciler of the same company and config, to
   * refresh incrementally; `seq` is the last mirror change the session reflects.
   */
  constructor(
    private readonly db: CompanyDb,
    readonly config: ReconcileConfig,
    readonly session: ReconcileSession = new ReconcileSession(config),
    public seq = 0,
  ) {}

  /** Everything, from the mirror; stores every verdict (streamed, never all in memory). */
  full(): SavedCounts {
    // Started once the mirror is read, a big company's writer thread opens its transaction and
    // reads what is stored while this thread matches; started with the read, it took the core the
    // reader and this thread share.
    let writer = null as ThreadStore | null;
    try {
      this.seq = withFullInput(this.db, (input) => {
        this.session.load(input, () => {
          writer = this.startWriter();
        });
        return input.seq;
      });
    } catch (error) {
      writer?.close();
      throw error;
    }
    const counts = this.storeAll(this.session.qboSide(), writer);
    pruneChanges(this.db, this.seq);
    return counts;
  }

  /** The writer thread for every verdict of a big company (full-write/), or null to store them here. */
  private startWriter(): ThreadStore | null {
    return fullRunWriter(this.db, this.config.timeZone, { expected: this.session.orderCount() });
  }

  private storeAll(qboSide: readonly QboSideResult[], writer: ThreadStore | null): SavedCounts {
    return saveAll(this.db, this.session.results(true), qboSide, this.config.timeZone, { writer });
  }

  /**
   * Re-reconciles whatever the mirror logged since the session last looked (plus the decisions,
   * when asked); a full run when the log cannot say (pruned by another reader), an item changed
   * (shipping and rounding items shape every document), or too much changed to be worth following.
   */
  catchUp(options: { decisions?: boolean } = {}): { full: boolean; recomputed: number } {
    const changes = changesSince(this.db, this.seq);
    const changed = changes ? changes.orders.length + changes.docs.length : Infinity;
    if (!changes || changes.items || changed > Math.max(INCREMENTAL_MAX, INCREMENTAL_MAX_SHARE * this.session.size())) {
      return { full: true, recomputed: this.full().orders };
    }
    const result = this.refresh({ orders: changes.orders, docs: changes.docs, customers: changes.customers, decisions: options.decisions });
    this.seq = changes.upTo;
    pruneChanges(this.db, this.seq);
    return { full: result.full, recomputed: result.recomputed.length };
  }

  /** Re-reads the named rows (absent ones were deleted), re-reconciles what they touch, stores that. */
  refresh(keys: ChangedKeys): ChangeResult {
    const change: Change = {};
    const orderStmt = (key: OrderKey) => {
      const { storeId, sourceId } = splitOrderKey(key);
      return loadOrders(this.db, 'WHERE store_id = ? AND source_id = ?', [storeId, sourceId])[0];
    };
    for (const key of new Set(keys.orders ?? [])) {
      const o = orderStmt(key);
      if (o) (change.orders ??= []).push(o);
      else (change.removedOrders ??= []).push(key);
    }
    for (const key of new Set(keys.docs ?? [])) {
      const { type, id } = splitDocKey(key);
      if (type === 'Payment') {
        const p = loadPayments(this.db, 'WHERE id = ?', [id])[0];
        if (p) (change.payments ??= []).push(p);
        else (change.removedPayments ??= []).push(key);
      } else {
        const d = loadDocs(this.db, 'WHERE type = ? AND id = ?', [type, id])[0];
        if (d) (change.docs ??= []).push(d);
        else (change.removedDocs ??= []).push(key);
      }
    }
    if (keys.customers?.length) {
      const wanted = new Set(keys.customers);
      // Only the changed customers: a company may have as many as it has orders.
      const found = loadCustomers(this.db, 'WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify([...wanted])]);
      change.customers = found;
      const present = new Set(found.map((c) => c.id));
      change.removedCustomers = [...wanted].filter((id) => !present.has(id));
    }
    if (keys.decisions) change.decisions = loadDecisions(this.db);
    const result = this.session.apply(change);
    if (result.full) this.storeAll(result.qboSide, this.startWriter());
    else saveSome(this.db, result.recomputed, result.removed, result.qboSide, this.config.timeZone);
    return result;
  }
}
