/**
 * The matching passes, in order, first hit wins, each document claimed at most once:
 * 1. the stamp in PrivateNote; 2. a link the bookkeeper made or confirmed; 3. DocNumber equal to
 * the order number with the same customer or amount (refund documents: `<number>-R<n>`);
 * 4. fuzzy: scored candidates, linked at or above the auto-link threshold, suggested at or above
 * the review threshold. Rejected pairs are never joined by any pass. Ties are broken by a total
 * order on (evidence, date distance, order key, document key), so the result never depends on
 * input order.
 *
 * Passes 1–3 only ever relate an order to documents that carry its stamp or number, or that the
 * bookkeeper linked: they run on any set of orders and documents closed under those relations
 * (an "identity group") with the same result as on everything. The fuzzy pass is a greedy
 * assignment over candidate edges; greedy on each connected component equals greedy on the whole.
 * Incremental reconciliation (session.ts) relies on both facts.
 */
import { customerEmail, type DocFacts, type OrderFacts } from './facts';
import { score, scorePoints, WINDOW_DAYS } from './fuzzy-score';
import type { CustomerInput, Decisions, DocKey, LinkMethod, ManualLink, MatchSettings, OrderKey, PaymentInput } from './types';

/** Whether the order claims its sale itself (claims are in role order: a sale comes first). */
export const hasOwnSale = (o: OrderFacts): boolean => o.claims !== null && o.claims[0]!.role === 'sale';

/** A document (or payment) an order claims, and how. */
export interface Claim {
  docKey: DocKey;
  /** The claimed sales document's facts (null for a payment): a verdict reads them without a lookup by key. */
  doc: DocFacts | null;
  orderKey: OrderKey;
  method: LinkMethod;
  role: 'sale' | 'refund' | 'payment' | 'duplicate';
  score: number | null;
  reasons: string[];
}

export const isSaleType = (t: string): boolean => t === 'Invoice' || t === 'SalesReceipt';
export const REFUND_NUMBER = /^(.*)-R\d+$/;
/** QBO keeps 21 characters of DocNumber. */
export const docNumberOf = (orderNumber: string): string => orderNumber.slice(0, 21);
/** The stamp's `<source>:<sourceId>`, the key orders are found by. */
export const stampKeyOf = (stamp: string): string => stamp.slice('ledgerbridge:'.length);

