/**
 * Synthetic QBO books for sync tests and the benchmark: a new company plus customers, items,
 * invoices (three item lines each, ~1.5 KB of JSON like real ones), sales receipts, credit memos,
 * refund receipts and payments applied to invoices. Times are spread over the 20 days before `nowMs`.
 */
import { newCompanyBooks } from '../../sandbox/seed/new-company';
import type { QboEntityJson, SeedBooks } from '../../sandbox/seed/types';

export interface BookSizes {
  customers: number;
  items: number;
  invoices: number;
  salesReceipts?: number;
  creditMemos?: number;
  refundReceipts?: number;
  payments?: number;
  /** Customers and items made inactive (every n-th), to check inactive name-list entries come too. */
  inactiveEvery?: number;
}

function pacific(ms: number): string {
  return new Date(ms - 8 * 3_600_000).toISOString().slice(0, 19) + '-08:00';
}

export function syncBooks(realmId: string, nowMs: number, sizes: BookSizes): SeedBooks {
  const books = newCompanyBooks(realmId, { now: new Date(nowMs - 40 * 86_400_000) });
  const income = books.Account.find((a) => a.AccountType === 'Income')?.Id ?? '1';
  const span = 20 * 86_400_000;
  const total =
    sizes.customers + sizes.items + sizes.invoices + (sizes.salesReceipts ?? 0) + (sizes.creditMemos ?? 0) + (sizes.refundReceipts ?? 0) + (sizes.payments ?? 0) + 1;
  let tick = 0;
  const meta = () => {
    const at = pacific(nowMs - span + Math.floor((tick++ / total) * (span - 3_600_000)));
    return { CreateTime: at, LastUpdatedTime: at };
  };
  // The last 1/inactiveEvery of each list is inactive; documents only use the active ones (QBO refuses
  // an update of a document naming an inactive customer or item).
  const inactiveShare = (n: number) => (sizes.inactiveEvery ? Math.floor(n / sizes.inactiveEvery) : 0);
  const activeCustomers = Math.max(1, sizes.customers - inactiveShare(sizes.customers));
  const activeItems = Math.max(1, sizes.items - inactiveShare(sizes.items));

  for (let i = 0; i < sizes.customers; i++) {
    const name = `Customer ${i + 1}`;
    books.Customer.push({
      Id: String(i + 1),
      SyncToken: '0',
      DisplayName: name,
      GivenName: 'Pat',
      FamilyName: `Doe ${i + 1}`,
      FullyQualifiedName: name,
      PrimaryEmailAddr: { Address: `customer${i + 1}@example.com` },
      BillAddr: { Line1: `${i + 1} Main St`, City: 'Springfield', CountrySubDivisionCode: 'IL', PostalCode: '62701' },
      Active: i < activeCustomers,
      Balance: 0,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: meta(),
    });
  }
  for (let i = 0; i < sizes.items; i++) {
    const name = `Item ${i + 1}`;
    books.Item.push({
      Id: String(i + 1),
      SyncToken: '0',
      Name: name,
      FullyQualifiedName: name,
      Sku: `SKU-${i + 1}`,
      Type: 'NonInventory',
      UnitPrice: 5 + (i % 40),
      Active: i < activeItems,
      IncomeAccountRef: { value: income, name: 'Sales of Product Income' },
      MetaData: meta(),
    });
  }
  let txnId = 1;
  const customerRef = (i: number) => ({ value: String((i % activeCustomers) + 1), name: `Customer ${(i % activeCustomers) + 1}` });
  const salesTxn = (i: number, doc: string): QboEntityJson => {
    const m = meta();
    const lines: Record<string, unknown>[] = [];
    let sum = 0;
    for (let l = 0; l < 3; l++) {
      const item = ((i * 3 + l) % activeItems) + 1;
      const qty = 1 + ((i + l) % 3);
      const unit = 5 + ((i + l) % 40) + 0.25;
      const amount = Math.round(qty * unit * 100) / 100;
      sum += Math.round(amount * 100);
      lines.push({
        Id: String(l + 1),
        LineNum: l + 1,
        Description: `Item ${item} — order line ${l + 1}`,
        Amount: amount,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: String(item), name: `Item ${item}` }, Qty: qty, UnitPrice: unit, TaxCodeRef: { value: 'NON' } },
      });
    }
    const totalAmt = sum / 100;
    lines.push({ Amount: totalAmt, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    return {
      Id: String(txnId++),
      SyncToken: '0',
      DocNumber: doc,
      TxnDate: m.CreateTime.slice(0, 10),
      CustomerRef: customerRef(i),
      Line: lines,
      TxnTaxDetail: { TotalTax: 0 },
      TotalAmt: totalAmt,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      PrivateNote: `Ledgerbridge order #${100000 + i}`,
      BillEmail: { Address: `customer${(i % activeCustomers) + 1}@example.com` },
      MetaData: m,
    };
  };
  for (let i = 0; i < sizes.invoices; i++) {
    const doc = salesTxn(i, `INV-${100000 + i}`);
    books.Invoice.push({ ...doc, Balance: doc.TotalAmt, DueDate: doc.TxnDate });
  }
  for (let i = 0; i < (sizes.salesReceipts ?? 0); i++) books.SalesReceipt.push(salesTxn(i, `SR-${1000 + i}`));
  for (let i = 0; i < (sizes.creditMemos ?? 0); i++) books.CreditMemo.push({ ...salesTxn(i, `CM-${1000 + i}`), Balance: 0, RemainingCredit: 0 });
  for (let i = 0; i < (sizes.refundReceipts ?? 0); i++) books.RefundReceipt.push(salesTxn(i, `RR-${1000 + i}`));
  for (let i = 0; i < Math.min(sizes.payments ?? 0, books.Invoice.length); i++) {
    const invoice = books.Invoice[i]!;
    invoice.Balance = 0;
    books.Payment.push({
      Id: String(txnId++),
      SyncToken: '0',
      TxnDate: String(invoice.TxnDate),
      CustomerRef: invoice.CustomerRef,
      TotalAmt: invoice.TotalAmt,
      UnappliedAmt: 0,
      Line: [{ Amount: invoice.TotalAmt, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: meta(),
    });
  }
  return books;
}
