/**
 * QBO documents for a store order, shaped like the API serves them. Every server-computed field is
 * computed here from the lines (SubTotal, TotalAmt, Balance), so the QBO stand-in can serve them
 * unchanged: TotalAmt = Σ item lines − discount + TotalTax, and Balance = TotalAmt − payments.
 */
import type { QboEntityJson } from './types';
import type { Ledger, Ref } from './ledger';
import type { OrderFacts, RefundFacts } from './orders';
import type { Destination } from './catalogue';
import { USD_REF } from './new-company';
import { qboAmount, qboUnitPrice } from './money';
import { addDays, qboTime } from './time';

export interface ContentLine {
  item: Ref;
  income: Ref;
  description: string;
  quantity: number;
  /** Unit price as QBO holds it (may carry more than two decimals for refunded net prices). */
  unitPrice: number;
  amountMinor: number;
  taxable: boolean;
}

/** What a sales document says, before it becomes JSON; scenarios edit this to make differences. */
export interface DocContent {
  lines: ContentLine[];
  discountMinor: number;
  discountNote: string;
  dest: Destination;
  /** Tax per destination component; TotalTax is their sum. */
  taxByComponent: number[];
  taxableBaseMinor: number;
}

export interface DocHeader {
  customer: Ref;
  txnDate: string;
  createMs: number;
  updateMs?: number;
  docNumber: string | null;
  privateNote: string | null;
  email: string | null;
  billAddr: Record<string, string> | null;
  shipAddr: Record<string, string> | null;
}

/*
 * Reference objects ({value, name}) are shared between documents and frozen: the seed is large
 * and refs never change in place in QBO (an update replaces them), so a consumer that tried to
 * mutate one would fail loudly instead of corrupting other documents.
 */
const TAX_REF = Object.freeze({ value: 'TAX' });
const NON_REF = Object.freeze({ value: 'NON' });
const EMPTY_DETAIL = Object.freeze({});
/** Shared by documents that never gain entries here (invoices get their own LinkedTxn). */
const EMPTY_LIST = Object.freeze([]) as unknown as unknown[];

const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Order name cut to QBO's 21-character DocNumber. */
export const docNumberFor = (orderName: string, suffix = ''): string => `${orderName}${suffix}`.slice(0, 21);

export const stampFor = (orderId: string): string => `ledgerbridge:shopify:${orderId}`;

export function contentFromOrder(f: OrderFacts, ledger: Ledger): DocContent {
  const lines: ContentLine[] = f.lines.map((l) => {
    const item = ledger.item(l.variant);
    return {
      item: item.ref,
      income: item.income,
      description: item.ref.name as string,
      quantity: l.quantity,
      unitPrice: qboAmount(l.unitPriceMinor),
      amountMinor: l.grossMinor,
      taxable: l.taxMinor > 0,
    };
  });
  if (f.shipping && f.shipping.netMinor > 0) {
    lines.push({
      item: ledger.shippingItem.ref,
      income: ledger.shippingItem.income,
      description: f.shipping.title,
      quantity: 1,
      unitPrice: qboAmount(f.shipping.netMinor),
      amountMinor: f.shipping.netMinor,
      taxable: f.shipping.taxMinor > 0,
    });
  }
  const taxByComponent = f.dest.taxes.map((_, i) =>
    sumOf(f.lines.map((l) => l.taxByComponent[i] ?? 0)) + (f.shipping?.taxByComponent[i] ?? 0));
  const taxableBase = sumOf(f.lines.filter((l) => l.taxMinor > 0).map((l) => l.netMinor))
    + (f.shipping && f.shipping.taxMinor > 0 ? f.shipping.netMinor : 0);
  const discount = sumOf(f.lines.map((l) => l.discountMinor));
  return {
    lines,
    discountMinor: discount,
    discountNote: f.order.discounts.map((d) => `Discount code ${d.code}`).join(', '),
    dest: f.dest,
    taxByComponent,
    taxableBaseMinor: taxableBase,
  };
}

/** The sale keyed in by hand as one "Online Sales" line: same amount and tax, no item detail. */
export function handEnteredContent(f: OrderFacts, ledger: Ledger): DocContent {
  const c = contentFromOrder(f, ledger);
  const net = totalOf(c).subtotal - c.discountMinor;
  return {
    ...c,
    lines: [{
      item: ledger.genericItem.ref,
      income: ledger.genericItem.income,
      description: 'Online store sale',
      quantity: 1,
      unitPrice: qboAmount(net),
      amountMinor: net,
      taxable: f.order.totalTaxMinor > 0,
    }],
    discountMinor: 0,
    discountNote: '',
  };
}

