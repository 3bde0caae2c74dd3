/** Hand-written cases: one per status, and the tricky ones the issue names. */
import { describe, expect, it } from 'vitest';
import { reconcileOnce as reconcile } from '../../main/reconcile/session';
import type { OrderResult, ReconcileConfig, ReconcileArrays } from '../../main/reconcile/types';
import { docFor, input, order, refundDocFor, TZ } from './helpers/fixtures';

const CONFIG: ReconcileConfig = { matching: { autoLinkThreshold: 0.9, reviewThreshold: 0.5, roundingToleranceMinor: 1 }, timeZone: TZ };
const run = (i: ReconcileArrays, config = CONFIG) => reconcile(i, config);
const one = (i: ReconcileArrays, config = CONFIG): OrderResult => run(i, config).orders[0]!;
const open = (r: OrderResult) => r.diffs.filter((d) => d.differs && !d.accepted).map((d) => (d.detail ? `${d.field}:${d.detail}` : d.field));

describe('one case per status', () => {
  it('in_sync: a stamped Sales Receipt that agrees field by field', () => {
    const o = order(1);
    const r = one(input([o], [docFor(o)]));
    expect(r.status).toBe('in_sync');
    expect(r.match).toEqual({ method: 'stamp', score: null, reasons: [`stamp ledgerbridge:shopify:${o.sourceId}`] });
    expect(r.diffs).toEqual([]);
  });

  it('missing_in_qbo: nothing in QuickBooks', () => {
    expect(one(input([order(1)], [])).status).toBe('missing_in_qbo');
  });

  it('suggested_match: hand-entered a day later, same amount and email, no number → suggested with its reasons, not linked', () => {
    const o = order(1);
    const r = one(input([o], [docFor(o, { stamped: false, docNumber: null, txnDate: '2026-10-03' })]));
    expect(r.status).toBe('suggested_match');
    expect(r.docs).toEqual([]);
    expect(r.suggestion).toEqual({ docKey: 'SalesReceipt:1001', score: 0.875, reasons: ['amount equal', '1 day apart', 'same email', '2 of 2 SKUs'] });
  });

  it('same day, same amount, email and SKUs → linked automatically at or above the auto-link threshold', () => {
    const o = order(1);
    const r = one(input([o], [docFor(o, { stamped: false, docNumber: null })]));
    expect(r.status).toBe('in_sync');
    expect(r.match).toEqual({ method: 'fuzzy', score: 1, reasons: ['amount equal', 'same day', 'same email', '2 of 2 SKUs'] });
    // A stricter threshold turns the same evidence into a suggestion.
    const strict = one(input([o], [docFor(o, { stamped: false, docNumber: null })]), { ...CONFIG, matching: { ...CONFIG.matching, autoLinkThreshold: 1.01 } });
    expect(strict.status).toBe('suggested_match');
  });

  it('below the review threshold nothing is suggested', () => {
    const o = order(1);
    const far = { ...docFor(o, { stamped: false, docNumber: null, txnDate: '2026-10-06', customerId: '2' }), total: o.total + 600 };
    expect(one(input([o], [far])).status).toBe('missing_in_qbo');
  });

  it('differs: shipping typed wrong, with both values and the rule', () => {
    const o = order(1);
    const doc = docFor(o);
    doc.lines = doc.lines.map((l) => (l.itemId === '9' ? { ...l, amount: 899 } : l));
    doc.total += 300;
    const r = one(input([o], [doc]));
    expect(r.status).toBe('differs');
    expect(r.diffs.filter((d) => d.differs)).toEqual([
      { field: 'shipping', detail: '', store: '5.99', qbo: '8.99', rule: 'exact', differs: true, accepted: false },
      { field: 'total', detail: '', store: '57.65', qbo: '60.65', rule: 'exact', differs: true, accepted: false },
    ]);
  });

  it('unpaid_in_qbo: paid in the store, the linked invoice still open', () => {
    const o = order(1);
    const r = one(input([o], [docFor(o, { type: 'Invoice' })]));
    expect(r.status).toBe('unpaid_in_qbo');
    expect(r.diffs.find((d) => d.field === 'balance')).toMatchObject({ store: '0.00', qbo: '57.65', differs: false });
  });

  it('an open invoice for an order not paid yet is in sync; a payment applied to it is linked through it', () => {
    const pending = order(1, { financialStatus: 'pending', transactions: [] });
    expect(one(input([pending], [docFor(pending, { type: 'Invoice' })])).status).toBe('in_sync');
    const paid = order(2);
    const inv = docFor(paid, { type: 'Invoice', balance: 0 });
    const payment = { key: 'Payment:77', id: '77', syncToken: '0', txnDate: '2026-10-03', customerId: '1', total: paid.total, stamp: null, voided: false, appliedTo: [inv.key] };
    const r = one(input([paid], [inv], [payment]));
    expect(r.status).toBe('in_sync');
    expect(r.docs.map((d) => `${d.key}:${d.role}`)).toEqual([`${inv.key}:sale`, 'Payment:77:payment']);
  });

  it('refund_missing and cancelled_open', () => {
    const refunded = order(1, { financialStatus: 'partially_refunded', refunds: [{ id: 'r1', createdAt: '2026-10-05T10:00:00.000Z', amount: 1331, tax: 101, shipping: 0, lines: [{ sku: 'B-2', title: 'Brass Hook', quantity: 1, amount: 1230 }] }] });
    expect(one(input([refunded], [docFor(refunded)])).status).toBe('refund_missing');
    const cancelled = order(2, { cancelledAt: '2026-10-04T10:00:00.000Z', financialStatus: 'voided' });
    const c = one(input([cancelled], [docFor(cancelled)]));
    expect(c.status).toBe('cancelled_open');
    expect(one(input([cancelled], [{ ...docFor(cancelled), voided: true, total: 0, totalTax: 0 }])).status).toBe('in_sync');
  });

  it('ignored, with the reason', () => {
    const o = order(1, { test: true });
    const i = input([o], []);
    i.decisions.ignored.push({ orderKey: i.orders[0]!.key, reason: 'test order', by: 'me', at: '2026-11-01T00:00:00.000Z' });
    const r = one(i);
    expect(r.status).toBe('ignored');
    expect(r.ignoredReason).toBe('test order');
  });
});

