/**
 * One order's verdict from its claims: exactly one status, the field diffs behind it and a
 * sentence that says why. Precedence when several apply (the seed's README states the same):
 * ignored → no document (suggested / missing) → cancelled → differs → unpaid → refund missing → in sync.
 */
import { formatMinor } from '../orders/money';
import { compareOrder } from './compare';
import type { DocFacts, OrderFacts } from './facts';
import type { Claim } from './match';
import { splitDocKey, type AcceptedDifference, type CustomerInput, type FieldDiff, type LinkedDoc, type MatchInfo, type OrderResult, type Status, type Suggestion } from './types';

export const diffId = (d: Pick<FieldDiff, 'field' | 'detail'>): string => (d.detail === '' ? d.field : `${d.field}:${d.detail}`);

/** What matching decided about one order. */
export interface OrderMatchView {
  /** Documents and payments claimed by the order, with how, in role order: sale, duplicates, refunds, payments. */
  claimsOf(o: OrderFacts): readonly Claim[];
  suggestionOf(orderKey: string): Suggestion | null;
}

export interface StatusContext {
  customers: ReadonlyMap<string, CustomerInput>;
  accepted: ReadonlyMap<string, AcceptedDifference[]>;
  ignored: ReadonlyMap<string, string>;
  tolerance: number;
}

const IN_SYNC = 'every compared field agrees';

export function orderResult(o: OrderFacts, match: OrderMatchView, ctx: StatusContext): OrderResult {
  const key = o.input.key;
  const order = o.order;
  const linked: LinkedDoc[] = [];
  let sale: DocFacts | undefined;
  let saleClaim: Claim | undefined;
  const refunds: DocFacts[] = [];
  const duplicates: DocFacts[] = [];
  for (const c of match.claimsOf(o)) {
    const dk = c.docKey;
    const d = c.doc;
    // The document's own type and id, not the key cut apart: this runs for every order of a full run.
    if (d !== null) linked.push({ key: dk, type: d.input.type, id: d.input.id, role: c.role, method: c.method });
    else {
      const { type, id } = splitDocKey(dk);
      linked.push({ key: dk, type, id, role: c.role, method: c.method });
      continue;
    }
    if (c.role === 'sale') {
      sale = d;
      saleClaim = c;
    } else if (c.role === 'refund') refunds.push(d);
    else if (c.role === 'duplicate') duplicates.push(d);
  }
  const matchInfo: MatchInfo | null = saleClaim ? { method: saleClaim.method, score: saleClaim.score, reasons: saleClaim.reasons.length ? saleClaim.reasons : defaultReasons(saleClaim, sale!) } : null;
  // Only an order without its sale is suggested a document (the fuzzy pass takes no other): most orders skip the lookup.
  const suggestion = saleClaim ? null : match.suggestionOf(key);
  const skus = o.products.map((p) => p.sku ?? p.name);
  const money = (m: number): string => formatMinor(m, order.currency);

  const ignoredReason = ctx.ignored.get(key);
  // One object literal (not a spread of a shared base): 100,000 of these are built per full run.
  const verdict = (status: Status, explanation: string, diffs: FieldDiff[] = []): OrderResult => ({
    key, storeId: o.input.storeId, sourceId: order.sourceId, number: order.number, orderDate: o.date, total: order.total, currency: order.currency,
    customer: { name: order.customer.name, email: order.customer.email }, skus, match: matchInfo, docs: linked, suggestion,
    ignoredReason: ignoredReason ?? null, status, explanation, diffs,
  });

  let diffs: FieldDiff[] = [];
  let unpaid = 0;
  let refundGap = 0;
  if (sale && !sale.input.voided) {
    const c = compareOrder(o, sale, refunds, sale.input.customerId === null ? undefined : ctx.customers.get(sale.input.customerId), ctx.tolerance);
    diffs = c.diffs;
    unpaid = c.unpaid;
    refundGap = c.refundGap;
    for (const dup of duplicates) {
      if (!dup.input.voided) diffs.push({ field: 'document', detail: `duplicate ${dup.input.type} ${dup.input.id}`, store: null, qbo: `${dup.input.type} ${dup.input.docNumber ?? dup.input.id}`, rule: 'one sales document per order', differs: true, accepted: false });
    }
    markAccepted(diffs, ctx.accepted.get(key) ?? [], o.input.contentHash, `${sale.input.key}@${sale.input.syncToken}`);
  }

  if (ignoredReason !== undefined) return verdict('ignored', `ignored: ${ignoredReason}`, diffs);
  if (!sale) {
    if (suggestion) return verdict('suggested_match', `no linked document; ${suggestion.docKey.replace(':', ' ')} may be it (${suggestion.reasons.join(', ')})`);
    if (o.cancelled) return verdict('in_sync', 'cancelled before it was posted; nothing to record');
    return verdict('missing_in_qbo', 'no QuickBooks document records this order');
  }
  if (o.cancelled) {
    if (sale.input.voided) return verdict('in_sync', `cancelled; ${sale.input.type} ${sale.input.id} is voided`);
    const refundedInQbo = refunds.reduce((n, r) => n + (r.input.voided ? 0 : r.input.total), 0);
    if (sale.input.total - refundedInQbo !== 0) return verdict('cancelled_open', `cancelled in the store; ${sale.input.type} ${sale.input.id} is still active in QuickBooks`, diffs);
    return verdict('in_sync', 'cancelled; the QuickBooks document is fully refunded');
  }
  if (sale.input.voided) {
    return verdict('differs', `${sale.input.type} ${sale.input.id} is voided in QuickBooks, but the order stands`, [
      { field: 'document', detail: 'voided', store: 'active', qbo: 'voided', rule: 'exact', differs: true, accepted: false },
    ]);
  }
  const open = diffs.length === 0 ? diffs : diffs.filter((d) => d.differs && !d.accepted);
  if (open.length > 0) return verdict('differs', `${open.length} ${open.length === 1 ? 'field differs' : 'fields differ'}: ${open.map(diffId).join(', ')}`, diffs);
  if (unpaid > 0) return verdict('unpaid_in_qbo', `paid in the store; ${sale.input.type} ${sale.input.id} still has ${money(unpaid)} open`, diffs);
  if (refundGap > 0) return verdict('refund_missing', `${money(refundGap)} refunded in the store is not in QuickBooks`, diffs);
  return verdict('in_sync', inSyncExplanation(diffs), diffs);
}

