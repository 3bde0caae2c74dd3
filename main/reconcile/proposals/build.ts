/**
 * For an order's verdict, the QuickBooks writes that would resolve it, as complete payloads in
 * bundle order (customer → items → document → payment / refunds). A proposal that needs a posting
 * preference that is not set lists what is missing and carries no writes: it never guesses.
 */
import { parseDecimal } from '../../orders/money';
import { isReceipt, paidTotal } from '../../orders/net-total';
import type { StoreOrder } from '../../orders/store-order';
import type { LocalDates } from '../local-date';
import type { PostingPreferences } from '../posting-preferences';
import { splitDocKey, type OrderResult } from '../types';
import { Builder, type Json, type MissingSetting, type ProposedWrite } from './payloads';
import type { QboLookup } from './lookup';
import { diffId } from '../status';

export interface Proposal {
  kind: 'none' | 'link' | 'create' | 'update' | 'payment' | 'refund' | 'void';
  summary: string;
  /** Complete, in the order they must be sent. Empty when nothing is needed or something is missing. */
  writes: ProposedWrite[];
  /** Settings to fill in before this proposal can be built. */
  missing: MissingSetting[];
  /** suggested_match: the link to confirm or reject. */
  link?: { docKey: string; actions: Array<'confirm' | 'reject'> };
  /** differs: what the bookkeeper may do per differing field. */
  choices?: Array<{ diff: string; options: Array<'take_store_value' | 'keep_quickbooks' | 'edit'> }>;
}

export interface ProposalContext {
  prefs: PostingPreferences;
  lookup: QboLookup;
  dates: LocalDates;
  /** How a missing setting is named to the bookkeeper, e.g. `stores[shop-1].posting`. */
  settingPrefix: string;
  /** matching.roundingToleranceMinor: the largest tax difference a rounding line may absorb. */
  tolerance: number;
}

const DAY_MS = 86_400_000;

/** Paid in full within a day of the order: a sale at checkout, not a payment received later. */
export function paidAtCheckout(order: StoreOrder): boolean {
  const first = order.transactions.find(isReceipt);
  return paidTotal(order) >= order.total && first !== undefined && Date.parse(first.createdAt) - Date.parse(order.createdAt) < DAY_MS && first.gateway !== 'manual';
}

function finish(kind: Proposal['kind'], summary: string, b: Builder, extra: Partial<Proposal> = {}): Proposal {
  if (b.missing.length > 0) {
    return { kind, summary: `cannot propose yet: ${b.missing.map((m) => m.setting).join(', ')} not set`, writes: [], missing: b.missing, ...extra };
  }
  // Creates the document depends on come first: customer, then items, then the rest as added.
  const rank = (w: ProposedWrite): number => (w.entity === 'Customer' ? 0 : w.entity === 'Item' ? 1 : 2);
  const writes = b.writes.map((w, i) => ({ w, i })).sort((x, y) => rank(x.w) - rank(y.w) || x.i - y.i).map((x) => x.w);
  return { kind, summary, writes, missing: [], ...extra };
}

function createSale(b: Builder, order: StoreOrder, ctx: ProposalContext): { type: 'SalesReceipt' | 'Invoice' } {
  const type = ctx.prefs.paidOrdersAs === 'sales_receipt' && paidAtCheckout(order) ? 'SalesReceipt' : 'Invoice';
  const customer = b.customerRef();
  const txnDate = ctx.dates.dateOf(order.processedAt ?? order.createdAt);
  const doc: Json = { ...b.header(type, customer, txnDate, b.docNumber()), Line: b.saleLines(), TxnTaxDetail: b.taxDetail(order.totalTax) };
  b.add({ step: 'document', entity: type, operation: 'create', payload: doc, why: `the order is not in QuickBooks (${type === 'SalesReceipt' ? 'paid at checkout' : 'not paid at checkout'})` });
  if (type === 'Invoice') {
    const payments = order.transactions.filter(isReceipt);
    payments.forEach((t, i) => {
      const payload: Json = {
        CustomerRef: customer,
        TxnDate: ctx.dates.dateOf(t.createdAt),
        TotalAmt: b.amount(t.amount),
        PrivateNote: b.stamp(),
        CurrencyRef: { value: order.currency },
        Line: [{ Amount: b.amount(t.amount), LinkedTxn: [{ TxnId: '$new:document', TxnType: 'Invoice' }] }],
      };
      const deposit = b.depositAccount();
      if (deposit) payload.DepositToAccountRef = deposit;
      if (t.reference) payload.PaymentRefNum = t.reference.slice(0, 21);
      b.add({ step: `payment:${i + 1}`, entity: 'Payment', operation: 'create', payload, why: `the store received ${b.amount(t.amount)} ${order.currency}` });
    });
  }
  return { type };
}