/** Numeric-aware id order, so Id "9" sorts before "10". */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // Hand-rolled natural order: localeCompare with options builds a collator per call, which
  // dominated a 100,000-order reconcile.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = ca >= 48 && ca <= 57;
    const db = cb >= 48 && cb <= 57;
    if (da && db) {
      let ei = i;
      let ej = j;
      while (ei < a.length && a.charCodeAt(ei) >= 48 && a.charCodeAt(ei) <= 57) ei++;
      while (ej < b.length && b.charCodeAt(ej) >= 48 && b.charCodeAt(ej) <= 57) ej++;
      let si = i;
      let sj = j;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      const la = ei - si;
      const lb = ej - sj;
      if (la !== lb) return la - lb;
      for (let k = 0; k < la; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return (a.length - i) - (b.length - j);
  return a < b ? -1 : 1;
}

/** Decisions indexed the way the passes ask for them. */
export interface DecisionIndex {
  rejected: Set<string>;
  ignored: Map<OrderKey, string>;
  links: ManualLink[];
  linksByDoc: Map<DocKey, ManualLink[]>;
  linksByOrder: Map<OrderKey, ManualLink[]>;
}

export const pairKey = (o: OrderKey, d: DocKey): string => `${o}|${d}`;

export function indexDecisions(d: Decisions): DecisionIndex {
  const linksByDoc = new Map<DocKey, ManualLink[]>();
  const linksByOrder = new Map<OrderKey, ManualLink[]>();
  for (const l of d.links) {
    push(linksByDoc, l.docKey, l);
    push(linksByOrder, l.orderKey, l);
  }
  return {
    rejected: new Set(d.rejections.map((r) => pairKey(r.orderKey, r.docKey))),
    ignored: new Map(d.ignored.map((i) => [i.orderKey, i.reason])),
    links: d.links,
    linksByDoc,
    linksByOrder,
  };
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the identity passes found, besides the claims they wrote on the orders' and documents'
 * facts (OrderFacts.claims: each order's in role order, its sale, duplicates, refunds, payments,
 * each by key; DocFacts.claim).
 */
export interface IdentityResult {
  /** The payments claimed, by key. */
  paymentClaims: Map<DocKey, Claim>;
  /** The given orders by stamp and by number, as the passes indexed them. */
  orders: OrderLookup;
}

/** Orders by what documents carry of them: their stamp key, their number. */
export interface OrderLookup {
  hasStamp(stampKey: string): boolean;
  /** By key. */
  numbered(number: string): readonly OrderKey[];
}

/**
 * Passes 1–3 (and payments following the invoice they pay) over an identity-closed set; the
 * claims of these orders and documents are replaced. `links` are the manual links among them.
 */
export function identityPasses(
  orders: readonly OrderFacts[],
  docs: readonly DocFacts[],
  payments: readonly PaymentInput[],
  customers: ReadonlyMap<string, CustomerInput>,
  decisions: DecisionIndex,
  links: readonly ManualLink[],
): IdentityResult {
  const paymentClaims = new Map<DocKey, Claim>();
  for (const o of orders) o.claims = null;
  for (const d of docs) d.claim = null;
  // Orders and documents are named by their position in `orders` and `docs`, and what the passes
  // note of each lives on its facts or in arrays: operations on maps and sets of 100,000 string
  // keys were most of this function's time. Whether an order has its sale yet (its claims are
  // sorted only at the end):
  const saleAt = new Uint8Array(orders.length);
  /** The position of the order that claimed the document at that position. */
  const claimedBy = new Int32Array(docs.length);
  const isRejected = (o: OrderKey, d: DocKey): boolean => decisions.rejected.size > 0 && decisions.rejected.has(pairKey(o, d));

  // No global sort (it dominated a 100,000-order run): ties are settled where they occur, by key.
  // Almost every stamp and number has one order, so a lone value is held as itself, not in an array.
  const byStamp = new Map<string, number>();
  const byNumber = new Map<string, number | number[]>();
  const keyAt = (i: number): OrderKey => orders[i]!.input.key;
  const byKey = (a: number, b: number): number => compareKeys(keyAt(a), keyAt(b));
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    const prev = byStamp.get(o.stampKey);
    if (prev === undefined || compareKeys(o.input.key, keyAt(prev)) < 0) byStamp.set(o.stampKey, i);
    const number = docNumberOf(o.order.number);
    const held = byNumber.get(number);
    if (held === undefined) byNumber.set(number, i);
    else if (typeof held === 'number') byNumber.set(number, [held, i]);
    else held.push(i);
  }
  for (const list of byNumber.values()) if (typeof list !== 'number') list.sort(byKey);
  const ordersNumbered = (number: string): readonly number[] => {
    const held = byNumber.get(number);
    return held === undefined ? NO_POSITIONS : typeof held === 'number' ? [held] : held;
  };

  /** `at`: the order's position (for a sales document, its first is the sale, the rest duplicates). */
  const claim = (docKey: DocKey, doc: DocFacts | null, at: number, method: LinkMethod, kind: 'sales' | 'refund' | 'payment', reasons: string[] = NO_REASONS): Claim => {
    let role: Claim['role'] = kind === 'sales' ? 'sale' : kind;
    if (kind === 'sales') {
      if (saleAt[at] === 1) role = 'duplicate';
      else saleAt[at] = 1;
    }
    const o = orders[at]!;
    const c: Claim = { docKey, doc, orderKey: o.input.key, method, role, score: null, reasons };
    if (o.claims === null) o.claims = [c];
    else o.claims.push(c);
    return c;
  };
  const claimDoc = (j: number, at: number, method: LinkMethod, kind: 'sales' | 'refund', reasons?: string[]): void => {
    claimedBy[j] = at;
    docs[j]!.claim = claim(docs[j]!.input.key, docs[j]!, at, method, kind, reasons);
  };
  const claimPayment = (p: PaymentInput, at: number, method: LinkMethod): void => {
    paymentClaims.set(p.key, claim(p.key, null, at, method, 'payment'));
  };
  const kindOf = (d: DocFacts): 'sales' | 'refund' => (isSaleType(d.input.type) ? 'sales' : 'refund');

  // 1. Stamp. Per order, active documents first (a voided earlier posting never hides the live one), then by key.
  const stamped: Array<number | number[] | undefined> = new Array(orders.length).fill(undefined);
  const stampedOrders: number[] = [];
  for (let j = 0; j < docs.length; j++) {
    const d = docs[j]!;
    if (d.input.stamp === null) continue;
    const i = byStamp.get(stampKeyOf(d.input.stamp));
    if (i === undefined || isRejected(keyAt(i), d.input.key)) continue;
    const held = stamped[i];
    if (held === undefined) {
      stamped[i] = j;
      stampedOrders.push(i);
    } else if (typeof held === 'number') stamped[i] = [held, j];
    else held.push(j);
  }
  for (const i of stampedOrders) {
    const found = stamped[i]!;
    if (typeof found === 'number') {
      // One document, the order's first claim: written out, the common case of a full run.
      const d = docs[found]!;
      const kind = kindOf(d);
      if (kind === 'sales') saleAt[i] = 1;
      claimedBy[found] = i;
      const c: Claim = { docKey: d.input.key, doc: d, orderKey: keyAt(i), method: 'stamp', role: kind === 'sales' ? 'sale' : kind, score: null, reasons: NO_REASONS };
      d.claim = c;
      orders[i]!.claims = [c];
      continue;
    }
    found.sort((a, b) => Number(docs[a]!.input.voided) - Number(docs[b]!.input.voided) || compareKeys(docs[a]!.input.key, docs[b]!.input.key));
    for (const j of found) claimDoc(j, i, 'stamp', kindOf(docs[j]!));
  }
  for (const p of payments) {
    if (p.stamp === null) continue;
    const i = byStamp.get(stampKeyOf(p.stamp));
    if (i !== undefined && !isRejected(keyAt(i), p.key)) claimPayment(p, i, 'stamp');
  }

  // 2. Links the bookkeeper made or confirmed.
  if (links.length > 0) {
    const orderAt = new Map(orders.map((o, i) => [o.input.key, i]));
    const docAt = new Map(docs.map((d, j) => [d.input.key, j]));
    const paymentOf = new Map(payments.map((p) => [p.key, p]));
    const sortedLinks = [...links].sort((a, b) => a.at.localeCompare(b.at) || compareKeys(a.docKey, b.docKey));
    for (const l of sortedLinks) {
      const i = orderAt.get(l.orderKey);
      const j = docAt.get(l.docKey);
      if ((j !== undefined ? docs[j]!.claim !== null : paymentClaims.has(l.docKey)) || i === undefined || isRejected(l.orderKey, l.docKey)) continue;
      const p = paymentOf.get(l.docKey);
      if (j !== undefined) claimDoc(j, i, l.method, kindOf(docs[j]!));
      else if (p) claimPayment(p, i, l.method);
    }
  }

  // 3. DocNumber (same customer or same amount); duplicates compete, best evidence first.
  const numberPairs: Array<{ i: number; j: number; rank: number; days: number }> = [];
  for (let j = 0; j < docs.length; j++) {
    const d = docs[j]!;
    const doc = d.input;
    if (d.claim !== null || doc.stamp !== null || doc.docNumber === null) continue;
    if (isSaleType(doc.type)) {
      for (const i of ordersNumbered(doc.docNumber)) {
        const o = orders[i]!;
        if (isRejected(o.input.key, doc.key)) continue;
        const sameAmount = o.order.total === doc.total || doc.voided;
        const email = customerEmail(doc.customerId === null ? undefined : customers.get(doc.customerId));
        const sameCustomer = o.email !== null && email !== null && o.email === email;
        if (!sameAmount && !sameCustomer) continue;
        numberPairs.push({ i, j, rank: (sameAmount ? 2 : 0) + (sameCustomer ? 1 : 0), days: Math.abs(o.day - d.day) });
      }
    } else {
      const m = REFUND_NUMBER.exec(doc.docNumber);
      const candidates = m ? ordersNumbered(m[1]!) : NO_POSITIONS;
      const i = candidates.find((c) => !isRejected(keyAt(c), doc.key));
      if (i !== undefined) claimDoc(j, i, 'docnumber', 'refund');
    }
  }
  numberPairs.sort((a, b) => b.rank - a.rank || a.days - b.days || byKey(a.i, b.i) || compareKeys(docs[a.j]!.input.key, docs[b.j]!.input.key));
  for (const p of numberPairs) {
    if (docs[p.j]!.claim !== null || saleAt[p.i] === 1) continue;
    const reasons = [`DocNumber ${docs[p.j]!.input.docNumber}`, p.rank >= 2 ? 'amount equal' : 'amount differs', p.rank % 2 === 1 ? 'same email' : 'different customer'];
    claimDoc(p.j, p.i, 'docnumber', 'sales', reasons);
  }

  // Payments applied to a claimed invoice follow it. Only the documents they are applied to are
  // looked up by key: a map of every document would cost more than the rest of this step.
  const following = payments.filter((p) => !paymentClaims.has(p.key) && p.appliedTo.length > 0);
  if (following.length > 0) {
    const targets = new Set(following.flatMap((p) => p.appliedTo));
    const target = new Map<DocKey, number>();
    for (let j = 0; j < docs.length; j++) if (targets.has(docs[j]!.input.key)) target.set(docs[j]!.input.key, j);
    for (const p of following) {
      for (const key of p.appliedTo) {
        const j = target.get(key);
        const c = j === undefined ? null : docs[j]!.claim;
        if (c && !isRejected(c.orderKey, p.key)) {
          claimPayment(p, claimedBy[j!]!, c.method);
          break;
        }
      }
    }
  }
  // Each order's claims in role order: sale, duplicates, refunds, payments, each by key.
  for (const o of orders) {
    if (o.claims !== null && o.claims.length > 1) o.claims.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || compareKeys(a.docKey, b.docKey));
  }
  return { paymentClaims, orders: { hasStamp: (stampKey) => byStamp.has(stampKey), numbered: (number) => ordersNumbered(number).map(keyAt) } };
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);

