/**
 * Payments and their effect on the documents they settle. Each Line links one document with the
 * Amount applied: an Invoice (its Balance goes down) or a CreditMemo used as payment (its Balance
 * and RemainingCredit go down and the credit counts against the invoices, so TotalAmt may be 0).
 * Applying, changing, voiding or deleting a payment rewrites those documents and bumps their
 * SyncToken and LastUpdatedTime, as QBO does — which is why a client's cached invoice SyncToken
 * goes stale after payment activity.
 */
import type { QboEntityJson } from '../seed/types';
import { qboTime } from './clock';
import { faults } from './faults';
import { fromMinor, toMinor } from './money';
import type { RealmStore } from './realm';
import { refValue, resolveRef, withName } from './references';

type Json = Record<string, unknown>;

type Settled = 'Invoice' | 'CreditMemo';
const SETTLED: readonly string[] = ['Invoice', 'CreditMemo'];

/** `Invoice:12` / `CreditMemo:40` → cents applied by one payment. */
export type Applications = Map<string, number>;

function appKey(type: Settled, id: string): string {
  return `${type}:${id}`;
}

export function applicationsOf(payment: QboEntityJson | Json | undefined): Applications {
  const apps: Applications = new Map();
  for (const line of (payment?.Line as Json[] | undefined) ?? []) {
    for (const link of (line.LinkedTxn as Json[] | undefined) ?? []) {
      if (!SETTLED.includes(String(link.TxnType))) continue;
      const key = appKey(link.TxnType as Settled, String(link.TxnId));
      apps.set(key, (apps.get(key) ?? 0) + toMinor(line.Amount));
    }
  }
  return apps;
}

export function computePayment(realm: RealmStore, base: Json, existing: QboEntityJson | undefined, nowMs: number): Json {
  const out: Json = { ...base };
  const customer = resolveRef(realm, 'Customer', out.CustomerRef, 'CustomerRef');
  out.CustomerRef = withName(out.CustomerRef, customer.DisplayName);
  if (out.TotalAmt === undefined || out.TotalAmt === null) throw faults.requiredParam('TotalAmt');
  const total = toMinor(out.TotalAmt);
  if (Number.isNaN(total)) throw faults.invalidProperty('TotalAmt', 'TotalAmt');
  let toInvoices = 0;
  let fromCredits = 0;
  const lines: Json[] = [];
  for (const raw of (out.Line as unknown[] | undefined) ?? []) {
    const line = { ...(raw as Json) };
    if (line.Amount === undefined) throw faults.requiredParam('Line.Amount');
    const amount = toMinor(line.Amount);
    if (Number.isNaN(amount)) throw faults.invalidProperty('Amount', 'Line.Amount');
    const links = line.LinkedTxn;
    if (!Array.isArray(links) || links.length === 0) throw faults.requiredParam('Line.LinkedTxn');
    for (const link of links as Json[]) {
      const type = String(link.TxnType);
      if (!SETTLED.includes(type)) {
        throw faults.businessValidation(`Linking a payment to TxnType=${type} is not supported.`, 'Line.LinkedTxn.TxnType');
      }
      const doc = realm.get(type as Settled, String(link.TxnId));
      if (!doc) throw faults.invalidReference('Line.LinkedTxn.TxnId', type, String(link.TxnId));
      if (refValue(doc.CustomerRef) !== refValue(out.CustomerRef)) {
        throw faults.businessValidation(`${type} ${String(link.TxnId)} belongs to a different customer than the payment.`, 'Line.LinkedTxn.TxnId');
      }
      if (type === 'Invoice') toInvoices += amount;
      else fromCredits += amount;
    }
    line.Amount = fromMinor(amount);
    lines.push(line);
  }
  if (toInvoices - fromCredits > total) {
    throw faults.businessValidation('The amount applied to transactions is more than the payment amount.', 'TotalAmt');
  }
  out.Line = lines;
  out.TotalAmt = fromMinor(total);
  out.UnappliedAmt = fromMinor(total - (toInvoices - fromCredits));
  out.TxnDate ??= existing?.TxnDate ?? realm.today(nowMs);
  const home = realm.homeCurrency();
  if (refValue(out.CurrencyRef) === undefined) out.CurrencyRef = { value: home.value, name: home.name };
  if (out.DepositToAccountRef === undefined) {
    const undeposited = realm.tables.Account.rows.find((r) => r.obj.AccountSubType === 'UndepositedFunds')?.obj;
    if (undeposited) out.DepositToAccountRef = { value: undeposited.Id, name: undeposited.Name };
  } else {
    const account = resolveRef(realm, 'Account', out.DepositToAccountRef, 'DepositToAccountRef');
    out.DepositToAccountRef = withName(out.DepositToAccountRef, account.Name);
  }
  if (out.PaymentMethodRef !== undefined) {
    const method = resolveRef(realm, 'PaymentMethod', out.PaymentMethodRef, 'PaymentMethodRef');
    out.PaymentMethodRef = withName(out.PaymentMethodRef, method.Name);
  }
  out.ProcessPayment ??= false;
  return out;
}

/**
 * Moves balances from `before` to `after` for payment `paymentId`. Checks every document first
 * (no partial effect on failure), then rewrites only the documents whose application changed.
 */
export function reapply(realm: RealmStore, paymentId: number, before: Applications, after: Applications, nowMs: number): void {
  const changes: Array<{ type: Settled; id: string; delta: number; linked: boolean }> = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (delta === 0 && before.has(key) === after.has(key)) continue;
    const [type, id] = key.split(':') as [Settled, string];
    const row = realm.tables[type].get(id);
    if (!row) continue; // a deleted document keeps nothing to adjust
    if (toMinor(row.obj.Balance) - delta < 0) {
      const what = type === 'Invoice' ? "the invoice's open balance" : "the credit memo's remaining credit";
      throw faults.businessValidation(`The payment amount applied to ${type} ${id} is more than ${what}.`, 'Line.Amount');
    }
    changes.push({ type, id, delta, linked: after.has(key) });
  }
  for (const { type, id, delta, linked } of changes) {
    const row = realm.tables[type].get(id)!;
    const doc = row.obj;
    const balance = toMinor(doc.Balance) - delta;
    const links = ((doc.LinkedTxn as Json[] | undefined) ?? []).filter(
      (l) => !(l.TxnType === 'Payment' && String(l.TxnId) === String(paymentId)),
    );
    if (linked) links.push({ TxnId: String(paymentId), TxnType: 'Payment' });
    const next: QboEntityJson = {
      ...doc,
      Balance: fromMinor(balance),
      LinkedTxn: links,
      SyncToken: String(Number(doc.SyncToken ?? 0) + 1),
      MetaData: { ...(doc.MetaData as Json), LastUpdatedTime: qboTime(nowMs) },
    };
    if (type === 'CreditMemo') next.RemainingCredit = fromMinor(balance);
    if (doc.HomeBalance !== undefined) {
      const rate = doc.ExchangeRate === undefined ? 1 : Number(doc.ExchangeRate);
      next.HomeBalance = fromMinor(Math.round(balance * rate));
    }
    realm.tables[type].replace(row, next, nowMs);
  }
}