describe('the cases the issue names', () => {
  it('multi-currency: an EUR shop booked in EUR agrees; the same amounts in USD differ on currency; JPY has no decimals', () => {
    const eur = order(1, { currency: 'EUR', presentmentCurrency: 'EUR' });
    expect(one(input([eur], [docFor(eur, { currency: 'EUR' })])).status).toBe('in_sync');
    const wrong = one(input([eur], [docFor(eur, { currency: 'USD' })]));
    expect(wrong.status).toBe('differs');
    expect(open(wrong)).toEqual(['currency']);
    const jpy = order(2, {
      currency: 'JPY', presentmentCurrency: 'JPY', lines: [{ sku: 'A-1', title: 'Anchor Print', quantity: 1, unitPrice: 3000, discount: 0, tax: 0, total: 3000 }],
      shippingLines: [], discounts: [], taxLines: [], totalTax: 0, total: 3000,
    });
    const jdoc = docFor(jpy, { currency: 'JPY' });
    jdoc.lines[0]!.unitPrice = '3000';
    jdoc.total = 3100;
    const j = one(input([jpy], [jdoc]));
    expect(j.diffs.find((d) => d.field === 'total')).toMatchObject({ store: '3000', qbo: '3100' });
  });

  it('presentment currency: a CAD-paid order on a USD shop compares in USD', () => {
    const o = order(1, { presentmentCurrency: 'CAD', presentmentAmounts: { total: 7898, totalTax: 600, shipping: 821, discounts: 685 } });
    expect(one(input([o], [docFor(o)])).status).toBe('in_sync');
  });

  it('partial refund: recorded as a Refund Receipt → in sync; not recorded → refund_missing with the gap', () => {
    const o = order(1, { financialStatus: 'partially_refunded', refunds: [{ id: 'r1', createdAt: '2026-10-05T10:00:00.000Z', amount: 1331, tax: 101, shipping: 0, lines: [{ sku: 'B-2', title: 'Brass Hook', quantity: 1, amount: 1230 }] }] });
    const recorded = run(input([o], [docFor(o), refundDocFor(o, 0, { id: '900' })])).orders[0]!;
    expect(recorded.status).toBe('in_sync');
    expect(recorded.docs.map((d) => d.role)).toEqual(['sale', 'refund']);
    const missing = one(input([o], [docFor(o)]));
    expect(missing.diffs.find((d) => d.field === 'refunded')).toMatchObject({ store: '13.31', qbo: '0.00', differs: false });
    // Numbered <order>-R1 but entered by hand (no stamp): joined by DocNumber.
    const byNumber = one(input([o], [docFor(o), refundDocFor(o, 0, { id: '900', stamped: false })]));
    expect(byNumber.status).toBe('in_sync');
    expect(byNumber.docs.find((d) => d.role === 'refund')?.method).toBe('docnumber');
  });

  it('shipping-only refund recorded as a Refund Receipt on the shipping item is in sync', () => {
    const o = order(1, { financialStatus: 'partially_refunded', refunds: [{ id: 'r1', createdAt: '2026-10-05T10:00:00.000Z', amount: 599, tax: 0, shipping: 599, lines: [] }] });
    expect(one(input([o], [docFor(o), refundDocFor(o, 0, { id: '900' })])).status).toBe('in_sync');
    expect(one(input([o], [docFor(o)])).status).toBe('refund_missing');
  });

  it('1-cent tax rounding: absorbed by a rounding line (shown as the tolerance), differs without one, or with tolerance 0', () => {
    const o = order(1);
    const rounded = docFor(o);
    rounded.totalTax += 1;
    rounded.lines.push({ detailType: 'SalesItemLineDetail', itemId: '10', description: 'Tax rounding', qty: 1, unitPrice: '-0.01', amount: -1, taxCode: 'NON' });
    const r = one(input([o], [rounded]));
    expect(r.status).toBe('in_sync');
    expect(r.diffs).toEqual([{ field: 'tax', detail: '', store: '4.38', qbo: '4.39', rule: 'within 0.01 (rounding tolerance)', differs: false, accepted: false }]);
    expect(r.explanation).toMatch(/rounding tolerance/);
    expect(one(input([o], [rounded]), { ...CONFIG, matching: { ...CONFIG.matching, roundingToleranceMinor: 0 } }).status).toBe('differs');
    const offByOne = docFor(o);
    offByOne.totalTax += 1;
    offByOne.total += 1;
    const d = one(input([o], [offByOne]));
    expect(d.status).toBe('differs');
    expect(open(d)).toEqual(['tax', 'total']);
  });

  it('duplicate DocNumbers: the document that agrees is linked, the other is reported, whatever the input order', () => {
    const o = order(1);
    const good = docFor(o, { stamped: false, id: '50' });
    const dup = { ...docFor(o, { stamped: false, id: '40' }), total: 9999 };
    for (const docs of [[good, dup], [dup, good]]) {
      const out = run(input([o], docs));
      expect(out.orders[0]!.docs.map((d) => d.key)).toEqual(['SalesReceipt:50']);
      expect(out.orders[0]!.match?.method).toBe('docnumber');
      expect(out.qboSide).toEqual([{ key: 'SalesReceipt:40', type: 'SalesReceipt', id: '40', kind: 'duplicate', reason: expect.stringMatching(/numbered like order #1001/) }]);
    }
    // Two stamped copies of the same order: the second is a duplicate posting and the order differs.
    const twice = one(input([o], [docFor(o, { id: '50' }), docFor(o, { id: '51' })]));
    expect(twice.status).toBe('differs');
    expect(open(twice)).toEqual(['document:duplicate SalesReceipt 51']);
  });

  it('repeat orders by the same customer for the same amount are never merged', () => {
    const first = order(1, { createdAt: '2026-10-02T15:00:00.000Z', processedAt: '2026-10-02T15:00:00.000Z' });
    const second = order(2, { createdAt: '2026-10-04T15:00:00.000Z', processedAt: '2026-10-04T15:00:00.000Z' });
    // Only the first is posted (stamped): the second stays missing, even though it looks the same.
    const posted = run(input([first, second], [docFor(first)]));
    expect(posted.orders.map((r) => r.status)).toEqual(['in_sync', 'missing_in_qbo']);
    expect(posted.orders[1]!.suggestion).toBeNull();
    // Both entered by hand without numbers on their own days: each gets its own, the nearer one.
    const a = docFor(first, { stamped: false, docNumber: null, id: '70', txnDate: '2026-10-03' });
    const b = docFor(second, { stamped: false, docNumber: null, id: '71', txnDate: '2026-10-05' });
    const hand = run(input([first, second], [b, a]));
    expect(hand.orders.map((r) => r.suggestion?.docKey)).toEqual(['SalesReceipt:70', 'SalesReceipt:71']);
  });

  it('an order edited after it was posted differs on what changed', () => {
    const posted = order(1);
    const doc = docFor(posted);
    const edited = order(1, {
      updatedAt: '2026-10-09T10:00:00.000Z',
      lines: [...posted.lines, { sku: null, title: 'Gift Wrapping', quantity: 1, unitPrice: 500, discount: 0, tax: 0, total: 500 }],
      total: posted.total + 500,
      transactions: [{ kind: 'sale', gateway: 'shopify_payments', amount: posted.total + 500, createdAt: posted.createdAt, reference: null }],
    });
    const r = one(input([edited], [doc]));
    expect(r.status).toBe('differs');
    expect(open(r)).toEqual(['line:Gift Wrapping', 'total']);
  });

  it('orphans: a stamped document whose order is gone, and one numbered like the store with no such order', () => {
    const o = order(1);
    const gone = order(2);
    const numbered = { ...docFor(order(3), { stamped: false, type: 'Invoice', id: '88' }) };
    const out = run(input([o], [docFor(o), docFor(gone, { id: '77' }), numbered]));
    expect(out.qboSide.map((q) => [q.key, q.kind])).toEqual([['Invoice:88', 'orphan'], ['SalesReceipt:77', 'orphan']]);
  });

  it('the result does not depend on the order of the input rows', () => {
    const orders = [1, 2, 3, 4].map((n) => order(n));
    const docs = [docFor(orders[0]!), docFor(orders[1]!, { stamped: false }), docFor(orders[2]!, { stamped: false, docNumber: null, txnDate: '2026-10-05' })];
    const a = run(input(orders, docs));
    const b = run(input([...orders].reverse(), [...docs].reverse()));
    expect(b).toEqual(a);
  });
});
