import { describe, expect, it } from 'vitest';
import { demoBusiness, generateBusiness, type QboEntityJson, type SeedBooks } from '../../../sandbox/seed';
import { TXN_TYPES, cents, discountOf, itemLines, linesOf, sum, taxOf } from './helpers';

/** Ref field → the entity list its value must be found in. */
const REF_TARGETS: Record<string, keyof SeedBooks | 'currency'> = {
  CustomerRef: 'Customer',
  ItemRef: 'Item',
  ItemAccountRef: 'Account',
  IncomeAccountRef: 'Account',
  DiscountAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  TaxCodeRef: 'TaxCode',
  TxnTaxCodeRef: 'TaxCode',
  TaxRateRef: 'TaxRate',
  PaymentMethodRef: 'PaymentMethod',
  CurrencyRef: 'currency',
};

function walkRefs(node: unknown, path: string, visit: (key: string, value: string, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((x, i) => walkRefs(x, `${path}[${i}]`, visit));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.endsWith('Ref') && v && typeof v === 'object' && 'value' in v) visit(k, String((v as { value: unknown }).value), `${path}.${k}`);
      else walkRefs(v, `${path}.${k}`, visit);
    }
  }
}

function checkBooks(books: SeedBooks): void {
  // Ids unique per entity; transactions share one sequence, as in QBO.
  const lists = ['Account', 'TaxCode', 'TaxRate', 'PaymentMethod', 'Customer', 'Item', ...TXN_TYPES] as const;
  for (const name of lists) {
    const ids = books[name].map((e) => e.Id);
    expect(new Set(ids).size, name).toBe(ids.length);
  }
  const txnIds = TXN_TYPES.flatMap((t) => books[t].map((d) => d.Id));
  expect(new Set(txnIds).size).toBe(txnIds.length);
  expect(new Set(books.Customer.map((c) => String(c.DisplayName).toLowerCase())).size).toBe(books.Customer.length);
  expect(new Set(books.Item.map((c) => String(c.Name).toLowerCase())).size).toBe(books.Item.length);

  // Every reference resolves.
  const index = new Map<string, Set<string>>();
  for (const name of lists) index.set(name, new Set(books[name].map((e) => e.Id)));
  for (const name of lists) {
    for (const e of books[name]) {
      walkRefs(e, `${name} ${e.Id}`, (key, value, path) => {
        const target = REF_TARGETS[key];
        expect(target, `unknown ref kind at ${path}`).toBeDefined();
        if (target === 'currency') expect(value, path).toBe('USD');
        else expect(index.get(target as string)?.has(value), `${path} → ${String(target)} ${value}`).toBe(true);
      });
    }
  }

  // Sales documents: TotalAmt = Σ item lines − discount + tax; SubTotal line = Σ item lines.
  const applied = new Map<string, number>();
  for (const p of books.Payment) {
    const lines = p.Line as Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }>;
    expect(cents(p.TotalAmt), `Payment ${p.Id}`).toBe(sum(lines.map((l) => cents(l.Amount))));
    expect(p.UnappliedAmt).toBe(0);
    for (const l of lines) {
      for (const link of l.LinkedTxn) {
        expect(link.TxnType).toBe('Invoice');
        const inv = books.Invoice.find((i) => i.Id === link.TxnId);
        expect(inv, `Payment ${p.Id} links Invoice ${link.TxnId}`).toBeDefined();
        expect((inv?.CustomerRef as { value: string }).value).toBe((p.CustomerRef as { value: string }).value);
        expect((inv?.LinkedTxn as Array<{ TxnId: string }>).some((x) => x.TxnId === p.Id)).toBe(true);
        applied.set(link.TxnId, (applied.get(link.TxnId) ?? 0) + cents(l.Amount));
      }
    }
  }
  for (const type of ['Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt'] as const) {
    for (const d of books[type]) {
      const ctx = `${type} ${d.Id}`;
      const items = itemLines(d);
      const subtotalLine = linesOf(d).find((l) => l.DetailType === 'SubTotalLineDetail');
      expect(subtotalLine, ctx).toBeDefined();
      const itemSum = sum(items.map((l) => cents(l.Amount)));
      expect(cents(subtotalLine?.Amount), ctx).toBe(itemSum);
      expect(cents(d.TotalAmt), ctx).toBe(itemSum - discountOf(d) + taxOf(d));
      const voided = String(d.PrivateNote ?? '').startsWith('Voided');
      for (const l of items) {
        const det = l.SalesItemLineDetail as { Qty: number; UnitPrice?: number };
        if (voided) expect(cents(l.Amount), ctx).toBe(0);
        else expect(Math.abs(cents(l.Amount) - Math.round(det.Qty * (det.UnitPrice ?? 0) * 100)), ctx).toBeLessThanOrEqual(1);
      }
      const taxLines = ((d.TxnTaxDetail as { TaxLine?: Array<{ Amount: number }> }).TaxLine ?? []);
      if (taxLines.length > 0) expect(sum(taxLines.map((t) => cents(t.Amount))), ctx).toBe(taxOf(d));
      expect(d.TxnDate, ctx).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(d.CurrencyRef, ctx).toEqual({ value: 'USD', name: 'United States Dollar' });
      const meta = d.MetaData as { CreateTime: string; LastUpdatedTime: string };
      expect(Date.parse(meta.LastUpdatedTime), ctx).toBeGreaterThanOrEqual(Date.parse(meta.CreateTime));
      if (type === 'SalesReceipt' || type === 'RefundReceipt') expect(d.Balance, ctx).toBe(0);
      if (type === 'CreditMemo') expect(cents(d.Balance), ctx).toBe(cents(d.TotalAmt));
      if (type === 'Invoice') {
        const bal = voided ? 0 : cents(d.TotalAmt) - (applied.get(d.Id) ?? 0);
        expect(cents(d.Balance), ctx).toBe(bal);
        expect(cents(d.Balance), ctx).toBeGreaterThanOrEqual(0);
        expect(d.DueDate, ctx).toMatch(/^\d{4}-\d\d-\d\d$/);
      }
      if (typeof d.DocNumber === 'string') expect(d.DocNumber.length, ctx).toBeLessThanOrEqual(21);
    }
  }

  // Account and customer balances follow from the documents.
  const byName = (n: string): QboEntityJson => books.Account.find((a) => a.Name === n) as QboEntityJson;
  const ar = sum(books.Invoice.map((d) => cents(d.Balance))) - sum(books.CreditMemo.map((d) => cents(d.Balance)));
  expect(cents(byName('Accounts Receivable (A/R)').CurrentBalance)).toBe(ar);
  const uf = sum(books.SalesReceipt.map((d) => cents(d.TotalAmt))) + sum(books.Payment.map((d) => cents(d.TotalAmt)))
    - sum(books.RefundReceipt.map((d) => cents(d.TotalAmt)));
  expect(cents(byName('Undeposited Funds').CurrentBalance)).toBe(uf);
  for (const c of books.Customer) {
    const open = sum(books.Invoice.filter((d) => (d.CustomerRef as { value: string }).value === c.Id).map((d) => cents(d.Balance)))
      - sum(books.CreditMemo.filter((d) => (d.CustomerRef as { value: string }).value === c.Id).map((d) => cents(d.Balance)));
    expect(cents(c.Balance), `Customer ${c.Id}`).toBe(open);
  }
}

