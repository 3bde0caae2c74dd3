import { describe, expect, it } from 'vitest';
import {
  SCENARIOS, demoBusiness, docNumberFor, stampFor, type ExpectedOrderStatus, type QboEntityJson, type ReconciliationStatus,
  type SeedBusiness, type SeedOrder,
} from '../../../sandbox/seed';
import { cents, customerEmail, findDoc, itemLines, ordersById, received, refunded, sum, taxOf } from './helpers';

const STATUSES: ReconciliationStatus[] = ['in_sync', 'missing_in_qbo', 'suggested_match', 'differs', 'unpaid_in_qbo', 'refund_missing', 'cancelled_open'];

const demo = demoBusiness();
const orders = ordersById(demo);

function mainDoc(b: SeedBusiness, e: ExpectedOrderStatus): QboEntityJson {
  const d = e.qboDocs.find((x) => x.type === 'SalesReceipt' || x.type === 'Invoice');
  if (!d) throw new Error(`${e.orderName} has no sales document`);
  return findDoc(b.books, d.type, d.id);
}

const docsOf = (e: ExpectedOrderStatus, type: string): QboEntityJson[] =>
  e.qboDocs.filter((d) => d.type === type).map((d) => findDoc(demo.books, d.type, d.id));

/** Every document that names an order, by stamp or by DocNumber. */
function docsNaming(o: SeedOrder): QboEntityJson[] {
  const all = [...demo.books.Invoice, ...demo.books.SalesReceipt, ...demo.books.Payment, ...demo.books.CreditMemo, ...demo.books.RefundReceipt];
  return all.filter((d) => String(d.PrivateNote ?? '').includes(stampFor(o.id)) || d.DocNumber === docNumberFor(o.name));
}

const byKind = (kind: string): ExpectedOrderStatus[] => demo.expected.filter((e) => e.kind === kind);

