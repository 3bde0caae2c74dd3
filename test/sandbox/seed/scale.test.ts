import { describe, expect, it } from 'vitest';
import { generateBusiness, type ReconciliationStatus } from '../../../sandbox/seed';
import { TXN_TYPES, cents } from './helpers';

describe('seed at scale', () => {
  it('20,000 orders keep the status mix: mostly in_sync, every status present, consistent books', () => {
    const b = generateBusiness({ seed: 9, orders: 20_000 });
    expect(b.store.orders).toHaveLength(20_000);
    expect(b.expected).toHaveLength(20_000);

    const counts = new Map<ReconciliationStatus, number>();
    for (const e of b.expected) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    const share = (s: ReconciliationStatus): number => (counts.get(s) ?? 0) / b.expected.length;
    expect(share('in_sync')).toBeGreaterThan(0.75);
    expect(share('in_sync')).toBeLessThan(0.95);
    for (const s of ['missing_in_qbo', 'suggested_match', 'differs', 'unpaid_in_qbo', 'refund_missing', 'cancelled_open'] as const) {
      expect(counts.get(s) ?? 0, s).toBeGreaterThanOrEqual(50);
    }
    expect(b.expected.filter((e) => e.decision?.status === 'ignored').length).toBeGreaterThanOrEqual(10);
    expect(b.orphans.length).toBeGreaterThanOrEqual(5);

    // Cheap whole-book checks (plain loops; one assertion each).
    const problems: string[] = [];
    const txnIds = new Set<string>();
    for (const t of TXN_TYPES) for (const d of b.books[t]) {
      if (txnIds.has(d.Id)) problems.push(`duplicate txn id ${d.Id}`);
      txnIds.add(d.Id);
    }
    const invoices = new Map(b.books.Invoice.map((d) => [d.Id, d]));
    for (const p of b.books.Payment) {
      for (const l of p.Line as Array<{ LinkedTxn: Array<{ TxnId: string }> }>) {
        for (const link of l.LinkedTxn) if (!invoices.has(link.TxnId)) problems.push(`payment ${p.Id} → ${link.TxnId}`);
      }
    }
    const orderIds = new Set(b.store.orders.map((o) => o.id));
    for (const e of b.expected) if (!orderIds.has(e.orderId)) problems.push(`expected for unknown order ${e.orderId}`);
    for (const d of b.books.SalesReceipt) if (cents(d.Balance) !== 0) problems.push(`receipt ${d.Id} balance`);
    const customerIds = new Set(b.books.Customer.map((c) => c.Id));
    for (const t of TXN_TYPES) for (const d of b.books[t]) {
      if (!customerIds.has((d.CustomerRef as { value: string }).value)) problems.push(`${t} ${d.Id} customer`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