export function contentFromRefund(f: OrderFacts, r: RefundFacts, ledger: Ledger): DocContent {
  const lines: ContentLine[] = r.lines.map((p) => {
    const l = f.lines[p.lineIndex] as OrderFacts['lines'][number];
    const item = ledger.item(l.variant);
    return {
      item: item.ref,
      income: item.income,
      description: `Refund: ${l.variant.variantTitle ? `${l.variant.title} - ${l.variant.variantTitle}` : l.variant.title}`,
      quantity: p.quantity,
      unitPrice: qboUnitPrice(p.subtotalMinor, p.quantity),
      amountMinor: p.subtotalMinor,
      taxable: sumOf(p.taxByComponent) > 0,
    };
  });
  if (r.shippingMinor > 0) {
    lines.push({
      item: ledger.shippingItem.ref,
      income: ledger.shippingItem.income,
      description: 'Refund: shipping',
      quantity: 1,
      unitPrice: qboAmount(r.shippingMinor),
      amountMinor: r.shippingMinor,
      taxable: sumOf(r.shippingTaxByComponent) > 0,
    });
  }
  const taxByComponent = f.dest.taxes.map((_, i) =>
    sumOf(r.lines.map((p) => p.taxByComponent[i] ?? 0)) + (r.shippingTaxByComponent[i] ?? 0));
  const base = sumOf(r.lines.filter((p) => sumOf(p.taxByComponent) > 0).map((p) => p.subtotalMinor))
    + (sumOf(r.shippingTaxByComponent) > 0 ? r.shippingMinor : 0);
  return { lines, discountMinor: 0, discountNote: '', dest: f.dest, taxByComponent, taxableBaseMinor: base };
}

export function totalOf(c: DocContent): { subtotal: number; tax: number; total: number } {
  const subtotal = sumOf(c.lines.map((l) => l.amountMinor));
  const tax = sumOf(c.taxByComponent);
  return { subtotal, tax, total: subtotal - c.discountMinor + tax };
}

function lineJson(c: DocContent, ledger: Ledger): unknown[] {
  const out: unknown[] = [];
  c.lines.forEach((l, i) => {
    out.push({
      Id: String(i + 1),
      LineNum: i + 1,
      Description: l.description,
      Amount: qboAmount(l.amountMinor),
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: {
        ItemRef: l.item,
        UnitPrice: l.unitPrice,
        Qty: l.quantity,
        ItemAccountRef: l.income,
        TaxCodeRef: l.taxable ? TAX_REF : NON_REF,
      },
    });
  });
  const { subtotal } = totalOf(c);
  out.push({ Amount: qboAmount(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: EMPTY_DETAIL });
  if (c.discountMinor > 0) {
    out.push({
      Id: String(c.lines.length + 1),
      LineNum: c.lines.length + 1,
      Description: c.discountNote,
      Amount: qboAmount(c.discountMinor),
      DetailType: 'DiscountLineDetail',
      DiscountLineDetail: { PercentBased: false, DiscountAccountRef: ledger.discountAccount },
    });
  }
  return out;
}

function taxDetail(c: DocContent, ledger: Ledger): Record<string, unknown> {
  const tax = sumOf(c.taxByComponent);
  const code = ledger.taxCode(c.dest.key);
  if (!code || (tax === 0 && c.taxableBaseMinor === 0)) return { TotalTax: qboAmount(tax) };
  return {
    TxnTaxCodeRef: code,
    TotalTax: qboAmount(tax),
    TaxLine: c.dest.taxes.map((t, i) => {
      const rate = ledger.taxRate(t.title);
      return {
        Amount: qboAmount(c.taxByComponent[i] ?? 0),
        DetailType: 'TaxLineDetail',
        TaxLineDetail: {
          TaxRateRef: rate.ref,
          PercentBased: true,
          TaxPercent: rate.percent,
          NetAmountTaxable: qboAmount(c.taxableBaseMinor),
        },
      };
    }),
  };
}

function base(id: string, h: DocHeader): QboEntityJson {
  const created = qboTime(h.createMs);
  const doc: QboEntityJson = {
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: created, LastUpdatedTime: h.updateMs === undefined ? created : qboTime(h.updateMs) },
    CustomField: EMPTY_LIST,
  };
  if (h.docNumber !== null) doc.DocNumber = h.docNumber;
  doc.TxnDate = h.txnDate;
  doc.CurrencyRef = USD_REF;
  if (h.privateNote !== null) doc.PrivateNote = h.privateNote;
  doc.LinkedTxn = EMPTY_LIST;
  return doc;
}

