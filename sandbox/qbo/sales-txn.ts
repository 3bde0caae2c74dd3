/**
 * Server-side computation for Invoice, SalesReceipt, CreditMemo and RefundReceipt, as QBO does it:
 * required fields, reference checks, line Ids/LineNum, the SubTotalLine, TotalAmt, Balance,
 * HomeTotalAmt, defaults. `base` is the merged request (full or sparse) — never mutated.
 */
import type { QboEntityJson } from '../seed/types';
import type { SalesTxnName } from './entities';
import { faults } from './faults';
import { fromMinor, toMinor } from './money';
import type { RealmStore } from './realm';
import { refValue, resolveRef, withName } from './references';

type Json = Record<string, unknown>;

const CUSTOMER_REQUIRED: Record<SalesTxnName, boolean> = {
  Invoice: true,
  CreditMemo: true,
  SalesReceipt: false,
  RefundReceipt: false,
};

function amountOf(line: Json, element: string): number {
  if (line.Amount === undefined || line.Amount === null) throw faults.requiredParam(`${element}.Amount`);
  const minor = toMinor(line.Amount);
  if (Number.isNaN(minor)) throw faults.invalidProperty(`Amount`, `${element}.Amount`);
  return minor;
}

interface LineTotals {
  lines: Json[];
  subtotalMinor: number;
  discountMinor: number;
}

