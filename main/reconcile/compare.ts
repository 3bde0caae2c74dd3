/**
 * Field-by-field comparison of an order with the document it is linked to. Amounts compare
 * exactly; the rounding tolerance applies only to tax, and only when the totals still agree
 * (the difference sits on a rounding line), so a document whose total is off by a cent differs.
 */
import { formatMinor } from '../orders/money';
import { customerEmail, customerNames, sameProduct, type DocFacts, type OrderFacts, type ProductLine } from './facts';
import type { CustomerInput, FieldDiff } from './types';

export interface Comparison {
  diffs: FieldDiff[];
  /** What QBO still expects to receive on the document minus what the store says is outstanding (> 0: a payment is missing). */
  unpaid: number;
  /** Store refunds minus refund documents (> 0: a refund is missing). */
  refundGap: number;
}

const EXACT = 'exact';

function money(minor: number, currency: string): string {
  return formatMinor(minor, currency);
}

function customerText(name: string | null, email: string | null): string {
  return [name, email ? `<${email}>` : null].filter(Boolean).join(' ') || '(none)';
}

function compareCustomer(o: OrderFacts, customer: CustomerInput | undefined, out: FieldDiff[]): void {
  const email = customerEmail(customer);
  let same: boolean;
  if (o.email !== null && email !== null) same = o.email === email;
  else if (o.name !== null) same = customerNames(customer).includes(o.name);
  else same = true; // the store names nobody: nothing to disagree with
  if (!same) {
    out.push({
      field: 'customer', detail: '', store: customerText(o.order.customer.name, o.email),
      qbo: customer ? customerText(customer.displayName, email) : '(no customer)', rule: o.email !== null && email !== null ? 'same email' : 'same name',
      differs: true, accepted: false,
    });
  }
}

function lineLabel(p: ProductLine): string {
  return p.sku ?? p.name;
}

function compareLines(o: OrderFacts, d: DocFacts, currency: string, out: FieldDiff[]): void {
  // Plain loops and a flag array, not closures and a Set: this runs for every linked order of a full run.
  const used: boolean[] = new Array(d.products.length).fill(false);
  const twins: Array<ProductLine | undefined> = new Array(o.products.length);
  for (let j = 0; j < o.products.length; j++) {
    const p = o.products[j]!;
    // Prefer an exact twin (same product and quantity) so repeated SKUs pair up sensibly.
    let at = -1;
    for (let i = 0; i < d.products.length && at < 0; i++) if (!used[i] && d.products[i]!.qty === p.qty && sameProduct(p, d.products[i]!)) at = i;
    for (let i = 0; i < d.products.length && at < 0; i++) if (!used[i] && sameProduct(p, d.products[i]!)) at = i;
    if (at >= 0) used[at] = true;
    twins[j] = at >= 0 ? d.products[at] : undefined;
  }
  for (let j = 0; j < o.products.length; j++) {
    const p = o.products[j]!;
    const q = twins[j];
    const label = lineLabel(p);
    if (!q) {
      out.push({ field: 'line', detail: `${label}`, store: `${p.qty} × ${money(p.unitPrice ?? 0, currency)}`, qbo: null, rule: 'missing in QuickBooks', differs: true, accepted: false });
      continue;
    }
    if (p.qty !== q.qty) out.push({ field: 'line', detail: `${label} quantity`, store: p.qty, qbo: q.qty, rule: EXACT, differs: true, accepted: false });
    if (q.unitPrice !== null && p.unitPrice !== q.unitPrice) {
      out.push({ field: 'line', detail: `${label} unit price`, store: money(p.unitPrice ?? 0, currency), qbo: money(q.unitPrice, currency), rule: EXACT, differs: true, accepted: false });
    }
    if (p.amount !== q.amount) out.push({ field: 'line', detail: `${label} amount`, store: money(p.amount, currency), qbo: money(q.amount, currency), rule: EXACT, differs: true, accepted: false });
  }
  d.products.forEach((q, i) => {
    if (!used[i]) out.push({ field: 'line', detail: lineLabel(q), store: null, qbo: `${q.qty} × ${money(q.amount, currency)}`, rule: 'not in the store order', differs: true, accepted: false });
  });
}

function exact(field: FieldDiff['field'], store: number, qbo: number, currency: string, out: FieldDiff[]): void {
  if (store !== qbo) out.push({ field, detail: '', store: money(store, currency), qbo: money(qbo, currency), rule: EXACT, differs: true, accepted: false });
}

/**
 * `sale` is the linked sales document (not voided); `refundDocs` the linked refund documents.
 * `storeOutstanding` is what the store has not received yet.
 */
export function compareOrder(
  o: OrderFacts,
  sale: DocFacts,
  refundDocs: readonly DocFacts[],
  customer: CustomerInput | undefined,
  tolerance: number,
): Comparison {
  const diffs: FieldDiff[] = [];
  const order = o.order;
  const doc = sale.input;
  const currency = order.currency;
  compareCustomer(o, customer, diffs);
  if (o.date !== doc.txnDate) diffs.push({ field: 'date', detail: '', store: o.date, qbo: doc.txnDate, rule: EXACT, differs: true, accepted: false });
  if (currency !== doc.currency) diffs.push({ field: 'currency', detail: '', store: currency, qbo: doc.currency, rule: EXACT, differs: true, accepted: false });
  compareLines(o, sale, currency, diffs);
  exact('shipping', o.shipping, sale.shipping, currency, diffs);
  exact('discount', o.discount, sale.discount, currency, diffs);
  const taxGap = Math.abs(order.totalTax - doc.totalTax);
  if (taxGap !== 0) {
    const absorbed = order.total === doc.total && taxGap <= tolerance;
    diffs.push({
      field: 'tax', detail: '', store: money(order.totalTax, currency), qbo: money(doc.totalTax, currency),
      rule: absorbed ? `within ${money(tolerance, currency)} (rounding tolerance)` : EXACT, differs: !absorbed, accepted: false,
    });
  }
  exact('total', order.total, doc.total, currency, diffs);

  const storeOutstanding = Math.max(0, order.total - o.paid);
  const qboOutstanding = doc.type === 'Invoice' ? (doc.balance ?? doc.total) : 0;
  let unpaid = 0;
  if (storeOutstanding !== qboOutstanding) {
    unpaid = qboOutstanding - storeOutstanding;
    diffs.push({
      field: 'balance', detail: unpaid > 0 ? 'payment not recorded in QuickBooks' : 'QuickBooks shows more paid than the store',
      store: money(storeOutstanding, currency), qbo: money(qboOutstanding, currency), rule: EXACT, differs: unpaid < 0, accepted: false,
    });
  }

  let qboRefunded = 0;
  for (const r of refundDocs) if (!r.input.voided) qboRefunded += r.input.total;
  const refundGap = o.refunded - qboRefunded;
  if (refundGap !== 0) {
    diffs.push({
      field: 'refunded', detail: refundGap > 0 ? 'refund not recorded in QuickBooks' : 'QuickBooks records more refunds than the store',
      store: money(o.refunded, currency), qbo: money(qboRefunded, currency), rule: EXACT, differs: refundGap < 0, accepted: false,
    });
  }
  return { diffs, unpaid, refundGap };
}
