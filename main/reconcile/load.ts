/**
 * Reads what reconciliation needs out of a company's mirror (never the network), row by row for
 * an incremental run and for callers that hold a whole company in arrays: store orders and QBO
 * documents from their columns and line rows (never their stored JSON, which is ten times larger
 * and would have to be parsed), payments with what they are applied to, customers, items, and the
 * bookkeeper's decisions. A full run reads in chunks instead (full-read/).
 */
import type { CompanyDb } from '../mirror/open';
import { prepared } from '../mirror/statements';
import { loadDecisions } from './decisions';
import { docKeyOf, orderKeyOf, type CustomerInput, type DocInput, type DocLine, type ItemInput, type OrderCore, type OrderInput, type PaymentInput, type ReconcileArrays, type SalesDocType } from './types';

/**
 * One copy of each value a column repeats (store ids, currencies, statuses, line types, SKUs and
 * product names): SQLite hands out a new string per row, and 100,000 copies of "USD" are memory
 * the engine holds for as long as the session lives.
 */
export function interner(): (value: string | null) => string | null {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === null) return null;
    const found = seen.get(value);
    if (found !== undefined) return found;
    seen.set(value, value);
    return value;
  };
}

/**
 * Orders for reconciliation, from columns and line rows only (never the stored document, which
 * SQLite would have to parse): each order's lines come as one JSON array, and the sums
 * reconciliation reads of shipping, refunds and payments are columns (migration 008).
 */
export function loadOrders(db: CompanyDb, where = '', params: unknown[] = []): OrderInput[] {
  const rows = prepared(db, `SELECT store_id, source_id, lower(hex(content_hash)), source, number, created_at, processed_at, currency, total, total_tax,
      financial_status, cancelled_at, email, customer_name, shipping, refunded, paid,
      (SELECT json_group_array(json_array(sku, title, quantity, unit_price, discount, tax) ORDER BY position) FROM store_order_lines l WHERE l.order_id = o.id)
    FROM store_orders o ${where}`).raw().iterate(...params) as Iterable<unknown[]>;
  const one = interner();
  const orders: OrderInput[] = [];
  for (const r of rows) {
    const lines = (JSON.parse(r[17] as string) as any[][]).map((l) => ({ sku: one(l[0]), title: one(l[1])!, quantity: l[2], unitPrice: l[3], discount: l[4], tax: l[5] }));
    const shipping = r[14] as number;
    const refunded = r[15] as number;
    const paid = r[16] as number;
    const storeId = one(r[0] as string)!;
    const order: OrderCore = {
      source: one(r[3] as string)!, sourceId: r[1] as string, number: r[4] as string, createdAt: r[5] as string, processedAt: r[6] as string | null,
      currency: one(r[7] as string)!, total: r[8] as number, totalTax: r[9] as number, financialStatus: one(r[10] as string)!, cancelledAt: r[11] as string | null,
      customer: { email: r[12] as string | null, name: r[13] as string | null },
      lines,
      shippingLines: shipping === 0 ? [] : [{ amount: shipping }],
      refunds: refunded === 0 ? [] : [{ amount: refunded }],
      transactions: paid === 0 ? [] : [{ kind: 'sale', amount: paid }],
    };
    orders.push({ key: orderKeyOf(storeId, r[1] as string), storeId, contentHash: r[2] as string, order });
  }
  return orders;
}

/**
 * A document's columns, and its lines as one JSON array built by SQLite: a keyed object per row, or
 * a row per line, costs more than the read itself at 100,000 documents. Only the lines comparison
 * reads (item and discount lines), and the description only where no item names the line.
 */
const DOC_SELECT = `SELECT type, id, sync_token, doc_number, txn_date, customer_id, currency, total, balance, total_tax, stamp, voided,
      (SELECT json_group_array(json_array(detail_type, item_id, CASE WHEN item_id IS NULL THEN description END, qty, unit_price, amount, tax_code) ORDER BY line_no)
        FROM qbo_sales_txn_lines l WHERE l.type = d.type AND l.txn_id = d.id AND detail_type IN ('SalesItemLineDetail', 'DiscountLineDetail'))`;
