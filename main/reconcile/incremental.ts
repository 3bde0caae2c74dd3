/**
 * A company's reconciler kept in memory between syncs: a full run when it starts, then after each
 * sync only the orders and documents the sync wrote (and the decisions just made) are read back
 * from the mirror and re-reconciled; the stored verdicts are updated in place.
 */
import type { CompanyDb } from '../mirror/open';
import { loadDecisions } from './decisions';
import { loadCustomers, loadDocs, loadInput, loadOrders, loadPayments } from './load';
import { saveAll, saveSome, type SavedCounts } from './results';
import { ReconcileSession, type Change, type ChangeResult } from './session';
import { splitDocKey, splitOrderKey, type DocKey, type OrderKey, type ReconcileConfig } from './types';

export interface ChangedKeys {
  orders?: OrderKey[];
  /** Sales documents (`Invoice:12`) and payments (`Payment:7`) written or deleted. */
  docs?: DocKey[];
  customers?: string[];
  /** The bookkeeper made or undid a decision. */
  decisions?: boolean;
}

export class CompanyReconciler {
  /** `session`: one kept from an earlier reconciler of the same company and config, to refresh incrementally. */
  constructor(
    private readonly db: CompanyDb,
    readonly config: ReconcileConfig,
    readonly session: ReconcileSession = new ReconcileSession(config),
  ) {}

  /** Everything, from the mirror; stores every verdict (streamed, never all in memory). */
  full(): SavedCounts {
    this.session.load(loadInput(this.db));
    return saveAll(this.db, this.session.results(), this.session.qboSide(), this.config.timeZone);
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
      const found = loadCustomers(this.db).filter((c) => wanted.has(c.id));
      change.customers = found;
      change.removedCustomers = [...wanted].filter((id) => !found.some((c) => c.id === id));
    }
    if (keys.decisions) change.decisions = loadDecisions(this.db);
    const result = this.session.apply(change);
    if (result.full) saveAll(this.db, this.session.results(), result.qboSide, this.config.timeZone);
    else saveSome(this.db, result.recomputed, result.removed, result.qboSide, this.config.timeZone);
    return result;
  }
}