function createRefunds(b: Builder, order: StoreOrder, ctx: ProposalContext, saleType: 'SalesReceipt' | 'Invoice', which: number[], customer: Json): void {
  const type = saleType === 'SalesReceipt' ? 'RefundReceipt' : 'CreditMemo';
  for (const i of which) {
    const r = order.refunds[i]!;
    const txnDate = ctx.dates.dateOf(r.createdAt ?? order.updatedAt);
    const doc: Json = { ...b.header(type, customer, txnDate, b.docNumber(`-R${i + 1}`)), Line: b.refundLines(r), TxnTaxDetail: b.taxDetail(r.tax ?? 0) };
    b.add({ step: `refund:${i + 1}`, entity: type, operation: 'create', payload: doc, why: `the store refunded ${b.amount(r.amount)} ${order.currency}${r.createdAt ? ` on ${txnDate}` : ''}` });
  }
}

/** Store refunds no refund document accounts for (matched by amount, each document once). */
function unrecordedRefunds(order: StoreOrder, recordedTotals: number[]): number[] {
  const left = [...recordedTotals];
  const out: number[] = [];
  order.refunds.forEach((r, i) => {
    const at = left.indexOf(r.amount);
    if (at >= 0) left.splice(at, 1);
    else out.push(i);
  });
  return out;
}

export function buildProposal(result: OrderResult, order: StoreOrder, ctx: ProposalContext): Proposal {
  const b = new Builder(order, ctx.prefs, ctx.lookup, ctx.settingPrefix);
  const sale = result.docs.find((d) => d.role === 'sale');
  const saleJson = sale ? ctx.lookup.docJson(sale.type, sale.id) : null;
  switch (result.status) {
    case 'in_sync':
    case 'ignored':
      return { kind: 'none', summary: 'nothing to do', writes: [], missing: [] };
    case 'suggested_match':
      return { kind: 'link', summary: `confirm or reject ${result.suggestion!.docKey.replace(':', ' ')} as this order's document`, writes: [], missing: [], link: { docKey: result.suggestion!.docKey, actions: ['confirm', 'reject'] } };
    case 'missing_in_qbo': {
      const { type } = createSale(b, order, ctx);
      createRefunds(b, order, ctx, type, order.refunds.map((_, i) => i), b.customerRef());
      return finish('create', `create ${type === 'SalesReceipt' ? 'a Sales Receipt' : 'an Invoice'} for ${order.number}`, b);
    }
    case 'cancelled_open': {
      if (!sale || !saleJson) return { kind: 'void', summary: 'the linked document is no longer in the mirror; sync QuickBooks first', writes: [], missing: [] };
      b.add({ step: 'void', entity: sale.type as 'Invoice' | 'SalesReceipt', operation: 'void', payload: { Id: saleJson.Id, SyncToken: saleJson.SyncToken }, why: 'the order was cancelled in the store' });
      return finish('void', `void ${sale.type} ${sale.id}`, b);
    }
    case 'unpaid_in_qbo': {
      if (!sale || !saleJson) return { kind: 'payment', summary: 'the linked invoice is no longer in the mirror; sync QuickBooks first', writes: [], missing: [] };
      const balance = result.diffs.find((d) => d.field === 'balance');
      const open = minorOf(saleJson.Balance, order.currency) - Math.max(0, order.total - paidTotal(order));
      const last = [...order.transactions].reverse().find(isReceipt);
      const payload: Json = {
        CustomerRef: saleJson.CustomerRef,
        TxnDate: ctx.dates.dateOf(last?.createdAt ?? order.updatedAt),
        TotalAmt: b.amount(open),
        PrivateNote: b.stamp(),
        CurrencyRef: { value: order.currency },
        Line: [{ Amount: b.amount(open), LinkedTxn: [{ TxnId: sale.id, TxnType: 'Invoice' }] }],
      };
      const deposit = b.depositAccount();
      if (deposit) payload.DepositToAccountRef = deposit;
      b.add({ step: 'payment', entity: 'Payment', operation: 'create', payload, why: `paid in the store; the invoice still shows ${balance?.qbo ?? ''} open` });
      return finish('payment', `record a ${b.amount(open)} ${order.currency} payment on Invoice ${sale.id}`, b);
    }
    case 'refund_missing': {
      if (!sale || !saleJson) return { kind: 'refund', summary: 'the linked document is no longer in the mirror; sync QuickBooks first', writes: [], missing: [] };
      const recorded = result.docs.filter((d) => d.role === 'refund').map((d) => {
        const j = ctx.lookup.docJson(d.type, d.id);
        return j ? minorOf(j.TotalAmt, order.currency) : 0;
      });
      const which = unrecordedRefunds(order, recorded);
      createRefunds(b, order, ctx, sale.type === 'SalesReceipt' ? 'SalesReceipt' : 'Invoice', which, saleJson.CustomerRef as Json);
      return finish('refund', `record ${which.length} refund${which.length === 1 ? '' : 's'} as ${sale.type === 'SalesReceipt' ? 'Refund Receipt' : 'Credit Memo'}`, b);
    }
    case 'differs':
      return proposeUpdate(result, order, ctx, b, sale, saleJson);
  }
}

/** A QBO JSON amount → minor units, read from its decimal text (never multiplied as a float). */
function minorOf(value: unknown, currency: string): number {
  return typeof value === 'number' ? parseDecimal(String(value), currency) : 0;
}

