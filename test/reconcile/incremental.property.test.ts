/**
 * Incremental reconciliation equals a full recompute: random change sets (orders edited, added,
 * removed, renumbered; documents retyped, unstamped, re-dated, voided, moved to another
 * customer, added by hand; payments; customers' emails; every kind of decision) applied to a
 * session one batch at a time give exactly what a fresh full run over the final state gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../main/reconcile/load';
import { ReconcileSession, reconcileOnce, type Change } from '../../main/reconcile/session';
import { orderKeyOf, type CustomerInput, type Decisions, type DocInput, type OrderCore, type OrderInput, type PaymentInput, type ReconcileArrays } from '../../main/reconcile/types';

const orderInput = (order: OrderCore, storeId: string): OrderInput => ({
  key: orderKeyOf(storeId, order.sourceId), storeId, contentHash: createHash('sha256').update(JSON.stringify(order)).digest('hex'), order,
});
import { createHash } from 'node:crypto';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';

const demo = useDemo();
let loaded: ReconcileArrays | undefined;
/** The demo's input as the mirror gives it (read once, inside the first test). */
const baseInput = (): ReconcileArrays => (loaded ??= loadInput(demo.mirror().db));

/** One random edit, interpreted against the current state by index (so any integers are valid). */
type Op = { kind: number; a: number; b: number; c: number };
const opArb = fc.record({ kind: fc.integer({ min: 0, max: 17 }), a: fc.nat(), b: fc.nat(), c: fc.integer({ min: -3, max: 3 }) });

class State {
  orders: Map<string, OrderInput>;
  docs: Map<string, DocInput>;
  payments: Map<string, PaymentInput>;
  customers: Map<string, CustomerInput>;
  decisions: Decisions;
  private fresh = 0;

  constructor(i: ReconcileArrays) {
    this.orders = new Map(i.orders.map((o) => [o.key, o]));
    this.docs = new Map(i.docs.map((d) => [d.key, d]));
    this.payments = new Map(i.payments.map((p) => [p.key, p]));
    this.customers = new Map(i.customers.map((c) => [c.id, c]));
    this.decisions = structuredClone(i.decisions);
  }

  input(items: ReconcileArrays['items']): ReconcileArrays {
    return { orders: [...this.orders.values()], docs: [...this.docs.values()], payments: [...this.payments.values()], customers: [...this.customers.values()], items, decisions: structuredClone(this.decisions) };
  }

  private pick<T>(m: Map<string, T>, n: number): T | undefined {
    if (m.size === 0) return undefined;
    return [...m.values()][n % m.size];
  }

  private shiftDate(date: string, days: number): string {
    return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }

  private shiftInstant(iso: string, days: number): string {
    return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
  }