describe('demo scenarios', () => {
  it('has one expectation per order and every status with at least two orders', () => {
    expect(demo.expected.map((e) => e.orderId)).toEqual(demo.store.orders.map((o) => o.id));
    for (const s of STATUSES) expect(demo.expected.filter((e) => e.status === s).length, s).toBeGreaterThanOrEqual(2);
    // `ignored` only follows the bookkeeper's decision; test orders carry that decision.
    const ignorable = demo.expected.filter((e) => e.decision?.status === 'ignored');
    expect(ignorable.length).toBeGreaterThanOrEqual(2);
    for (const e of ignorable) {
      expect(orders.get(e.orderId)?.test).toBe(true);
      expect(e.status).toBe('missing_in_qbo');
    }
    for (const e of demo.expected) {
      expect(e.scenario.length).toBeGreaterThan(10);
      expect(e.status).toBe(e.kind === 'repeat_pair_second_missing' && e.qboDocs.length === 0 ? 'missing_in_qbo' : SCENARIOS[e.kind as keyof typeof SCENARIOS].status);
    }
  });

  it('every scenario kind occurs at least as often as its minimum', () => {
    for (const [kind, spec] of Object.entries(SCENARIOS)) {
      expect(byKind(kind).length, kind).toBeGreaterThanOrEqual(spec.min * spec.orders);
    }
  });

  it('qboDocs exist and are not shared between orders', () => {
    const seen = new Set<string>();
    for (const e of demo.expected) {
      for (const d of e.qboDocs) {
        findDoc(demo.books, d.type, d.id);
        expect(seen.has(`${d.type}:${d.id}`), `${d.type} ${d.id}`).toBe(false);
        seen.add(`${d.type}:${d.id}`);
      }
    }
  });

  it('in_sync: the linked documents carry the stamp or the DocNumber and agree with the order', () => {
    for (const e of demo.expected.filter((x) => x.status === 'in_sync')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const doc = mainDoc(demo, e);
      const ctx = `${e.orderName} ${e.kind}`;
      expect(doc.DocNumber, ctx).toBe(docNumberFor(o.name));
      if (e.kind === 'receipt_docnumber') expect(doc.PrivateNote, ctx).toBeUndefined();
      else expect(String(doc.PrivateNote).replace(/^Voided - /, ''), ctx).toBe(stampFor(o.id));
      expect(customerEmail(demo.books, doc), ctx).toBe(o.email);
      if (o.cancelledAt) {
        expect(doc.TotalAmt, ctx).toBe(0);
        expect(String(doc.PrivateNote), ctx).toMatch(/^Voided/);
        continue;
      }
      expect(cents(doc.TotalAmt), ctx).toBe(o.totalMinor);
      expect(taxOf(doc), ctx).toBe(o.totalTaxMinor);
      expect(itemLines(doc).filter((l) => l.Description !== undefined && !/Shipping$/.test(String(l.Description))).length, ctx).toBe(o.lines.length);
      if (e.qboDocs[0]?.type === 'Invoice') {
        const paid = sum(docsOf(e, 'Payment').map((p) => cents(p.TotalAmt)));
        expect(paid, ctx).toBe(received(o));
        expect(cents(doc.Balance), ctx).toBe(o.totalMinor - received(o));
      } else {
        expect(received(o), ctx).toBe(o.totalMinor);
      }
      const refundDocs = [...docsOf(e, 'RefundReceipt'), ...docsOf(e, 'CreditMemo')];
      expect(sum(refundDocs.map((d) => cents(d.TotalAmt))), ctx).toBe(refunded(o));
    }
  });

  it('missing_in_qbo: nothing in the books names the order; a repeat twin is posted for its own order only', () => {
    for (const e of demo.expected.filter((x) => x.status === 'missing_in_qbo')) {
      const o = orders.get(e.orderId) as SeedOrder;
      expect(e.qboDocs).toEqual([]);
      expect(docsNaming(o), e.orderName).toEqual([]);
    }
    for (const e of byKind('repeat_pair_second_missing').filter((x) => x.status === 'missing_in_qbo')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const twin = demo.store.orders.find((x) => x.id !== o.id && x.email === o.email && x.totalMinor === o.totalMinor
        && Date.parse(x.createdAt) < Date.parse(o.createdAt));
      expect(twin, e.orderName).toBeDefined();
      expect(docsNaming(twin as SeedOrder).length).toBeGreaterThan(0);
    }
  });

  it('suggested_match: a hand-entered one-line receipt with no DocNumber or stamp, same customer and amount, 1–2 days later', () => {
    for (const e of demo.expected.filter((x) => x.status === 'suggested_match')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const doc = mainDoc(demo, e);
      expect(doc.DocNumber).toBeUndefined();
      expect(doc.PrivateNote).toBeUndefined();
      expect(cents(doc.TotalAmt)).toBe(o.totalMinor);
      expect(taxOf(doc)).toBe(o.totalTaxMinor);
      expect(customerEmail(demo.books, doc)).toBe(o.email);
      // Keyed in without item detail: one generic line, so no SKU overlap lifts it to an automatic link.
      expect(itemLines(doc).map((l) => (l.SalesItemLineDetail as { ItemRef: { name: string } }).ItemRef.name)).toEqual(['Online Sales']);
      const orderDay = new Date(o.createdAt).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
      const days = (Date.parse(String(doc.TxnDate)) - Date.parse(orderDay)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(2);
      expect(docsNaming(o)).toEqual([]);
    }
  });

  it('differs: linked by stamp or DocNumber, with exactly the difference the scenario names', () => {
    for (const e of demo.expected.filter((x) => x.status === 'differs')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const doc = mainDoc(demo, e);
      expect(doc.DocNumber, e.orderName).toBe(docNumberFor(o.name));
      const ctx = `${e.orderName}: ${e.scenario}`;
      switch (e.kind) {
        case 'differs_tax':
          expect(taxOf(doc), ctx).not.toBe(o.totalTaxMinor);
          expect(customerEmail(demo.books, doc), ctx).toBe(o.email);
          break;
        case 'differs_shipping': {
          const ship = itemLines(doc).filter((l) => (l.SalesItemLineDetail as { ItemRef: { name: string } }).ItemRef.name === 'Shipping');
          const storeShipping = o.totalShippingMinor - sum(o.shippingLines.map((s) => s.discountMinor));
          expect(sum(ship.map((l) => cents(l.Amount))), ctx).not.toBe(storeShipping);
          expect(taxOf(doc), ctx).toBe(o.totalTaxMinor);
          break;
        }
        case 'differs_line': {
          const l1 = itemLines(doc)[0]?.SalesItemLineDetail as { Qty: number; UnitPrice: number };
          const s1 = o.lines[0] as SeedOrder['lines'][number];
          expect(l1.Qty !== s1.quantity || Math.round(l1.UnitPrice * 100) !== s1.unitPriceMinor, ctx).toBe(true);
          break;
        }
        case 'differs_customer':
          expect(customerEmail(demo.books, doc), ctx).not.toBe(o.email);
          expect(cents(doc.TotalAmt), ctx).toBe(o.totalMinor);
          break;
        case 'differs_presentment':
          expect(o.presentmentCurrency, ctx).not.toBe('USD');
          expect(cents(doc.TotalAmt), ctx).not.toBe(o.totalMinor);
          break;
        default:
          throw new Error(`unexpected differs kind ${e.kind}`);
      }
      if (e.kind !== 'differs_customer' && e.kind !== 'differs_tax') expect(customerEmail(demo.books, doc), ctx).toBe(o.email);
    }
  });

  it('unpaid_in_qbo: the order is paid, its stamped invoice still has a balance', () => {
    for (const e of demo.expected.filter((x) => x.status === 'unpaid_in_qbo')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const inv = mainDoc(demo, e);
      expect(e.qboDocs[0]?.type).toBe('Invoice');
      expect(o.financialStatus).toBe('paid');
      expect(inv.PrivateNote).toBe(stampFor(o.id));
      expect(cents(inv.Balance)).toBeGreaterThan(0);
      expect(cents(inv.TotalAmt)).toBe(o.totalMinor);
    }
  });

  it('refund_missing: store refunds with no refund document; the sale itself is posted', () => {
    const shapes = new Set<string>();
    for (const e of demo.expected.filter((x) => x.status === 'refund_missing')) {
      const o = orders.get(e.orderId) as SeedOrder;
      expect(o.refunds.length).toBeGreaterThan(0);
      expect(o.cancelledAt).toBeNull();
      expect(docsNaming(o).every((d) => !demo.books.RefundReceipt.includes(d) && !demo.books.CreditMemo.includes(d))).toBe(true);
      const doc = mainDoc(demo, e);
      expect(cents(doc.TotalAmt)).toBe(o.totalMinor);
      const r = o.refunds[0] as SeedOrder['refunds'][number];
      shapes.add(r.totalMinor === o.totalMinor ? 'full' : r.lines.length === 0 ? 'shipping' : 'partial');
    }
    expect([...shapes].sort()).toEqual(['full', 'partial', 'shipping']);
  });

  it('cancelled_open: the order is cancelled, its document is still active', () => {
    for (const e of demo.expected.filter((x) => x.status === 'cancelled_open')) {
      const o = orders.get(e.orderId) as SeedOrder;
      const doc = mainDoc(demo, e);
      expect(o.cancelledAt).not.toBeNull();
      expect(cents(doc.TotalAmt)).toBe(o.totalMinor);
      expect(String(doc.PrivateNote ?? '')).not.toMatch(/^Voided/);
    }
  });

  it('cancelled orders with a voided document are in_sync', () => {
    const voided = demo.expected.filter((e) => e.kind === 'cancelled_voided_invoice' || e.kind === 'cancelled_voided_receipt');
    expect(voided.length).toBeGreaterThanOrEqual(2);
    for (const e of voided) {
      expect(e.status).toBe('in_sync');
      const doc = mainDoc(demo, e);
      expect(doc.PrivateNote).toBe(`Voided - ${stampFor(e.orderId)}`);
      expect(doc.TotalAmt).toBe(0);
      expect(doc.Balance).toBe(0);
    }
  });

  it('repeat orders by the same customer for the same amount are separate orders with separate documents', () => {
    const pairs = byKind('repeat_pair_posted');
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (const e of pairs) {
      const o = orders.get(e.orderId) as SeedOrder;
      const twin = pairs.find((x) => x !== e && orders.get(x.orderId)?.email === o.email && orders.get(x.orderId)?.totalMinor === o.totalMinor);
      expect(twin, e.orderName).toBeDefined();
      expect(twin?.qboDocs[0]?.id).not.toBe(e.qboDocs[0]?.id);
      expect(orders.get(twin?.orderId ?? '')?.createdAt.slice(0, 10)).not.toBe(o.createdAt.slice(0, 10));
    }
  });

  it('one customer has a QBO DisplayName different from the store name, matched by email', () => {
    const renamed = byKind('receipt_renamed_customer');
    expect(renamed.length).toBeGreaterThanOrEqual(2);
    for (const e of renamed) {
      const o = orders.get(e.orderId) as SeedOrder;
      const doc = mainDoc(demo, e);
      const c = demo.books.Customer.find((x) => x.Id === (doc.CustomerRef as { value: string }).value) as QboEntityJson;
      expect(c.DisplayName).not.toBe(`${o.customer?.firstName} ${o.customer?.lastName}`);
      expect((c.PrimaryEmailAddr as { Address: string }).Address).toBe(o.email);
    }
  });

  it('presentment currency differs from the shop currency on in_sync orders, booked in USD', () => {
    const foreign = byKind('presentment_in_sync');
    expect(foreign.length).toBeGreaterThanOrEqual(2);
    for (const e of foreign) {
      const o = orders.get(e.orderId) as SeedOrder;
      expect(['CAD', 'EUR']).toContain(o.presentmentCurrency);
      expect(Number(o.presentmentRate)).not.toBe(1);
      expect(o.currency).toBe('USD');
    }
  });

  it('orphans: QBO documents stamped or numbered for orders that do not exist', () => {
    expect(demo.orphans.length).toBeGreaterThanOrEqual(2);
    const names = new Set(demo.store.orders.map((o) => o.name));
    const ids = new Set(demo.store.orders.map((o) => o.id));
    const linked = new Set(demo.expected.flatMap((e) => e.qboDocs.map((d) => `${d.type}:${d.id}`)));
    expect(demo.orphans.some((o) => o.type === 'SalesReceipt')).toBe(true);
    expect(demo.orphans.some((o) => o.type === 'Invoice')).toBe(true);
    for (const orphan of demo.orphans) {
      const doc = findDoc(demo.books, orphan.type, orphan.id);
      expect(linked.has(`${orphan.type}:${orphan.id}`)).toBe(false);
      expect(names.has(String(doc.DocNumber))).toBe(false);
      expect(String(doc.DocNumber)).toMatch(/^#\d+$/);
      const stamp = /^ledgerbridge:shopify:(\d+)$/.exec(String(doc.PrivateNote ?? ''));
      if (stamp) expect(ids.has(stamp[1] as string)).toBe(false);
    }
    expect(demo.orphans.some((o) => String(findDoc(demo.books, o.type, o.id).PrivateNote ?? '').startsWith('ledgerbridge:shopify:'))).toBe(true);
  });
});
