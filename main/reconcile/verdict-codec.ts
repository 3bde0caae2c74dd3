/**
 * A stored verdict's JSON: positional arrays of what the list row's columns do not hold, written
 * in the order the engine computes them. Keys and what the columns already say are left out
 * (a document's key is its type and id): bytes are most of what a full run spends encoding and
 * storing 100,000 verdicts. The first element is the layout; rows of an earlier layout still
 * decode until a full run rewrites them (a new layout changes every digest).
 *   layout 1: [1, customer, skus, match, docs, suggestion, ignoredReason, explanation, diffs], objects as they are
 *   layout 2: [2, name, email, skus, [method, score, reasons] | null, [[type, id, role, method]…],
 *             [docKey, score, reasons] | null, ignoredReason, explanation, [[field, detail, store, qbo, rule, differs, accepted]…]]
 */
import { docKeyOf, orderKeyOf, type FieldDiff, type LinkedDoc, type MatchInfo, type OrderResult, type Status, type Suggestion } from './types';

const LAYOUT = 2;

type Match = [method: MatchInfo['method'], score: number | null, reasons: string[]];
type Doc = [type: LinkedDoc['type'], id: string, role: LinkedDoc['role'], method: LinkedDoc['method']];
type Suggested = [docKey: string, score: number, reasons: string[]];
type Diff = [field: FieldDiff['field'], detail: string, store: FieldDiff['store'], qbo: FieldDiff['qbo'], rule: string, differs: 0 | 1, accepted: 0 | 1];

const docOf = (d: LinkedDoc): Doc => [d.type, d.id, d.role, d.method];
const diffOf = (d: FieldDiff): Diff => [d.field, d.detail, d.store, d.qbo, d.rule, d.differs ? 1 : 0, d.accepted ? 1 : 0];

export function encodeVerdict(r: OrderResult): string {
  const m = r.match;
  const s = r.suggestion;
  return JSON.stringify([
    LAYOUT, r.customer.name, r.customer.email, r.skus, m === null ? null : [m.method, m.score, m.reasons], r.docs.map(docOf),
    s === null ? null : [s.docKey, s.score, s.reasons], r.ignoredReason, r.explanation, r.diffs.map(diffOf),
  ]);
}

/** The list row's columns a verdict is rebuilt with, in this order (see VERDICT_COLUMNS). */
export type VerdictColumns = [storeId: string, sourceId: string, number: string, status: Status, orderDate: string, total: number, currency: string];
export const VERDICT_COLUMNS = 'o.store_id, o.source_id, o.number, o.status, o.order_date, o.total, o.currency';

export function decodeVerdict([storeId, sourceId, number, status, orderDate, total, currency]: VerdictColumns, json: string): OrderResult {
  const v = JSON.parse(json) as unknown[];
  const row = { key: orderKeyOf(storeId, sourceId), storeId, sourceId, number, orderDate, total, currency, status };
  if (v[0] === 1) {
    const [, customer, skus, match, docs, suggestion, ignoredReason, explanation, diffs] = v;
    return { ...row, customer, skus, match, docs, suggestion, ignoredReason, explanation, diffs } as OrderResult;
  }
  if (v[0] !== LAYOUT) throw new Error(`stored verdict of ${storeId}/${sourceId} has unknown layout ${JSON.stringify(v[0])}`);
  const [, name, email, skus, match, docs, suggestion, ignoredReason, explanation, diffs] = v as [
    number, string | null, string | null, string[], Match | null, Doc[], Suggested | null, string | null, string, Diff[],
  ];
  return {
    ...row,
    customer: { name, email },
    skus,
    match: match === null ? null : { method: match[0], score: match[1], reasons: match[2] },
    docs: docs.map(([type, id, role, method]) => ({ key: docKeyOf(type, id), type, id, role, method })),
    suggestion: suggestion === null ? null : ({ docKey: suggestion[0], score: suggestion[1], reasons: suggestion[2] } satisfies Suggestion),
    ignoredReason,
    explanation,
    diffs: diffs.map(([field, detail, store, qbo, rule, differs, accepted]) => ({ field, detail, store, qbo, rule, differs: differs === 1, accepted: accepted === 1 })),
  };
}