export function loadDocs(db: CompanyDb, where = '', params: unknown[] = []): DocInput[] {
  const rows = prepared(db, `${DOC_SELECT} FROM qbo_sales_txns d ${where}`).raw().iterate(...params) as Iterable<unknown[]>;
  const one = interner();
  const docs: DocInput[] = [];
  for (const r of rows) {
    const type = one(r[0] as string) as SalesDocType;
    const id = r[1] as string;
    const lines = (JSON.parse(r[12] as string) as unknown[][]).map((l): DocLine => ({
      detailType: one(l[0] as string)!, itemId: one(l[1] as string | null), description: one(l[2] as string | null), qty: l[3] as number | null, unitPrice: l[4] as string | null, amount: l[5] as number, taxCode: one(l[6] as string | null),
    }));
    docs.push({
      key: docKeyOf(type, id), type, id, syncToken: r[2] as string, docNumber: r[3] as string | null, txnDate: one(r[4] as string)!, customerId: r[5] as string | null,
      currency: one(r[6] as string)!, total: r[7] as number, balance: r[8] as number | null, totalTax: r[9] as number, stamp: r[10] as string | null, voided: r[11] === 1, lines,
    });
  }
  return docs;
}

export function loadPayments(db: CompanyDb, where = '', params: unknown[] = []): PaymentInput[] {
  const rows = prepared(db, `SELECT id, sync_token, txn_date, customer_id, total, stamp, voided FROM qbo_payments ${where}`).all(...params) as Array<{
    id: string; sync_token: string; txn_date: string; customer_id: string | null; total: number; stamp: string | null; voided: number;
  }>;
  const payments = new Map<string, PaymentInput>();
  for (const r of rows) {
    payments.set(r.id, { key: docKeyOf('Payment', r.id), id: r.id, syncToken: r.sync_token, txnDate: r.txn_date, customerId: r.customer_id, total: r.total, stamp: r.stamp, voided: r.voided === 1, appliedTo: [] });
  }
  if (payments.size === 0) return [];
  const linkSql = 'SELECT payment_id, txn_type, txn_id FROM qbo_payment_links';
  const links = (where === ''
    ? prepared(db, `${linkSql} ORDER BY payment_id, line_no`).all()
    : prepared(db, `${linkSql} WHERE payment_id IN (SELECT id FROM qbo_payments ${where}) ORDER BY payment_id, line_no`).all(...params)) as Array<{ payment_id: string; txn_type: string; txn_id: string }>;
  for (const l of links) payments.get(l.payment_id)?.appliedTo.push(`${l.txn_type}:${l.txn_id}`);
  return [...payments.values()];
}

export function loadCustomers(db: CompanyDb, where = '', params: unknown[] = []): CustomerInput[] {
  // Positional rows: a company may have as many customers as orders.
  const rows = prepared(db, `SELECT id, display_name, given_name, family_name, email, active FROM qbo_customers ${where}`).raw().all(...params) as Array<[string, string, string | null, string | null, string | null, number]>;
  return rows.map((r) => ({ id: r[0], displayName: r[1], givenName: r[2], familyName: r[3], email: r[4], active: r[5] === 1 }));
}

export function loadItems(db: CompanyDb): ItemInput[] {
  return prepared(db, 'SELECT id, name, sku, type FROM qbo_items').all() as ItemInput[];
}

/** The whole company in arrays, for callers that look at the input more than once. */
export function loadInput(db: CompanyDb): ReconcileArrays {
  return {
    orders: loadOrders(db),
    docs: loadDocs(db),
    payments: loadPayments(db),
    customers: loadCustomers(db),
    items: loadItems(db),
    decisions: loadDecisions(db),
  };
}