/** Most orders agree on every field; only the rest pay for naming tolerated and accepted differences. */
function inSyncExplanation(diffs: readonly FieldDiff[]): string {
  if (diffs.length === 0) return IN_SYNC;
  const tolerated = diffs.some((d) => !d.differs && d.rule.includes('tolerance'));
  const acceptedCount = diffs.filter((d) => d.accepted).length;
  return [IN_SYNC, tolerated ? 'tax within the rounding tolerance' : '', acceptedCount ? `${acceptedCount} accepted difference${acceptedCount === 1 ? '' : 's'}` : ''].filter(Boolean).join('; ');
}

function defaultReasons(c: Claim, d: DocFacts): string[] {
  if (c.method === 'stamp') return [`stamp ${d.input.stamp}`];
  if (c.method === 'manual') return ['linked by the bookkeeper'];
  if (c.method === 'confirmed') return ['suggested match confirmed by the bookkeeper'];
  return [];
}

/** An accepted difference holds while neither the order nor the document has changed since. */
function markAccepted(diffs: FieldDiff[], accepted: readonly AcceptedDifference[], orderHash: string, docVersion: string): void {
  if (accepted.length === 0) return;
  const valid = new Set(accepted.filter((a) => a.orderHash === orderHash && a.docVersion === docVersion).map((a) => a.field));
  for (const d of diffs) if (d.differs && valid.has(diffId(d))) d.accepted = true;
}