describe('QBO books', () => {
  const demo = demoBusiness();

  it('demo books: unique ids, resolvable refs, consistent totals, balances and payments', () => {
    checkBooks(demo.books);
  });

  it('a second seed keeps the same invariants', () => {
    checkBooks(generateBusiness({ seed: 5, orders: 400 }).books);
  });

  it('has what the bookkeeper set up: items for SKUs (a few without), a Shipping item, sales tax, PayPal, custom numbers', () => {
    const b = demo.books;
    const shipping = b.Item.find((i) => i.Name === 'Shipping');
    expect(shipping).toMatchObject({ Type: 'Service' });
    expect(b.Item.filter((i) => typeof i.Sku === 'string').length).toBeGreaterThan(25);
    expect(b.Item.filter((i) => i.Sku === undefined && i.Name !== 'Shipping').length).toBeGreaterThanOrEqual(3);
    expect(b.Item.every((i) => i.Type === 'NonInventory' || i.Type === 'Service')).toBe(true);
    expect(b.TaxRate.length).toBeGreaterThan(0);
    expect(b.TaxCode.filter((t) => t.TaxGroup === true).length).toBeGreaterThan(0);
    expect(b.PaymentMethod.some((p) => p.Name === 'PayPal')).toBe(true);
    const prefs = b.Preferences as { SalesFormsPrefs: { CustomTxnNumbers: boolean; AllowDiscount: boolean } };
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    expect(prefs.SalesFormsPrefs.AllowDiscount).toBe(true);
    expect(b.Customer.length).toBeGreaterThan(20);
    for (const c of b.Customer) {
      expect(c.PrimaryEmailAddr).toBeDefined();
      expect(typeof c.GivenName).toBe('string');
      expect(typeof c.FamilyName).toBe('string');
    }
    // Discount lines, multi-component tax details and payments with LinkedTxn all occur.
    expect(b.SalesReceipt.some((d) => discountOf(d) > 0)).toBe(true);
    expect(b.SalesReceipt.some((d) => ((d.TxnTaxDetail as { TaxLine?: unknown[] }).TaxLine ?? []).length >= 2)).toBe(true);
    expect(b.Payment.length).toBeGreaterThanOrEqual(3);
  });

  it('TxnDate is the order date in the company zone (America/Chicago)', () => {
    const byId = new Map(demo.store.orders.map((o) => [o.id, o]));
    let checked = 0;
    for (const e of demo.expected) {
      if (e.kind !== 'receipt_stamped') continue;
      const o = byId.get(e.orderId);
      const doc = demo.books.SalesReceipt.find((d) => d.Id === e.qboDocs[0]?.id);
      const local = new Date(Date.parse(o?.createdAt ?? '')).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
      expect(doc?.TxnDate).toBe(local);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