function proposeUpdate(result: OrderResult, order: StoreOrder, ctx: ProposalContext, b: Builder, sale: OrderResult['docs'][number] | undefined, saleJson: Json | null): Proposal {
  const open = result.diffs.filter((d) => d.differs && !d.accepted);
  const choices = open.map((d) => ({ diff: diffId(d), options: ['take_store_value', 'keep_quickbooks', 'edit'] as Array<'take_store_value' | 'keep_quickbooks' | 'edit'> }));
  // A voided document while the order stands: post the order again.
  if (open.some((d) => d.field === 'document' && d.detail === 'voided')) {
    const { type } = createSale(b, order, ctx);
    createRefunds(b, order, ctx, type, order.refunds.map((_, i) => i), b.customerRef());
    return finish('create', `post ${order.number} again (its document is voided)`, b, { choices });
  }
  if (!sale || !saleJson) return { kind: 'update', summary: 'the linked document is no longer in the mirror; sync QuickBooks first', writes: [], missing: [], choices };
  for (const dup of open.filter((d) => d.field === 'document' && d.detail.startsWith('duplicate '))) {
    const { type, id } = splitDocKey(dup.detail.slice('duplicate '.length).replace(' ', ':'));
    const j = ctx.lookup.docJson(type, id);
    if (j) b.add({ step: `void:${type}:${id}`, entity: type as 'Invoice' | 'SalesReceipt', operation: 'void', payload: { Id: j.Id, SyncToken: j.SyncToken }, why: `a second ${type} for the same order` });
  }
  const fields = new Set(open.filter((d) => d.field !== 'document').map((d) => d.field));
  if (fields.size === 0) return finish('void', `void the duplicate document${b.writes.length === 1 ? '' : 's'}`, b, { choices });

  // Only the total is off, by the tax rounding: one rounding line makes them agree.
  const gap = order.total - minorOf(saleJson.TotalAmt, order.currency);
  const taxGap = order.totalTax - minorOf((saleJson.TxnTaxDetail as Json | undefined)?.TotalTax, order.currency);
  const roundingOnly = [...fields].every((f) => f === 'tax' || f === 'total') && gap !== 0 && gap === taxGap && Math.abs(gap) <= ctx.tolerance;
  if (roundingOnly) {
    if (!ctx.prefs.roundingItemId) {
      b.need('roundingItemId', `QuickBooks has the tax ${b.amount(Math.abs(gap))} ${order.currency} off the store's; a rounding line on the rounding item makes the totals agree`);
      return finish('update', '', b, { choices });
    }
    const lines = ((saleJson.Line as Json[] | undefined) ?? []).filter((l) => l.DetailType !== 'SubTotalLineDetail');
    lines.push({ DetailType: 'SalesItemLineDetail', Amount: b.amount(gap), Description: 'Tax rounding', SalesItemLineDetail: { ItemRef: { value: ctx.prefs.roundingItemId }, Qty: 1, UnitPrice: b.amount(gap), TaxCodeRef: b.taxCode(false) } });
    b.add({ step: 'document', entity: sale.type as 'Invoice' | 'SalesReceipt', operation: 'update', payload: { Id: saleJson.Id, SyncToken: saleJson.SyncToken, sparse: true, Line: lines }, why: `QuickBooks rounds the tax ${b.amount(Math.abs(gap))} ${order.currency} differently; a rounding line makes the totals agree` });
    return finish('update', `add a ${b.amount(gap)} ${order.currency} rounding line to ${sale.type} ${sale.id}`, b, { choices });
  }

  const customer = b.customerRef();
  const note = typeof saleJson.PrivateNote === 'string' && saleJson.PrivateNote.includes(b.stamp()) ? saleJson.PrivateNote : [saleJson.PrivateNote, b.stamp()].filter(Boolean).join(' ');
  const payload: Json = {
    Id: saleJson.Id,
    SyncToken: saleJson.SyncToken,
    sparse: true,
    TxnDate: ctx.dates.dateOf(order.processedAt ?? order.createdAt),
    CustomerRef: customer,
    PrivateNote: note,
    Line: b.saleLines(),
    TxnTaxDetail: b.taxDetail(order.totalTax),
  };
  b.add({ step: 'document', entity: sale.type as 'Invoice' | 'SalesReceipt', operation: 'update', payload, why: `take the store's values for ${[...fields].join(', ')}` });
  if (fields.has('refunded')) {
    const recorded = result.docs.filter((d) => d.role === 'refund').map((d) => {
      const j = ctx.lookup.docJson(d.type, d.id);
      return j ? minorOf(j.TotalAmt, order.currency) : 0;
    });
    createRefunds(b, order, ctx, sale.type === 'SalesReceipt' ? 'SalesReceipt' : 'Invoice', unrecordedRefunds(order, recorded), customer);
  }
  return finish('update', `update ${sale.type} ${sale.id} to the store's values (${[...fields].join(', ')})`, b, { choices });
}