function computeLines(realm: RealmStore, input: unknown[], previous: Json[]): LineTotals {
  const items: Json[] = [];
  const discounts: Json[] = [];
  let subtotal = 0;
  let discountMinor = 0;
  let nextLineId = 1;
  for (const l of previous) nextLineId = Math.max(nextLineId, Number(l.Id ?? 0) + 1);
  for (const raw of input) {
    if (!raw || typeof raw !== 'object') throw faults.invalidProperty('Line', 'Line');
    const line = { ...(raw as Json) };
    const type = line.DetailType;
    if (type === 'SubTotalLineDetail') continue; // recomputed below
    if (type === undefined) throw faults.requiredParam('Line.DetailType');
    if (type === 'DiscountLineDetail') {
      discounts.push(line);
      continue;
    }
    if (type === 'SalesItemLineDetail') {
      const amount = amountOf(line, 'Line');
      const detail = { ...((line.SalesItemLineDetail as Json | undefined) ?? {}) };
      if (detail.ItemRef !== undefined) {
        const item = resolveRef(realm, 'Item', detail.ItemRef, 'Line.SalesItemLineDetail.ItemRef');
        detail.ItemRef = withName(detail.ItemRef, item.Name);
      }
      const qty = detail.Qty === undefined ? undefined : Number(detail.Qty);
      const unit = detail.UnitPrice === undefined ? undefined : Number(detail.UnitPrice);
      if (qty !== undefined && unit !== undefined && Math.round(qty * unit * 100) !== amount) {
        throw faults.amountMismatch('Line.Amount', fromMinor(amount));
      }
      if (qty !== undefined && unit === undefined && qty !== 0) detail.UnitPrice = fromMinor(amount) / qty;
      if (detail.TaxCodeRef === undefined) detail.TaxCodeRef = { value: 'NON' };
      line.SalesItemLineDetail = detail;
      line.Amount = fromMinor(amount);
      subtotal += amount;
    } else if (type === 'GroupLineDetail') {
      const amount = line.Amount === undefined ? 0 : amountOf(line, 'Line');
      line.Amount = fromMinor(amount);
      subtotal += amount;
    } else if (type === 'DescriptionOnly') {
      line.Amount = line.Amount === undefined ? 0 : fromMinor(amountOf(line, 'Line'));
    } else {
      throw faults.invalidProperty(`DetailType ${String(type)}`, 'Line.DetailType');
    }
    if (line.Id === undefined) line.Id = String(nextLineId++);
    items.push(line);
  }
  for (const d of discounts) {
    const detail = { ...((d.DiscountLineDetail as Json | undefined) ?? {}) };
    let amount: number;
    if (detail.PercentBased === true && detail.DiscountPercent !== undefined) {
      amount = Math.round((subtotal * Number(detail.DiscountPercent)) / 100);
    } else {
      amount = amountOf(d, 'Line');
    }
    d.Amount = fromMinor(amount);
    d.DiscountLineDetail = detail;
    if (d.Id === undefined) d.Id = String(nextLineId++);
    discountMinor += amount;
  }
  items.forEach((l, i) => {
    l.LineNum = i + 1;
  });
  const lines = [...items, { Amount: fromMinor(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }, ...discounts];
  return { lines, subtotalMinor: subtotal, discountMinor };
}

function customTxnNumbers(realm: RealmStore): boolean {
  const prefs = realm.preferences() as { SalesFormsPrefs?: { CustomTxnNumbers?: boolean } };
  return prefs.SalesFormsPrefs?.CustomTxnNumbers ?? true;
}

function defaultAccount(realm: RealmStore, subType: string): Json | undefined {
  return realm.tables.Account.rows.find((r) => r.obj.AccountSubType === subType && r.obj.Active !== false)?.obj;
}

export function computeSalesTxn(
  realm: RealmStore,
  entity: SalesTxnName,
  base: Json,
  existing: QboEntityJson | undefined,
  nowMs: number,
): Json {
  const out: Json = { ...base };
  if (out.CustomerRef !== undefined || CUSTOMER_REQUIRED[entity]) {
    const customer = resolveRef(realm, 'Customer', out.CustomerRef, 'CustomerRef');
    out.CustomerRef = withName(out.CustomerRef, customer.DisplayName);
  }
  if (!Array.isArray(out.Line) || out.Line.length === 0) throw faults.requiredParam('Line');
  const previousLines = (existing?.Line as Json[] | undefined) ?? [];
  const { lines, subtotalMinor, discountMinor } = computeLines(realm, out.Line, previousLines);
  out.Line = lines;

  const taxDetail = { ...((out.TxnTaxDetail as Json | undefined) ?? {}) };
  const taxMinor = taxDetail.TotalTax === undefined ? 0 : toMinor(taxDetail.TotalTax);
  if (Number.isNaN(taxMinor)) throw faults.invalidProperty('TotalTax', 'TxnTaxDetail.TotalTax');
  taxDetail.TotalTax = fromMinor(taxMinor);
  out.TxnTaxDetail = taxDetail;
  const inclusive = out.GlobalTaxCalculation === 'TaxInclusive';
  const totalMinor = subtotalMinor - discountMinor + (inclusive ? 0 : taxMinor);
  out.TotalAmt = fromMinor(totalMinor);

  const home = realm.homeCurrency();
  if (refValue(out.CurrencyRef) === undefined) out.CurrencyRef = { value: home.value, name: home.name };
  const foreign = refValue(out.CurrencyRef) !== home.value;
  const rate = out.ExchangeRate === undefined ? 1 : Number(out.ExchangeRate);
  if (foreign || out.ExchangeRate !== undefined) out.HomeTotalAmt = fromMinor(Math.round(totalMinor * rate));
  else delete out.HomeTotalAmt;

  if (out.TxnDate === undefined) out.TxnDate = existing?.TxnDate ?? realm.today(nowMs);
  if (out.DocNumber === undefined && (out.AutoDocNumber === true || !customTxnNumbers(realm))) {
    out.DocNumber = existing?.DocNumber ?? String(realm.docNumberHighWater(entity) + 1);
  }
  delete out.AutoDocNumber;

  if (entity === 'Invoice' || entity === 'CreditMemo') {
    // Payments already applied stay applied; the Balance is what is left of the new total.
    const applied = existing ? toMinor(existing.TotalAmt) - toMinor(existing.Balance) : 0;
    if (totalMinor < applied) {
      throw faults.businessValidation('The total cannot be less than the payments already applied to this transaction.', 'TotalAmt');
    }
    out.Balance = fromMinor(totalMinor - applied);
    if (foreign || out.ExchangeRate !== undefined) out.HomeBalance = fromMinor(Math.round((totalMinor - applied) * rate));
    out.LinkedTxn = (existing?.LinkedTxn as unknown[] | undefined) ?? [];
    if (entity === 'CreditMemo') {
      out.RemainingCredit = fromMinor(totalMinor - applied);
    } else {
      if (out.DueDate === undefined) out.DueDate = out.TxnDate;
      out.AllowOnlineCreditCardPayment ??= false;
      out.AllowOnlineACHPayment ??= false;
      out.Deposit ??= 0;
    }
  } else {
    out.Balance = 0;
    if (out.DepositToAccountRef === undefined) {
      const undeposited = defaultAccount(realm, entity === 'SalesReceipt' ? 'UndepositedFunds' : 'Checking') ?? defaultAccount(realm, 'UndepositedFunds');
      if (undeposited) out.DepositToAccountRef = { value: undeposited.Id, name: undeposited.Name };
    } else {
      const account = resolveRef(realm, 'Account', out.DepositToAccountRef, 'DepositToAccountRef');
      out.DepositToAccountRef = withName(out.DepositToAccountRef, account.Name);
    }
  }
  if (out.PaymentMethodRef !== undefined) {
    const method = resolveRef(realm, 'PaymentMethod', out.PaymentMethodRef, 'PaymentMethodRef');
    out.PaymentMethodRef = withName(out.PaymentMethodRef, method.Name);
  }
  out.ApplyTaxAfterDiscount ??= false;
  out.PrintStatus ??= 'NotSet';
  if (entity !== 'RefundReceipt') out.EmailStatus ??= 'NotSet';
  out.CustomField ??= [];
  return out;
}

/** A voided sales document: still readable, every amount zeroed, "Voided" noted (QBO's behaviour). */
export function voidedSalesTxn(obj: QboEntityJson): Json {
  const lines = ((obj.Line as Json[] | undefined) ?? []).map((l) => {
    const copy: Json = { ...l, Amount: 0 };
    if (copy.SalesItemLineDetail) copy.SalesItemLineDetail = { ...(copy.SalesItemLineDetail as Json), Qty: 0 };
    return copy;
  });
  const out: Json = { ...obj, Line: lines, TotalAmt: 0, Balance: 0, TxnTaxDetail: { TotalTax: 0 } };
  if (out.HomeTotalAmt !== undefined) out.HomeTotalAmt = 0;
  if (out.HomeBalance !== undefined) out.HomeBalance = 0;
  if (out.RemainingCredit !== undefined) out.RemainingCredit = 0;
  out.PrivateNote = obj.PrivateNote ? `Voided - ${String(obj.PrivateNote)}` : 'Voided';
  return out;
}
