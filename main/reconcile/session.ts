/**
 * The reconciliation engine with memory: a full run over everything, then incremental runs that
 * re-reconcile only what a sync or a decision touched, with a result identical to a full
 * recompute (proved by test/reconcile/incremental.property.test.ts).
 *
 * How the affected set is found:
 * - passes 1–3 (stamp, link, DocNumber) relate an order only to documents carrying its stamp or
 *   number or linked by the bookkeeper, so they are re-run on the *identity group* of every
 *   changed order / document / payment — the closure over those relations, in the graph before and
 *   after the change;
 * - the fuzzy pass is a greedy assignment; greedy on a connected component of the candidate graph
 *   equals greedy on the whole, so it is re-run on the components (old and new) of every node whose
 *   facts, claims or participation changed.
 * Anything that changes every document's eligibility (the set of store number shapes, the item
 * list, the settings) falls back to a full run.
 */
import { docFacts, itemIndex, numberShape, orderFacts, type DocFacts, type ItemIndex, type OrderFacts } from './facts';
import { LocalDates } from './local-date';
import {
  amountSpread, assign, compareKeys, docNumberOf, fuzzyDoc, fuzzyEdge, hasOwnSale, identityPasses, indexDecisions, isSaleType, push, REFUND_NUMBER, stampKeyOf,
  type Claim, type DecisionIndex, type FuzzyPair, type OrderLookup,
} from './match';
import { WINDOW_DAYS } from './fuzzy-score';
import { orderResult, type OrderMatchView, type StatusContext } from './status';
import type {
  AcceptedDifference, CustomerInput, Decisions, DocInput, DocKey, OrderInput, OrderKey, OrderResult, PaymentInput, QboSideResult, ReconcileConfig, ReconcileInput, Suggestion,
} from './types';

export interface ReconcileOutput {
  orders: OrderResult[];
  qboSide: QboSideResult[];
}

/** What changed in the mirror since the last run; upserts carry the new rows. */
export interface Change {
  orders?: OrderInput[];
  removedOrders?: OrderKey[];
  docs?: DocInput[];
  removedDocs?: DocKey[];
  payments?: PaymentInput[];
  removedPayments?: DocKey[];
  customers?: CustomerInput[];
  removedCustomers?: string[];
  /** The complete current decisions, when any changed. */
  decisions?: Decisions;
}

export interface ChangeResult {
  /** Orders whose verdict was recomputed (new or changed). */
  recomputed: OrderResult[];
  removed: OrderKey[];
  qboSide: QboSideResult[];
  full: boolean;
}

type Node = string; // 'o' + OrderKey | 'd' + DocKey | 'p' + payment key
const O = (k: OrderKey): Node => `o${k}`;
const D = (k: DocKey): Node => `d${k}`;
const P = (k: DocKey): Node => `p${k}`;

/**
 * Fuzzy participants by day, each day sorted by amount: every fuzzy edge spans at most
 * WINDOW_DAYS, and (unless the customer's email matches, see the email index) at most the
 * amount spread — so candidates are a few binary-searched slices, not the whole pool.
 */