const ROLE_RANK = { sale: 0, duplicate: 1, refund: 2, payment: 3 } as const;

/** Shared by every claim without reasons of its own; never written to. */
const NO_REASONS: string[] = [];

/** The fuzzy pass's tolerance for amounts: beyond 5 % the amount earns nothing. */
export function amountSpread(total: number, tolerance: number): number {
  return Math.max(tolerance, Math.floor(Math.abs(total) / 20));
}

export interface FuzzyPair {
  o: OrderFacts;
  d: DocFacts;
  points: number;
  days: number;
  reasons: string[];
}

/**
 * An edge of the fuzzy graph: the document is within the order's amount spread or belongs to a
 * customer with the order's email, within the date window, not rejected, scoring at least the
 * review threshold. The one definition both the full and the incremental pass use.
 */
export function fuzzyEdge(o: OrderFacts, d: DocFacts, customers: ReadonlyMap<string, CustomerInput>, decisions: DecisionIndex, settings: MatchSettings): FuzzyPair | null {
  const tolerance = settings.roundingToleranceMinor;
  const customer = d.input.customerId === null ? undefined : customers.get(d.input.customerId);
  const byAmount = Math.abs(o.order.total - d.input.total) <= amountSpread(o.order.total, tolerance);
  const byEmail = o.email !== null && customerEmail(customer) === o.email;
  if (!byAmount && !byEmail) return null;
  const days = Math.abs(o.day - d.day);
  if (days > WINDOW_DAYS) return null;
  if (decisions.rejected.size > 0 && decisions.rejected.has(pairKey(o.input.key, d.input.key))) return null;
  const review = Math.round(settings.reviewThreshold * 1000);
  if (scorePoints(o, d, customer, tolerance, review) < review) return null;
  const s = score(o, d, customer, tolerance);
  return { o, d, points: s.points, days, reasons: s.reasons };
}