function salesFields(doc: QboEntityJson, c: DocContent, h: DocHeader, ledger: Ledger): void {
  const { total } = totalOf(c);
  doc.Line = lineJson(c, ledger);
  doc.TxnTaxDetail = taxDetail(c, ledger);
  doc.CustomerRef = h.customer;
  if (h.billAddr) doc.BillAddr = h.billAddr;
  if (h.shipAddr) doc.ShipAddr = h.shipAddr;
  doc.FreeFormAddress = false;
  doc.ApplyTaxAfterDiscount = false;
  doc.PrintStatus = 'NotSet';
  doc.EmailStatus = 'NotSet';
  if (h.email) doc.BillEmail = { Address: h.email };
  doc.TotalAmt = qboAmount(total);
}

export function salesReceipt(ledger: Ledger, c: DocContent, h: DocHeader, paymentMethod: Ref | null): QboEntityJson {
  const doc = base(ledger.txnId(), h);
  salesFields(doc, c, h, ledger);
  doc.Balance = 0;
  if (paymentMethod) doc.PaymentMethodRef = paymentMethod;
  doc.DepositToAccountRef = ledger.undepositedFunds;
  ledger.books.SalesReceipt.push(doc);
  return doc;
}

export function invoice(ledger: Ledger, c: DocContent, h: DocHeader): QboEntityJson {
  const doc = base(ledger.txnId(), h);
  salesFields(doc, c, h, ledger);
  doc.LinkedTxn = [];
  doc.DueDate = addDays(h.txnDate, 30);
  doc.Balance = doc.TotalAmt;
  doc.Deposit = 0;
  doc.AllowIPNPayment = false;
  doc.AllowOnlinePayment = false;
  doc.AllowOnlineCreditCardPayment = false;
  doc.AllowOnlineACHPayment = false;
  ledger.books.Invoice.push(doc);
  return doc;
}

export function refundReceipt(ledger: Ledger, c: DocContent, h: DocHeader, paymentMethod: Ref | null): QboEntityJson {
  const doc = base(ledger.txnId(), h);
  salesFields(doc, c, h, ledger);
  doc.Balance = 0;
  if (paymentMethod) doc.PaymentMethodRef = paymentMethod;
  doc.DepositToAccountRef = ledger.undepositedFunds;
  ledger.books.RefundReceipt.push(doc);
  return doc;
}

/** An unapplied credit memo: its whole amount is remaining credit. */
export function creditMemo(ledger: Ledger, c: DocContent, h: DocHeader): QboEntityJson {
  const doc = base(ledger.txnId(), h);
  salesFields(doc, c, h, ledger);
  doc.RemainingCredit = doc.TotalAmt;
  doc.Balance = doc.TotalAmt;
  ledger.books.CreditMemo.push(doc);
  return doc;
}

/** A payment applied to one invoice; the invoice's Balance, LinkedTxn and SyncToken follow. */
export function payment(
  ledger: Ledger, inv: QboEntityJson, amountMinor: number, h: DocHeader, paymentMethod: Ref | null,
): QboEntityJson {
  const doc = base(ledger.txnId(), h);
  doc.CustomerRef = inv.CustomerRef;
  doc.DepositToAccountRef = ledger.undepositedFunds;
  if (paymentMethod) doc.PaymentMethodRef = paymentMethod;
  doc.TotalAmt = qboAmount(amountMinor);
  doc.UnappliedAmt = 0;
  doc.ProcessPayment = false;
  doc.Line = [{ Amount: qboAmount(amountMinor), LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }];
  ledger.books.Payment.push(doc);
  const balance = Math.round((inv.Balance as number) * 100) - amountMinor;
  inv.Balance = qboAmount(balance);
  (inv.LinkedTxn as unknown[]).push({ TxnId: doc.Id, TxnType: 'Payment' });
  inv.SyncToken = String(Number(inv.SyncToken) + 1);
  (inv.MetaData as { LastUpdatedTime: string }).LastUpdatedTime = (doc.MetaData as { CreateTime: string }).CreateTime;
  return doc;
}

/** QBO's void: amounts and quantities zeroed, "Voided" injected into the memo, the doc stays. */
export function voidDocument(doc: QboEntityJson, voidMs: number): void {
  for (const line of doc.Line as Array<Record<string, unknown>>) {
    line.Amount = 0;
    const d = line.SalesItemLineDetail as Record<string, unknown> | undefined;
    if (d) {
      d.Qty = 0;
      delete d.UnitPrice;
    }
  }
  doc.TxnTaxDetail = { TotalTax: 0 };
  doc.TotalAmt = 0;
  doc.Balance = 0;
  doc.PrivateNote = typeof doc.PrivateNote === 'string' && doc.PrivateNote !== '' ? `Voided - ${doc.PrivateNote}` : 'Voided';
  doc.SyncToken = String(Number(doc.SyncToken) + 1);
  (doc.MetaData as { LastUpdatedTime: string }).LastUpdatedTime = qboTime(voidMs);
}