  /** Applies `op` to the state and records it in `change`. */
  apply(op: Op, change: Change): void {
    const o = this.pick(this.orders, op.a);
    const d = this.pick(this.docs, op.b);
    const putOrder = (next: OrderCore): void => {
      const input = orderInput(next, o!.storeId);
      this.orders.set(input.key, input);
      (change.orders ??= []).push(input);
    };
    const putDoc = (next: DocInput): void => {
      this.docs.set(next.key, next);
      (change.docs ??= []).push(next);
    };
    switch (op.kind) {
      case 0: // the order's total changes (an edit after posting)
        if (o) putOrder({ ...o.order, total: o.order.total + op.c * 100 || 1 });
        break;
      case 1: // re-dated by a few days
        if (o) putOrder({ ...o.order, createdAt: this.shiftInstant(o.order.createdAt, op.c), processedAt: this.shiftInstant(o.order.processedAt ?? o.order.createdAt, op.c) });
        break;
      case 2: // cancelled
        if (o) putOrder({ ...o.order, cancelledAt: this.shiftInstant(o.order.createdAt, 2), financialStatus: 'voided' });
        break;
      case 3: // removed from the store
        if (o) { this.orders.delete(o.key); (change.removedOrders ??= []).push(o.key); }
        break;
      case 4: { // a new order copying another (repeat order), sometimes with the same number
        if (!o) break;
        const sourceId = `9${this.fresh++}${op.b % 1000}`;
        putOrder({ ...o.order, sourceId, number: op.c > 0 ? o.order.number : `#9${this.fresh}`, createdAt: this.shiftInstant(o.order.createdAt, op.c) });
        break;
      }
      case 5: // the customer's email changes in the store
        if (o) putOrder({ ...o.order, customer: { ...o.order.customer, email: op.c > 0 ? `x${op.b % 5}@example.com` : null } });
        break;
      case 6: // a document's total changes
        if (d) putDoc({ ...d, total: d.total + op.c * 100 || 1, syncToken: String(Number(d.syncToken) + 1) });
        break;
      case 7: // the stamp is removed by hand, or the DocNumber taken from another order
        if (d) putDoc({ ...d, stamp: null, docNumber: op.c > 0 ? (o?.order.number ?? d.docNumber) : op.c < 0 ? null : d.docNumber });
        break;
      case 8: // re-dated
        if (d) putDoc({ ...d, txnDate: this.shiftDate(d.txnDate, op.c) });
        break;
      case 9: // voided
        if (d) putDoc({ ...d, voided: true, total: 0, totalTax: 0, balance: 0 });
        break;
      case 10: // moved to another customer
        if (d) putDoc({ ...d, customerId: this.pick(this.customers, op.a)?.id ?? d.customerId });
        break;
      case 11: // deleted in QuickBooks
        if (d) { this.docs.delete(d.key); (change.removedDocs ??= []).push(d.key); }
        break;
      case 12: { // a document entered by hand for an order: no stamp, sometimes no number, a day or two off
        if (!o) break;
        const like = [...this.docs.values()].find((x) => x.stamp === `ledgerbridge:${o.order.source}:${o.order.sourceId}`) ?? d;
        if (!like) break;
        const id = `8${this.fresh++}`;
        putDoc({ ...like, key: `SalesReceipt:${id}`, type: 'SalesReceipt', id, stamp: null, docNumber: op.c >= 0 ? null : o.order.number, txnDate: this.shiftDate(like.txnDate, op.c), total: o.order.total });
        break;
      }
      case 13: { // a payment added to an invoice, or one removed
        const inv = [...this.docs.values()].filter((x) => x.type === 'Invoice')[op.b % Math.max(1, [...this.docs.values()].filter((x) => x.type === 'Invoice').length)];
        const p = this.pick(this.payments, op.a);
        if (op.c >= 0 && inv) {
          const id = `7${this.fresh++}`;
          const pay: PaymentInput = { key: `Payment:${id}`, id, syncToken: '0', txnDate: inv.txnDate, customerId: inv.customerId, total: inv.total, stamp: null, voided: false, appliedTo: [inv.key] };
          this.payments.set(pay.key, pay);
          (change.payments ??= []).push(pay);
        } else if (p) {
          this.payments.delete(p.key);
          (change.removedPayments ??= []).push(p.key);
        }
        break;
      }
      case 14: { // a customer's email changes in QuickBooks
        const c = this.pick(this.customers, op.a);
        if (c) {
          const next = { ...c, email: op.c > 0 ? (o?.order.customer.email?.toLowerCase() ?? null) : `changed${op.b % 7}@example.com` };
          this.customers.set(c.id, next);
          (change.customers ??= []).push(next);
        }
        break;
      }
      case 15: // ignore, or stop ignoring
        if (o) {
          const i = this.decisions.ignored.findIndex((x) => x.orderKey === o.key);
          if (i >= 0) this.decisions.ignored.splice(i, 1);
          else this.decisions.ignored.push({ orderKey: o.key, reason: 'test order', by: 't', at: '2026-11-21T00:00:00.000Z' });
          change.decisions = structuredClone(this.decisions);
        }
        break;
      case 16: // reject (or unlink) a pair
        if (o && d) {
          this.decisions.rejections.push({ orderKey: o.key, docKey: d.key });
          change.decisions = structuredClone(this.decisions);
        }
        break;
      case 17: // link a pair by hand, or accept a difference
        if (o && d) {
          if (op.c >= 0) {
            this.decisions.links = this.decisions.links.filter((l) => l.docKey !== d.key);
            this.decisions.links.push({ orderKey: o.key, docKey: d.key, method: 'manual', by: 't', at: `2026-11-21T00:00:0${op.b % 10}.000Z` });
          } else {
            this.decisions.accepted.push({ orderKey: o.key, field: ['total', 'shipping', 'date', 'customer'][op.b % 4]!, orderHash: o.contentHash, docVersion: `${d.key}@${d.syncToken}`, by: 't', at: '2026-11-21T00:00:00.000Z' });
          }
          change.decisions = structuredClone(this.decisions);
        }
        break;
    }
  }
}

describe('incremental reconciliation', () => {
  it('after any sequence of change sets equals a full recompute of the final state', () => {
    fc.assert(
      fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (batches, prepared) => {
        const base = baseInput();
        const state = new State(base);
        const session = new ReconcileSession(CONFIG);
        session.load(state.input(base.items));
        // Readied in idle time after the full run (as the worker does), or on the first change.
        if (prepared) session.prepareChanges();
        for (const batch of batches) {
          const change: Change = {};
          for (const op of batch) state.apply(op, change);
          session.apply(change);
        }
        const full = reconcileOnce(state.input(base.items), CONFIG);
        expect(session.output()).toEqual(full);
      }),
      { numRuns: 80, seed: 20261125 },
    );
  });

  it('recomputes only what a change touches', () => {
    const base = baseInput();
    const state = new State(base);
    const session = new ReconcileSession(CONFIG);
    session.load(state.input(base.items));
    const change: Change = {};
    state.apply({ kind: 0, a: 5, b: 0, c: 2 }, change);
    const r = session.apply(change);
    expect(r.full).toBe(false);
    expect(r.recomputed.length).toBeGreaterThanOrEqual(1);
    expect(r.recomputed.length).toBeLessThan(10);
    expect(r.recomputed.map((x) => x.key)).toContain(change.orders![0]!.key);
  });
});
