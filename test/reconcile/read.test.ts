import { describe, expect, it } from 'vitest';
import { reconcileCompany } from '../../main/reconcile/service';
import { listOrders, orderDetail, qboSideList, summary } from '../../main/reconcile/read';
import { CONFIG } from './helpers/config';
import { Proposer } from '../../main/reconcile/proposals';
import { useDemo } from './helpers/demo';
import { loadOrder, upsertOrders } from '../../main/mirror/store-orders';
import { splitOrderKey } from '../../main/reconcile/types';

const demo = useDemo();

describe('read side', () => {
  it('summary: counts and amounts per status, and the QBO side', () => {
    const { db } = demo.mirror();
    reconcileCompany(db, CONFIG);
    const s = summary(db);
    expect(s.orders).toBe(demo.business.expected.length);
    for (const st of s.statuses) {
      const want = demo.business.expected.filter((e) => e.status === st.status);
      expect(st.count, st.status).toBe(want.length);
      const total = demo.business.store.orders.filter((o) => want.some((w) => w.orderId === o.id)).reduce((n, o) => n + o.totalMinor, 0);
      expect(st.amounts.reduce((n, a) => n + a.total, 0), st.status).toBe(total);
    }
    expect(s.qboSide).toEqual({ orphans: 2, duplicates: 0 });
    expect(qboSideList(db).map((q) => q.id).sort()).toEqual(demo.business.orphans.map((o) => o.id).sort());
    expect(s.computedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('list: filters by status, date range, amount range and text; sorts; pages', () => {
    const { db } = demo.mirror();
    reconcileCompany(db, CONFIG);
    const all = listOrders(db, { pageSize: 500 });
    expect(all.total).toBe(120);
    const dates = all.rows.map((r) => r.orderDate);
    expect(dates).toEqual([...dates].sort());

    const differs = listOrders(db, { status: 'differs', sort: 'total', descending: true });
    expect(differs.total).toBe(demo.business.expected.filter((e) => e.status === 'differs').length);
    const totals = differs.rows.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(differs.rows.every((r) => r.differences > 0)).toBe(true);

    const mid = dates[60]!;
    const ranged = listOrders(db, { from: mid, to: mid, pageSize: 500 });
    expect(ranged.rows.every((r) => r.orderDate === mid)).toBe(true);
    expect(ranged.total).toBe(dates.filter((d) => d === mid).length);

    const cheap = listOrders(db, { minTotal: 1000, maxTotal: 5000, pageSize: 500 });
    expect(cheap.rows.every((r) => r.total >= 1000 && r.total <= 5000)).toBe(true);
    expect(cheap.total).toBe(all.rows.filter((r) => r.total >= 1000 && r.total <= 5000).length);
    // Amount bounds come with their currency: only orders in it are compared.
    const currency = all.rows[0]!.currency;
    const inIt = listOrders(db, { minTotal: 1000, currency, pageSize: 500 });
    expect(inIt.total).toBe(all.rows.filter((r) => r.currency === currency && r.total >= 1000).length);
    expect(inIt.total).toBeGreaterThan(0);
    expect(listOrders(db, { minTotal: 1000, currency: currency === 'EUR' ? 'JPY' : 'EUR' }).rows.every((r) => r.currency !== currency)).toBe(true);
    // One order in another currency: found by its currency alone, never by bounds in the main one.
    const abroad = all.rows.find((r) => r.total >= 1000)!;
    const { storeId, sourceId } = splitOrderKey(abroad.key);
    const order = loadOrder(db, storeId, sourceId)!;
    upsertOrders(db, storeId, [{ ...order, currency: 'CAD', presentmentCurrency: 'CAD', updatedAt: '2026-11-24T00:00:00.000Z' }]);
    reconcileCompany(db, CONFIG);
    expect(listOrders(db, { currency: 'CAD', pageSize: 500 }).rows.map((r) => r.key)).toEqual([abroad.key]);
    const stillIn = listOrders(db, { minTotal: 1000, currency, pageSize: 500 });
    expect(stillIn.total).toBe(inIt.total - 1);
    expect(stillIn.rows.map((r) => r.key)).not.toContain(abroad.key);

    const someone = demo.business.store.orders.find((o) => o.email)!;
    const byEmail = listOrders(db, { text: someone.email!.toUpperCase(), pageSize: 500 });
    expect(byEmail.rows.map((r) => r.number)).toContain(someone.name);
    const bySku = listOrders(db, { text: 'hg-oys', pageSize: 500 });
    const withSku = demo.business.store.orders.filter((o) => o.lines.some((l) => l.sku === 'HG-OYS')).map((o) => o.name).sort();
    expect(bySku.rows.map((r) => r.number).sort()).toEqual(withSku);
    expect(listOrders(db, { text: '#1001' }).rows.map((r) => r.number)).toContain('#1001');
    expect(listOrders(db, { text: '50%_' }).total).toBe(0);

    const byNumber = listOrders(db, { sort: 'number', pageSize: 10, page: 1 });
    expect(byNumber.rows.map((r) => r.number)).toEqual(all.rows.map((r) => r.number).sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(10, 20));
    expect(() => listOrders(db, { status: 'bogus' as never })).toThrow(/unknown status/);
  });

  it('detail: both sides, the diffs, the match reasons', () => {
    const { db } = demo.mirror();
    reconcileCompany(db, CONFIG);
    const { key, expected } = demo.order('differs_line');
    const d = orderDetail(db, key)!;
    expect(d.result.status).toBe('differs');
    expect(d.store?.number).toBe(expected.orderName);
    expect(d.qbo.map((q) => q.key)).toEqual(expected.qboDocs.map((x) => `${x.type}:${x.id}`));
    expect((d.qbo[0]!.json as { Id: string }).Id).toBe(expected.qboDocs[0]!.id);
    expect(d.result.diffs.some((x) => x.field === 'line' && x.differs)).toBe(true);
    expect(d.result.match?.reasons.length).toBeGreaterThan(0);
    const suggested = orderDetail(db, demo.order('suggested_hand_entered').key)!;
    expect(suggested.suggested?.key).toBe(suggested.result.suggestion?.docKey);
    expect(orderDetail(db, 'shop-1/nope')).toBeNull();
    expect(d.proposal).toBeNull();
    const withProposal = orderDetail(db, key, new Proposer(db, CONFIG, new Map()))!;
    const p = withProposal.proposal!;
    expect(p.kind).toBe('update');
    // Either buildable without preferences (an update of the linked document) or naming what is missing.
    if (p.missing.length === 0) expect(p.writes[0]).toMatchObject({ operation: 'update', payload: { Id: expected.qboDocs[0]!.id, sparse: true } });
    else expect(p.writes).toEqual([]);
    // Plain JSON: what a handler returns as is.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('detail: each QuickBooks document from the mirror columns, in minor units', () => {
    const { db } = demo.mirror();
    reconcileCompany(db, CONFIG);
    const { key, expected } = demo.order('invoice_paid_later');
    const d = orderDetail(db, key)!;
    const invoiceRef = expected.qboDocs.find((x) => x.type === 'Invoice')!;
    const paymentRef = expected.qboDocs.find((x) => x.type === 'Payment')!;
    const invoice = d.qbo.find((q) => q.key === `Invoice:${invoiceRef.id}`)!;
    const row = db.prepare('SELECT t.*, c.display_name FROM qbo_sales_txns t JOIN qbo_customers c ON c.id = t.customer_id WHERE type = ? AND t.id = ?').get('Invoice', invoiceRef.id) as
      { doc_number: string; txn_date: string; currency: string; total: number; total_tax: number; balance: number; display_name: string };
    expect(invoice).toMatchObject({
      type: 'Invoice', id: invoiceRef.id, role: 'sale', docNumber: row.doc_number, txnDate: row.txn_date, customer: row.display_name, currency: row.currency,
      total: row.total, totalTax: row.total_tax, balance: row.balance, voided: false, appliedTo: [],
    });
    expect(invoice.customer).toBeTruthy();
    const lines = db.prepare("SELECT detail_type, amount, unit_price FROM qbo_sales_txn_lines WHERE type = 'Invoice' AND txn_id = ? AND detail_type <> 'SubTotalLineDetail' ORDER BY line_no").all(invoiceRef.id) as
      Array<{ detail_type: string; amount: number; unit_price: string | null }>;
    expect(invoice.lines.map((l) => l.amount)).toEqual(lines.map((l) => l.amount));
    expect(invoice.lines.map((l) => l.unitPrice)).toEqual(lines.map((l) => l.unit_price));
    // This order has a discount code: its line is told apart, and the lines add up to the total as QBO's do.
    expect(invoice.lines.map((l) => l.kind)).toContain('discount');
    const items = invoice.lines.filter((l) => l.kind === 'item');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((l) => typeof l.item === 'string' && l.item.length > 0)).toBe(true);
    const sum = invoice.lines.reduce((n, l) => n + (l.kind === 'discount' ? -l.amount : l.amount), 0);
    expect(sum + invoice.totalTax).toBe(invoice.total);
    expect([invoice.total, invoice.totalTax, ...invoice.lines.map((l) => l.amount)].every(Number.isInteger)).toBe(true);
    // The subtotal line only restates the items: left out, as the JSON's line count shows.
    expect(invoice.lines).toHaveLength((invoice.json as { Line: Array<{ DetailType: string }> }).Line.filter((l) => l.DetailType !== 'SubTotalLineDetail').length);

    const payment = d.qbo.find((q) => q.key === `Payment:${paymentRef.id}`)!;
    const paid = db.prepare('SELECT total, txn_date FROM qbo_payments WHERE id = ?').get(paymentRef.id) as { total: number; txn_date: string };
    expect(payment).toMatchObject({ type: 'Payment', role: 'payment', total: paid.total, txnDate: paid.txn_date, customer: invoice.customer, lines: [], balance: null, appliedTo: [invoice.key] });
    expect((payment.json as { Id: string }).Id).toBe(paymentRef.id);

    // The suggested document gets the same view, so it can be compared before confirming.
    const suggested = orderDetail(db, demo.order('suggested_hand_entered').key)!.suggested!;
    expect(suggested.total).toBe((db.prepare('SELECT total FROM qbo_sales_txns WHERE type = ? AND id = ?').get(suggested.type, suggested.id) as { total: number }).total);
    expect(suggested.lines.length).toBeGreaterThan(0);

    // A voided document says so.
    expect(orderDetail(db, demo.order('cancelled_voided_invoice').key)!.qbo[0]).toMatchObject({ type: 'Invoice', voided: true });

    // A customer the mirror lacks is told apart from none: its id stays.
    const customerId = (db.prepare('SELECT customer_id FROM qbo_sales_txns WHERE type = ? AND id = ?').get('Invoice', invoiceRef.id) as { customer_id: string }).customer_id;
    expect(invoice.customerId).toBe(customerId);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM qbo_customers WHERE id = ?').run(customerId);
    expect(orderDetail(db, key)!.qbo.find((q) => q.key === invoice.key)).toMatchObject({ customer: null, customerId });

    // Deleted in QBO after the last reconcile: the verdict still names it, the detail has no view of it.
    db.prepare("DELETE FROM qbo_sales_txns WHERE type = 'Invoice' AND id = ?").run(invoiceRef.id);
    const after = orderDetail(db, key)!;
    expect(after.result.docs.map((x) => x.key)).toContain(invoice.key);
    expect(after.qbo.map((q) => q.key)).toEqual([payment.key]);
  });
});