export function comparePairs(a: FuzzyPair, b: FuzzyPair): number {
  return b.points - a.points || a.days - b.days || compareKeys(a.o.input.key, b.o.input.key) || compareKeys(a.d.input.key, b.d.input.key);
}

export interface FuzzyAssignment {
  links: Map<DocKey, FuzzyPair>;
  suggestions: Map<DocKey, FuzzyPair>;
}

/** Greedy: best pair first, each order and document used once; linked at or above auto-link. */
export function assign(pairs: FuzzyPair[], settings: MatchSettings): FuzzyAssignment {
  pairs.sort(comparePairs);
  const auto = Math.round(settings.autoLinkThreshold * 1000);
  const usedOrders = new Set<OrderKey>();
  const usedDocs = new Set<DocKey>();
  const out: FuzzyAssignment = { links: new Map(), suggestions: new Map() };
  for (const p of pairs) {
    const ok = p.o.input.key;
    const dk = p.d.input.key;
    if (usedOrders.has(ok) || usedDocs.has(dk)) continue;
    usedOrders.add(ok);
    usedDocs.add(dk);
    (p.points >= auto ? out.links : out.suggestions).set(dk, p);
  }
  return out;
}

/** Whether a document may be taken by the fuzzy pass at all. */
export function fuzzyDoc(d: DocFacts, shapes: ReadonlySet<string>): boolean {
  // A document carrying a store-shaped number belongs to that number: only pass 3 may take it.
  return isSaleType(d.input.type) && d.claim === null && d.input.stamp === null && !d.input.voided && (d.shape === null || !shapes.has(d.shape));
}