class DayAmountIndex {
  private readonly byDay = new Map<number, Array<{ total: number; key: string }>>();
  private static at(list: Array<{ total: number; key: string }>, total: number, key: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = list[mid]!;
      if (e.total < total || (e.total === total && e.key < key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  add(day: number, total: number, key: string): void {
    let list = this.byDay.get(day);
    if (!list) this.byDay.set(day, (list = []));
    list.splice(DayAmountIndex.at(list, total, key), 0, { total, key });
  }
  remove(day: number, total: number, key: string): void {
    const list = this.byDay.get(day);
    if (!list) return;
    const i = DayAmountIndex.at(list, total, key);
    if (list[i]?.key === key) list.splice(i, 1);
    if (list.length === 0) this.byDay.delete(day);
  }
  /** Keys within WINDOW_DAYS of `day` whose amount is within `spread(daysApart)` of `total`. */
  around(day: number, total: number, spread: (daysApart: number) => number, out: Set<string>): Set<string> {
    for (let d = day - WINDOW_DAYS; d <= day + WINDOW_DAYS; d++) {
      const list = this.byDay.get(d);
      if (!list) continue;
      const s = spread(Math.abs(d - day));
      if (s < 0) continue;
      for (let i = DayAmountIndex.at(list, total - s, ''); i < list.length && list[i]!.total <= total + s; i++) out.add(list[i]!.key);
    }
    return out;
  }
}

/**
 * key → values, holding a lone value as itself: almost every key (a stamp, an order number) has
 * exactly one value, and 500,000 one-element Sets cost more than the rest of the engine.
 */
class MultiMap {
  private readonly map = new Map<string, string | string[]>();
  add(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === undefined) this.map.set(key, value);
    else if (typeof v === 'string') { if (v !== value) this.map.set(key, [v, value]); }
    else if (!v.includes(value)) v.push(value);
  }
  remove(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'string') { if (v === value) this.map.delete(key); return; }
    const i = v.indexOf(value);
    if (i >= 0) v.splice(i, 1);
    if (v.length === 1) this.map.set(key, v[0]!);
  }
  get(key: string): readonly string[] {
    const v = this.map.get(key);
    return v === undefined ? EMPTY : typeof v === 'string' ? [v] : v;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
}
const EMPTY: readonly string[] = Object.freeze([]);
const NO_CLAIMS: readonly Claim[] = Object.freeze([]);

function addTo<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
function removeFrom<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export class ReconcileSession {
  private readonly dates: LocalDates;
  private items: ItemIndex = itemIndex([]);
  private orders = new Map<OrderKey, OrderFacts>();
  private docs = new Map<DocKey, DocFacts>();
  private payments = new Map<DocKey, PaymentInput>();
  private customers = new Map<string, CustomerInput>();
  private decisions: Decisions = { links: [], rejections: [], accepted: [], ignored: [] };
  private dx: DecisionIndex = indexDecisions(this.decisions);
  private accepted = new Map<OrderKey, AcceptedDifference[]>();

  // Identity-graph indices.
  private ordersByStamp = new MultiMap();
  private ordersByNumber = new MultiMap();
  private docsByStamp = new MultiMap();
  private docsByNumber = new MultiMap();
  private paymentsByTarget = new MultiMap();
  private docsByCustomer = new MultiMap();
  /**
   * Whether the six indices above are built. Only incremental runs follow them, so a full run
   * leaves them to the first apply() (the CLI's one-shot runs never pay for them) and finds its
   * orders by stamp and number in what its identity passes indexed.
   */
  private linked = false;
  private readonly linkedLookup: OrderLookup = {
    hasStamp: (s) => this.ordersByStamp.has(s),
    numbered: (n) => {
      const owners = this.ordersByNumber.get(n);
      return owners.length > 1 ? [...owners].sort(compareKeys) : owners;
    },
  };
  /** What the last full run's identity passes indexed: used until link() builds the indices above, then let go. */
  private identityLookup: OrderLookup | null = null;
  private get orderLookup(): OrderLookup {
    return this.identityLookup ?? this.linkedLookup;
  }
  private shapeCounts = new Map<string, number>();

  // Passes 1–3: payments' claims (orders' and documents' are on their facts).
  private paymentClaims = new Map<DocKey, Claim>();

  // Fuzzy pass: participants, their indices, the candidate graph and the assignment.
  private fOrders = new Set<OrderKey>();
  private fDocs = new Set<DocKey>();
  private fOrderIndex = new DayAmountIndex();
  private fDocIndex = new DayAmountIndex();
  private fOrdersByEmail = new MultiMap();
  private fDocsByEmail = new MultiMap();
  private adjacency = new Map<Node, Set<Node>>();
  private fuzzyLinks = new Map<DocKey, FuzzyPair>();
  private fuzzyLinkOf = new Map<OrderKey, DocKey>();
  private suggestions = new Map<OrderKey, FuzzyPair>();
  private suggestedDocs = new Map<DocKey, OrderKey>();

  private side = new Map<DocKey, QboSideResult>();

  constructor(readonly config: ReconcileConfig) {
    this.dates = new LocalDates(config.timeZone);
  }

  /**
   * Full reconcile of `input`, replacing whatever the session held; verdicts via results() /
   * output(). `read` is called once everything is read, before matching.
   */
  load(input: ReconcileInput, read?: () => void): this {
    this.items = itemIndex(input.items, this.config.shippingItemIds, this.config.roundingItemIds);
    this.setDecisions(input.decisions);
    // Indexed as they are read, between chunks: on a big company this fills what waits there are for the reader thread.
    this.clearIndices();
    if (typeof input.orders === 'function') for (const o of input.orders(this.dates)) this.addOrder(o);
    else for (const o of input.orders) this.addOrder(orderFacts(o, this.dates));
    if (typeof input.docs === 'function') for (const d of input.docs(this.items)) this.addDoc(d);
    else for (const d of input.docs) this.addDoc(docFacts(d, this.items));
    for (const p of typeof input.payments === 'function' ? input.payments() : input.payments) this.addPayment(p);
    const customers = typeof input.customers === 'function' ? input.customers() : input.customers;
    this.customers = new Map(customers.map((c) => [c.id, lowerEmail(c)]));
    read?.();
    this.recomputeAll();
    return this;
  }

  /** Orders and documents held: how big a full run is. */
  size(): number {
    return this.orders.size + this.docs.size + this.payments.size;
  }

  /** Orders held: how many verdicts a full run stores. */
  orderCount(): number {
    return this.orders.size;
  }

  /** Every verdict, computed on demand (the session keeps the matching, not 100,000 verdicts). */
  output(): ReconcileOutput {
    return { orders: [...this.results()], qboSide: this.qboSide() };
  }

  /**
   * The verdicts one at a time, so a full run can store them without holding them all: in key
   * order, or (`inMirrorOrder`, for storing, where order does not matter) as the orders were read,
   * which spares sorting 100,000 keys.
   */
  *results(inMirrorOrder = false): Generator<OrderResult> {
    const ctx = this.statusContext();
    const orders = inMirrorOrder ? this.orders.values() : [...this.orders.values()].sort((a, b) => compareKeys(a.input.key, b.input.key));
    for (const o of orders) yield orderResult(o, this.view, ctx);
  }

  qboSide(): QboSideResult[] {
    return [...this.side.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  /**
   * Builds what incremental runs follow (a full run leaves it out), so the first apply() after a
   * full run is as quick as the rest: for idle time after a full run's answer is out.
   */
  prepareChanges(): void {
    this.link();
  }

  /** Applies a change and re-reconciles only what it touches. */
  apply(change: Change): ChangeResult {
    this.link();
    const seeds = new Set<Node>();
    const removedOrders: OrderKey[] = [];
    for (const k of change.removedOrders ?? []) if (this.orders.has(k)) { seeds.add(O(k)); removedOrders.push(k); }
    for (const o of change.orders ?? []) seeds.add(O(o.key));
    for (const k of change.removedDocs ?? []) seeds.add(D(k));
    for (const d of change.docs ?? []) seeds.add(D(d.key));
    for (const k of change.removedPayments ?? []) seeds.add(P(k));
    for (const p of change.payments ?? []) seeds.add(P(p.key));
    const customerIds = [...(change.customers ?? []).map((c) => c.id), ...(change.removedCustomers ?? [])];
    for (const id of customerIds) for (const dk of this.docsByCustomer.get(id)) seeds.add(D(dk));
    if (change.decisions) for (const n of this.decisionSeeds(change.decisions)) seeds.add(n);

    // The identity groups as they were, before the indices change.
    const before = this.identityClosure(seeds);

    const shapesBefore = [...this.shapeCounts.keys()].sort().join('\u0001');
    for (const k of change.removedOrders ?? []) this.dropOrder(k);
    for (const o of change.orders ?? []) { this.dropOrder(o.key); this.addOrder(orderFacts(o, this.dates)); }
    for (const k of change.removedDocs ?? []) this.dropDoc(k);
    for (const d of change.docs ?? []) { this.dropDoc(d.key); this.addDoc(docFacts(d, this.items)); }
    for (const k of change.removedPayments ?? []) this.dropPayment(k);
    for (const p of change.payments ?? []) { this.dropPayment(p.key); this.addPayment(p); }
    for (const c of change.customers ?? []) this.customers.set(c.id, lowerEmail(c));
    for (const id of change.removedCustomers ?? []) this.customers.delete(id);
    if (change.decisions) this.setDecisions(change.decisions);

    if ([...this.shapeCounts.keys()].sort().join('\u0001') !== shapesBefore) {
      // Every document's fuzzy eligibility may have changed.
      this.rebuildIndices();
      this.recomputeAll();
      return { recomputed: [...this.results()], removed: removedOrders, qboSide: this.qboSide(), full: true };
    }

    const group = this.identityClosure(new Set([...seeds, ...before]));
    this.rerunIdentity(group);
    const touched = this.rerunFuzzy(new Set([...group, ...seeds]));
    const recomputed: OrderResult[] = [];
    for (const n of touched) {
      if (n[0] === 'o') {
        const key = n.slice(1);
        const o = this.orders.get(key);
        if (!o) continue;
        recomputed.push(orderResult(o, this.view, this.statusContext()));
      } else if (n[0] === 'd') this.refreshSide(n.slice(1));
      else this.refreshPaymentSide(n.slice(1));
    }
    return { recomputed, removed: removedOrders, qboSide: this.qboSide(), full: false };
  }

  // --- indices ---------------------------------------------------------------------------

  private setDecisions(d: Decisions): void {
    this.decisions = d;
    this.dx = indexDecisions(d);
    this.accepted = new Map();
    for (const a of d.accepted) push(this.accepted, a.orderKey, a);
  }

  /** Orders and documents whose decisions differ between the current set and `next`. */
  private decisionSeeds(next: Decisions): Set<Node> {
    const out = new Set<Node>();
    const docNode = (k: DocKey): Node => (k.startsWith('Payment:') ? P(k) : D(k));
    const diff = <T>(a: readonly T[], b: readonly T[], id: (x: T) => string, nodes: (x: T) => Node[]): void => {
      const as = new Set(a.map(id));
      const bs = new Set(b.map(id));
      for (const x of a) if (!bs.has(id(x))) for (const n of nodes(x)) out.add(n);
      for (const x of b) if (!as.has(id(x))) for (const n of nodes(x)) out.add(n);
    };
    diff(this.decisions.links, next.links, (l) => `${l.orderKey}|${l.docKey}|${l.method}|${l.at}`, (l) => [O(l.orderKey), docNode(l.docKey)]);
    diff(this.decisions.rejections, next.rejections, (r) => `${r.orderKey}|${r.docKey}`, (r) => [O(r.orderKey), docNode(r.docKey)]);
    diff(this.decisions.ignored, next.ignored, (i) => `${i.orderKey}|${i.reason}`, (i) => [O(i.orderKey)]);
    diff(this.decisions.accepted, next.accepted, (a) => `${a.orderKey}|${a.field}|${a.orderHash}|${a.docVersion}`, (a) => [O(a.orderKey)]);
    return out;
  }

  private addOrder(o: OrderFacts): void {
    const k = o.input.key;
    this.orders.set(k, o);
    if (this.linked) this.linkOrder(o);
    this.shapeCounts.set(o.shape, (this.shapeCounts.get(o.shape) ?? 0) + 1);
  }

  private linkOrder(o: OrderFacts): void {
    this.ordersByStamp.add(o.stampKey, o.input.key);
    this.ordersByNumber.add(docNumberOf(o.order.number), o.input.key);
  }

  private dropOrder(k: OrderKey): void {
    const o = this.orders.get(k);
    if (!o) return;
    this.orders.delete(k);
    if (this.linked) {
      this.ordersByStamp.remove(o.stampKey, k);
      this.ordersByNumber.remove(docNumberOf(o.order.number), k);
    }
    const n = (this.shapeCounts.get(o.shape) ?? 1) - 1;
    if (n === 0) this.shapeCounts.delete(o.shape);
    else this.shapeCounts.set(o.shape, n);
  }

  private numberKeyOf(d: DocInput): string | null {
    if (d.docNumber === null) return null;
    if (isSaleType(d.type)) return d.docNumber;
    return REFUND_NUMBER.exec(d.docNumber)?.[1] ?? null;
  }

  private addDoc(d: DocFacts): void {
    const k = d.input.key;
    this.docs.set(k, d);
    if (this.linked) this.linkDoc(d);
  }

  private linkDoc(d: DocFacts): void {
    const k = d.input.key;
    if (d.input.stamp !== null) this.docsByStamp.add(stampKeyOf(d.input.stamp), D(k));
    const n = this.numberKeyOf(d.input);
    if (n !== null) this.docsByNumber.add(n, k);
    if (d.input.customerId !== null) this.docsByCustomer.add(d.input.customerId, k);
  }

  private dropDoc(k: DocKey): void {
    const d = this.docs.get(k);
    if (!d) return;
    this.docs.delete(k);
    if (!this.linked) return;
    if (d.input.stamp !== null) this.docsByStamp.remove(stampKeyOf(d.input.stamp), D(k));
    const n = this.numberKeyOf(d.input);
    if (n !== null) this.docsByNumber.remove(n, k);
    if (d.input.customerId !== null) this.docsByCustomer.remove(d.input.customerId, k);
  }

  private addPayment(p: PaymentInput): void {
    this.payments.set(p.key, p);
    if (this.linked) this.linkPayment(p);
  }

  private linkPayment(p: PaymentInput): void {
    if (p.stamp !== null) this.docsByStamp.add(stampKeyOf(p.stamp), P(p.key));
    for (const t of p.appliedTo) this.paymentsByTarget.add(t, p.key);
  }

  private dropPayment(k: DocKey): void {
    const p = this.payments.get(k);
    if (!p) return;
    this.payments.delete(k);
    if (!this.linked) return;
    if (p.stamp !== null) this.docsByStamp.remove(stampKeyOf(p.stamp), P(k));
    for (const t of p.appliedTo) this.paymentsByTarget.remove(t, k);
  }

  private rebuildIndices(): void {
    const [orders, docs, payments] = [[...this.orders.values()], [...this.docs.values()], [...this.payments.values()]];
    this.clearIndices();
    for (const o of orders) this.addOrder(o);
    for (const d of docs) this.addDoc(d);
    for (const p of payments) this.addPayment(p);
  }

  private clearIndices(): void {
    this.orders = new Map();
    this.docs = new Map();
    this.payments = new Map();
    this.ordersByStamp = new MultiMap();
    this.ordersByNumber = new MultiMap();
    this.docsByStamp = new MultiMap();
    this.docsByNumber = new MultiMap();
    this.paymentsByTarget = new MultiMap();
    this.docsByCustomer = new MultiMap();
    this.linked = false;
    this.shapeCounts = new Map();
  }

  /** Builds the indices incremental runs follow, once after each full build. */
  private link(): void {
    if (this.linked) return;
    for (const o of this.orders.values()) this.linkOrder(o);
    for (const d of this.docs.values()) this.linkDoc(d);
    for (const p of this.payments.values()) this.linkPayment(p);
    this.linked = true;
    this.identityLookup = null;
  }

  // --- passes 1–3 ------------------------------------------------------------------------

  private identityNeighbours(n: Node, out: (m: Node) => void): void {
    const key = n.slice(1);
    if (n[0] === 'o') {
      const o = this.orders.get(key);
      if (!o) return;
      for (const m of this.docsByStamp.get(o.stampKey)) out(m);
      for (const d of this.docsByNumber.get(docNumberOf(o.order.number))) out(D(d));
      for (const l of this.dx.linksByOrder.get(key) ?? []) out(l.docKey.startsWith('Payment:') ? P(l.docKey) : D(l.docKey));
      return;
    }
    if (n[0] === 'd') {
      const d = this.docs.get(key);
      if (!d) return;
      if (d.input.stamp !== null) for (const o of this.ordersByStamp.get(stampKeyOf(d.input.stamp))) out(O(o));
      const num = this.numberKeyOf(d.input);
      if (num !== null) for (const o of this.ordersByNumber.get(num)) out(O(o));
      for (const p of this.paymentsByTarget.get(key)) out(P(p));
    } else {
      const p = this.payments.get(key);
      if (!p) return;
      if (p.stamp !== null) for (const o of this.ordersByStamp.get(stampKeyOf(p.stamp))) out(O(o));
      for (const t of p.appliedTo) out(D(t));
    }
    for (const l of this.dx.linksByDoc.get(key) ?? []) out(O(l.orderKey));
  }

  private identityClosure(seeds: Iterable<Node>): Set<Node> {
    const seen = new Set<Node>(seeds);
    const queue = [...seen];
    while (queue.length) {
      const n = queue.pop()!;
      this.identityNeighbours(n, (m) => {
        if (!seen.has(m)) {
          seen.add(m);
          queue.push(m);
        }
      });
    }
    return seen;
  }

  private rerunIdentity(group: Set<Node>): void {
    const orders: OrderFacts[] = [];
    const docs: DocFacts[] = [];
    const payments: PaymentInput[] = [];
    for (const n of group) {
      const key = n.slice(1);
      if (n[0] === 'o') {
        const o = this.orders.get(key);
        if (o) orders.push(o);
      } else if (n[0] === 'd') {
        const d = this.docs.get(key);
        if (d) docs.push(d);
      } else {
        this.paymentClaims.delete(key);
        const p = this.payments.get(key);
        if (p) payments.push(p);
      }
    }
    const links = this.decisions.links.filter((l) => group.has(O(l.orderKey)));
    // The passes replace these orders' and documents' claims on their facts.
    const r = identityPasses(orders, docs, payments, this.customers, this.dx, links);
    for (const [k, c] of r.paymentClaims) this.paymentClaims.set(k, c);
  }

  // --- fuzzy pass ------------------------------------------------------------------------

  private emailOfDoc(d: DocFacts): string | null {
    const c = d.input.customerId === null ? undefined : this.customers.get(d.input.customerId);
    return c?.email?.toLowerCase() ?? null;
  }

  private setParticipation(n: Node): void {
    if (n[0] === 'o') this.setOrderParticipation(n.slice(1));
    else if (n[0] === 'd') this.setDocParticipation(n.slice(1));
  }

  private setOrderParticipation(key: OrderKey): void {
    const was = this.fOrderFacts.get(key);
    if (was) {
      this.fOrders.delete(key);
      this.fOrderIndex.remove(was.day, was.order.total, key);
      if (was.email !== null) this.fOrdersByEmail.remove(was.email, key);
      this.fOrderFacts.delete(key);
    }
    const o = this.orders.get(key);
    if (o && !this.dx.ignored.has(key) && !hasOwnSale(o)) this.joinFuzzyOrder(key, o);
  }

  private joinFuzzyOrder(key: OrderKey, o: OrderFacts): void {
    this.fOrders.add(key);
    this.fOrderFacts.set(key, o);
    this.fOrderIndex.add(o.day, o.order.total, key);
    if (o.email !== null) this.fOrdersByEmail.add(o.email, key);
  }

  private setDocParticipation(key: DocKey): void {
    const was = this.fDocFacts.get(key);
    if (was) {
      this.fDocs.delete(key);
      this.fDocIndex.remove(was.d.day, was.d.input.total, key);
      if (was.email !== null) this.fDocsByEmail.remove(was.email, key);
      this.fDocFacts.delete(key);
    }
    const d = this.docs.get(key);
    if (d && fuzzyDoc(d, this.shapes())) this.joinFuzzyDoc(key, d);
  }

  private joinFuzzyDoc(key: DocKey, d: DocFacts): void {
    const email = this.emailOfDoc(d);
    this.fDocs.add(key);
    this.fDocFacts.set(key, { d, email });
    this.fDocIndex.add(d.day, d.input.total, key);
    if (email !== null) this.fDocsByEmail.add(email, key);
  }

  /** Facts as indexed when a node joined the pool, so it can be removed exactly. */
  private fOrderFacts = new Map<OrderKey, OrderFacts>();
  private fDocFacts = new Map<DocKey, { d: DocFacts; email: string | null }>();
  private shapeSet: Set<string> | null = null;
  private shapes(): Set<string> {
    if (this.shapeSet === null) this.shapeSet = new Set(this.shapeCounts.keys());
    return this.shapeSet;
  }

  private edgesOfOrder(o: OrderFacts): FuzzyPair[] {
    const t = o.order.total;
    const seen = this.fDocIndex.around(o.day, t, (days) => candidateSpread(t, days, this.config.matching), new Set<DocKey>());
    if (o.email !== null) for (const dk of this.fDocsByEmail.get(o.email)) seen.add(dk);
    const out: FuzzyPair[] = [];
    for (const dk of seen) {
      const e = fuzzyEdge(o, this.docs.get(dk)!, this.customers, this.dx, this.config.matching);
      if (e) out.push(e);
    }
    return out;
  }

  private edgesOfDoc(d: DocFacts): FuzzyPair[] {
    const t = d.input.total;
    // The spread is relative to the order's total; orders within 5 % of t have totals within t/0.95.
    const wide = Math.ceil(Math.abs(t) / 19) + 1;
    const seen = this.fOrderIndex.around(d.day, t, (days) => {
      const s = candidateSpread(t, days, this.config.matching);
      return s < 0 ? s : Math.max(s, Math.min(wide, s * 2 + 2));
    }, new Set<OrderKey>());
    const email = this.fDocFacts.get(d.input.key)?.email ?? null;
    if (email !== null) for (const ok of this.fOrdersByEmail.get(email)) seen.add(ok);
    const out: FuzzyPair[] = [];
    for (const ok of seen) {
      const e = fuzzyEdge(this.orders.get(ok)!, d, this.customers, this.dx, this.config.matching);
      if (e) out.push(e);
    }
    return out;
  }

  private neighboursInFuzzy(n: Node): Array<{ node: Node; pair: FuzzyPair }> {
    const key = n.slice(1);
    if (n[0] === 'o') {
      if (!this.fOrders.has(key)) return [];
      return this.edgesOfOrder(this.orders.get(key)!).map((p) => ({ node: D(p.d.input.key), pair: p }));
    }
    if (n[0] === 'd' && this.fDocs.has(key)) return this.edgesOfDoc(this.docs.get(key)!).map((p) => ({ node: O(p.o.input.key), pair: p }));
    return [];
  }

  /** Re-runs the fuzzy pass on the components of `dirty`; returns every node whose verdict may have changed. */
  private rerunFuzzy(dirty: Set<Node>): Set<Node> {
    this.shapeSet = null;
    // Old components of the dirty nodes, over the old candidate graph.
    const touched = new Set<Node>(dirty);
    const queue = [...dirty];
    while (queue.length) {
      const n = queue.pop()!;
      for (const m of this.adjacency.get(n) ?? []) if (!touched.has(m)) { touched.add(m); queue.push(m); }
    }
    for (const n of dirty) this.setParticipation(n);
    // New components, over the new graph.
    const pairs = new Map<string, FuzzyPair>();
    const component = new Set<Node>();
    const q2 = [...touched];
    for (const n of q2) component.add(n);
    while (q2.length) {
      const n = q2.pop()!;
      for (const { node, pair } of this.neighboursInFuzzy(n)) {
        pairs.set(`${pair.o.input.key}|${pair.d.input.key}`, pair);
        if (!component.has(node)) { component.add(node); q2.push(node); }
      }
    }
    for (const n of component) {
      this.adjacency.delete(n);
      const key = n.slice(1);
      if (n[0] === 'o') {
        const s = this.suggestions.get(key);
        if (s) { this.suggestions.delete(key); this.suggestedDocs.delete(s.d.input.key); }
        const l = this.fuzzyLinkOf.get(key);
        if (l !== undefined) { this.fuzzyLinkOf.delete(key); this.fuzzyLinks.delete(l); }
      } else if (n[0] === 'd') {
        const s = this.suggestedDocs.get(key);
        if (s !== undefined) { this.suggestedDocs.delete(key); this.suggestions.delete(s); }
        const l = this.fuzzyLinks.get(key);
        if (l) { this.fuzzyLinks.delete(key); this.fuzzyLinkOf.delete(l.o.input.key); }
      }
    }
    for (const p of pairs.values()) {
      const a = O(p.o.input.key);
      const b = D(p.d.input.key);
      addTo(this.adjacency, a, b);
      addTo(this.adjacency, b, a);
    }
    const result = assign([...pairs.values()], this.config.matching);
    for (const [dk, p] of result.links) { this.fuzzyLinks.set(dk, p); this.fuzzyLinkOf.set(p.o.input.key, dk); }
    for (const [dk, p] of result.suggestions) { this.suggestions.set(p.o.input.key, p); this.suggestedDocs.set(dk, p.o.input.key); }
    return component;
  }

  // --- verdicts --------------------------------------------------------------------------

  private readonly view: OrderMatchView = {
    claimsOf: (o) => {
      const claimed = o.claims ?? NO_CLAIMS;
      const orderKey = o.input.key;
      // An order with its sale among its own claims is not in the fuzzy pass (most orders: no lookup).
      if (hasOwnSale(o)) return claimed;
      const fuzzy = this.fuzzyLinkOf.get(orderKey);
      if (fuzzy === undefined) return claimed;
      // An order in the fuzzy pass has no sale among its own claims: the fuzzy one leads.
      const p = this.fuzzyLinks.get(fuzzy)!;
      return [{ docKey: fuzzy, doc: p.d, orderKey, method: 'fuzzy', role: 'sale', score: p.points / 1000, reasons: p.reasons }, ...claimed];
    },
    suggestionOf: (orderKey): Suggestion | null => {
      const p = this.suggestions.get(orderKey);
      return p ? { docKey: p.d.input.key, score: p.points / 1000, reasons: p.reasons } : null;
    },
  };

  private statusContext(): StatusContext {
    return { customers: this.customers, accepted: this.accepted, ignored: this.dx.ignored, tolerance: this.config.matching.roundingToleranceMinor };
  }

  private recomputeAll(): void {
    this.paymentClaims = new Map();
    this.fOrders = new Set();
    this.fDocs = new Set();
    this.fOrderFacts = new Map();
    this.fDocFacts = new Map();
    this.fOrderIndex = new DayAmountIndex();
    this.fDocIndex = new DayAmountIndex();
    this.fOrdersByEmail = new MultiMap();
    this.fDocsByEmail = new MultiMap();
    this.adjacency = new Map();
    this.fuzzyLinks = new Map();
    this.fuzzyLinkOf = new Map();
    this.suggestions = new Map();
    this.suggestedDocs = new Map();
    this.side = new Map();
    this.shapeSet = null;

    const orders = [...this.orders.values()];
    const docs = [...this.docs.values()];
    const all = identityPasses(orders, docs, [...this.payments.values()], this.customers, this.dx, this.decisions.links);
    this.paymentClaims = all.paymentClaims;
    this.identityLookup = all.orders;

    // The fuzzy pass over every participant at once (the same edges the incremental run uses).
    this.rerunFuzzyAll(orders, docs);
    // A claimed document is on no list of the QuickBooks side (refreshSide's first test).
    for (const d of docs) if (d.claim === null) this.refreshSide(d.input.key);
    for (const k of this.payments.keys()) this.refreshPaymentSide(k);
  }

  /**
   * Full fuzzy pass: only participants' own edges are generated (no BFS needed: everything is
   * dirty). Who participates is decided as setOrderParticipation / setDocParticipation decide,
   * from the claims the identity passes wrote on the facts, without a lookup by key.
   */
  private rerunFuzzyAll(orders: readonly OrderFacts[], docs: readonly DocFacts[]): void {
    for (const o of orders) if (!hasOwnSale(o) && !this.dx.ignored.has(o.input.key)) this.joinFuzzyOrder(o.input.key, o);
    const shapes = this.shapes();
    for (const d of docs) if (fuzzyDoc(d, shapes)) this.joinFuzzyDoc(d.input.key, d);
    const pairs: FuzzyPair[] = [];
    for (const k of this.fOrders) for (const p of this.edgesOfOrder(this.orders.get(k)!)) pairs.push(p);
    for (const p of pairs) {
      addTo(this.adjacency, O(p.o.input.key), D(p.d.input.key));
      addTo(this.adjacency, D(p.d.input.key), O(p.o.input.key));
    }
    const result = assign(pairs, this.config.matching);
    for (const [dk, p] of result.links) { this.fuzzyLinks.set(dk, p); this.fuzzyLinkOf.set(p.o.input.key, dk); }
    for (const [dk, p] of result.suggestions) { this.suggestions.set(p.o.input.key, p); this.suggestedDocs.set(dk, p.o.input.key); }
  }

  // --- the QuickBooks side ---------------------------------------------------------------

  /**
   * An unclaimed, unsuggested, active document is an orphan when stamped for an order the
   * mirror lacks, or numbered like the store with no such order; a duplicate when numbered like
   * an order that has its document. Stamped for an order that is here (the bookkeeper unlinked
   * it) is their decision, not reported.
   */
  private refreshSide(k: DocKey): void {
    this.side.delete(k);
    const d = this.docs.get(k);
    if (!d) return;
    const doc = d.input;
    if (d.claim !== null || this.fuzzyLinks.has(k) || this.suggestedDocs.has(k) || doc.voided) return;
    if (doc.stamp !== null) {
      if (this.orderLookup.hasStamp(stampKeyOf(doc.stamp))) return;
      this.side.set(k, { key: k, type: doc.type, id: doc.id, kind: 'orphan', reason: `stamped ${doc.stamp}, but that order is not in the mirror` });
      return;
    }
    const base = doc.docNumber?.replace(/-R\d+$/, '') ?? null;
    if (base === null || !this.shapes().has(numberShape(base))) return;
    const owners = this.orderLookup.numbered(base);
    if (owners.length === 0) {
      this.side.set(k, { key: k, type: doc.type, id: doc.id, kind: 'orphan', reason: `numbered like the store (${doc.docNumber}), but no such order exists` });
    } else {
      const owner = this.orders.get(owners[0]!)!.order.number;
      this.side.set(k, { key: k, type: doc.type, id: doc.id, kind: 'duplicate', reason: `numbered like order ${owner}, which already has its document (or whose customer and amount do not agree)` });
    }
  }

  private refreshPaymentSide(k: DocKey): void {
    this.side.delete(k);
    const p = this.payments.get(k);
    if (!p || this.paymentClaims.has(k) || p.stamp === null || p.voided || this.orderLookup.hasStamp(stampKeyOf(p.stamp))) return;
    this.side.set(k, { key: k, type: 'Payment', id: p.id, kind: 'orphan', reason: `stamped ${p.stamp}, but that order is not in the mirror` });
  }
}

/**
 * How far apart (minor units) an order's and a document's amounts may be and still reach the
 * review threshold, for documents `days` apart whose customer email differs (same-email documents
 * are found through the email index): the other parts can add at most the date's points, 150 for
 * the same name and 150 for the products, so the amount must make up the rest (fuzzy-score.ts).
 * Generous by a permille; the exact test is fuzzyEdge's. Negative: none can.
 */
function candidateSpread(total: number, days: number, settings: ReconcileConfig['matching']): number {
  const need = Math.round(settings.reviewThreshold * 1000) - (250 >> days) - 300;
  const tol = settings.roundingToleranceMinor;
  const full = amountSpread(total, tol);
  if (need <= 0) return full;
  if (need > 350) return -1;
  if (need > 175) return need > 300 ? 0 : tol;
  const permille = 50 - Math.ceil((need * 50) / 175) + 1;
  // × 1.06: the score's permille is of the larger total, which may be the document's (up to 5 % more).
  return Math.min(full, Math.max(tol, Math.ceil((Math.abs(total) * permille * 1.06) / 1000)));
}

/** Emails compare lowercased; lowering once here spares it per candidate pair. */
function lowerEmail(c: CustomerInput): CustomerInput {
  const email = c.email?.toLowerCase() ?? null;
  return email === c.email ? c : { ...c, email };
}

/** Full reconciliation: the same engine, with nothing remembered. */
export function reconcileOnce(input: ReconcileInput, config: ReconcileConfig): ReconcileOutput {
  return new ReconcileSession(config).load(input).output();
}
