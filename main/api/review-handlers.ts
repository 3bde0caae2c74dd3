/**
 * The review screens' calls: reconcile from the mirror, the summary, the order list, one order's
 * detail, and the bookkeeper's decisions. All read or write the company's local file only, so
 * review works offline.
 */
import { userInfo } from 'node:os';
import type { AppContext } from '../app/context';
import { companySync } from '../company-sync/company-sync';
import type { CompanyDb } from '../mirror/open';
import { openExistingCompany, postingPreferencesByStore, requireCompanyFile } from '../reconcile/company';
import { Proposer } from '../reconcile/proposals';
import { acceptDifference, DecisionError, ignoreOrder, linkDocument, rejectPair, unignoreOrder, type Actor } from '../reconcile/decisions';
import { listOrders, orderDetail, storedResult, summary } from '../reconcile/read';
import { reconcileWorker } from '../reconcile/worker/host';
import { configFromSettings } from '../reconcile/service';
import { AppError } from './errors';
import type { HandlerTable } from './handlers';

type ReviewCalls = 'syncCompany' | 'reconcileCompany' | 'getReviewSummary' | 'listReviewOrders' | 'getOrderDetail' | 'decideOrder';

/** The company's mirror open for `work` (which may wait on the reconcile worker: WAL shows its commits). */
async function withCompany<T>(ctx: AppContext, realmId: string, work: (db: CompanyDb) => T | Promise<T>): Promise<T> {
  const db = openExistingCompany(ctx.dataDir, realmId);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * Re-reconciles in the worker what changed since it last looked (the whole company the first
 * time). The company must exist: the worker would create a file for an unknown one.
 */
function refresh(ctx: AppContext, realmId: string, options: { decisions?: boolean } = {}): Promise<{ full: boolean }> {
  requireCompanyFile(ctx.dataDir, realmId);
  return reconcileWorker().refresh(ctx.dataDir, realmId, configFromSettings(ctx.settings.read(), realmId), options);
}

function actor(): Actor {
  try {
    return { by: userInfo().username };
  } catch {
    return { by: 'unknown' };
  }
}

export const reviewHandlers: Pick<HandlerTable, ReviewCalls> = {
  async syncCompany({ realmId, full }, ctx) {
    const outcome = await companySync(ctx).sync(realmId, full === true);
    const s = outcome.qbo.summary;
    return {
      qbo: { status: outcome.qbo.status, error: outcome.qbo.error, mode: s?.mode ?? null, requests: s?.requests ?? 0, seconds: s?.seconds ?? 0 },
      stores: outcome.stores.map(({ name, status, added, updated, unchanged, warnings, error }) => ({ name, status, added, updated, unchanged, warnings, error })),
      summary: outcome.reconciliation,
    };
  },

  async reconcileCompany({ realmId }, ctx) {
    // Catching up gives what a full run would (tested); only the first call of a session pays for one.
    await refresh(ctx, realmId);
    return withCompany(ctx, realmId, (db) => summary(db));
  },

  async getReviewSummary({ realmId }, ctx) {
    return withCompany(ctx, realmId, (db) => summary(db));
  },

  async listReviewOrders({ realmId, ...query }, ctx) {
    return withCompany(ctx, realmId, (db) => listOrders(db, query));
  },

  async getOrderDetail({ realmId, orderKey }, ctx) {
    const settings = ctx.settings.read();
    const detail = await withCompany(ctx, realmId, (db) =>
      orderDetail(db, orderKey, new Proposer(db, configFromSettings(settings, realmId), postingPreferencesByStore(settings, realmId))),
    );
    if (!detail) throw new AppError('not_found', `No order ${orderKey} in this company's last reconciliation.`, 'orderKey');
    return { ...detail, proposal: detail.proposal ?? null };
  },

  async decideOrder({ realmId, orderKey, decision }, ctx) {
    return withCompany(ctx, realmId, async (db) => {
      const who = actor();
      try {
        if (decision.kind === 'confirm') linkDocument(db, orderKey, decision.docKey, who, 'confirmed');
        else if (decision.kind === 'reject') rejectPair(db, orderKey, decision.docKey, who);
        else if (decision.kind === 'accept') acceptDifference(db, orderKey, decision.docKey, decision.field, who);
        else if (decision.kind === 'ignore') ignoreOrder(db, orderKey, decision.reason, who);
        else unignoreOrder(db, orderKey);
      } catch (error) {
        if (error instanceof DecisionError) throw new AppError('invalid_request', error.message);
        throw error;
      }
      // Only what the decision touches is re-reconciled (the whole company on the first one).
      await refresh(ctx, realmId, { decisions: true });
      const result = storedResult(db, orderKey);
      if (!result) throw new AppError('not_found', `No order ${orderKey} in this company.`, 'orderKey');
      return result;
    });
  },
};
