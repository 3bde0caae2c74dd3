/**
 * The read side: what the UI and the CLI show, straight from the stored verdicts. Every function
 * returns plain JSON-able objects, so a handler can return them as they are.
 */
import type { CompanyDb } from '../mirror/open';
import { prepared } from '../mirror/statements';
import { loadOrder } from '../mirror/store-orders';
import type { StoreOrder } from '../orders/store-order';
import type { Proposal, Proposer } from './proposals';
import { orderedSelection, selectPage, type ListFilter } from './list-query';
import { decodeVerdict, VERDICT_COLUMNS, type VerdictColumns } from './verdict-codec';
import { STATUSES, splitDocKey, splitOrderKey, type DocKey, type DocType, type OrderKey, type OrderResult, type QboSideResult, type SalesDocType, type Status } from './types';

export interface StatusSummary {
  status: Status;
  count: number;
  /** Σ order totals per currency (minor units). */
  amounts: Array<{ currency: string; total: number }>;
}

export interface Summary {
  computedAt: string | null;
  orders: number;
  statuses: StatusSummary[];
  qboSide: { orphans: number; duplicates: number };
}

export function summary(db: CompanyDb): Summary {
  const rows = db.prepare('SELECT status, currency, count(*) AS n, sum(total) AS total FROM reconcile_orders GROUP BY status, currency ORDER BY currency').all() as Array<{ status: Status; currency: string; n: number; total: number }>;
  const statuses: StatusSummary[] = STATUSES.map((status) => ({ status, count: 0, amounts: [] }));
  for (const r of rows) {
    const s = statuses.find((x) => x.status === r.status);
    if (!s) continue;
    s.count += r.n;
    s.amounts.push({ currency: r.currency, total: r.total });
  }
  const side = db.prepare('SELECT kind, count(*) AS n FROM reconcile_qbo_side GROUP BY kind').all() as Array<{ kind: string; n: number }>;
  const state = db.prepare('SELECT computed_at FROM reconcile_state WHERE key = 1').get() as { computed_at: string } | undefined;
  return {
    computedAt: state?.computed_at ?? null,
    orders: statuses.reduce((n, s) => n + s.count, 0),
    statuses,
    qboSide: { orphans: side.find((s) => s.kind === 'orphan')?.n ?? 0, duplicates: side.find((s) => s.kind === 'duplicate')?.n ?? 0 },
  };
}

export interface ListQuery extends ListFilter {
  page?: number;
  pageSize?: number;
}

export interface ListRow {
  key: OrderKey;
  number: string;
  orderDate: string;
  total: number;
  currency: string;
  customer: string | null;
  status: Status;
  explanation: string;
  docs: DocKey[];
  differences: number;
}

export interface ListPage {
  rows: ListRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** A reader of one stored verdict: its list row's columns and its JSON, joined by id and decoded. */
function storedVerdict(db: CompanyDb, where: string): (...params: unknown[]) => OrderResult | null {
  const statement = prepared(db, `SELECT ${VERDICT_COLUMNS}, r.result FROM reconcile_orders o JOIN reconcile_results r USING (id) WHERE ${where}`).raw();
  return (...params) => {
    const row = statement.get(...params) as [...VerdictColumns, string] | undefined;
    return row ? decodeVerdict(row.slice(0, 7) as VerdictColumns, row[7]) : null;
  };
}

/** A page of the list; its rows, count and verdicts from one snapshot (the worker may refill the verdicts meanwhile). */
export function listOrders(db: CompanyDb, q: ListQuery = {}): ListPage {
  const pageSize = Math.min(Math.max(1, Math.floor(q.pageSize ?? 50)), 500);
  const page = Math.max(0, Math.floor(q.page ?? 0));
  return db.transaction((): ListPage => {
    const { count: total, rows: ids } = selectPage(db, q, page * pageSize, pageSize);
    const verdict = storedVerdict(db, 'o.id = ?');
    return {
      rows: ids.map(([id, customer]) => {
        const r = verdict(id)!;
        return {
          key: r.key, number: r.number, orderDate: r.orderDate, total: r.total, currency: r.currency, customer, status: r.status,
          explanation: r.explanation, docs: r.docs.map((d) => d.key), differences: r.diffs.filter((d) => d.differs && !d.accepted).length,
        };
      }),
      total,
      page,
      pageSize,
    };
  })();
}

/** Every verdict a query selects, in its order (ties by id), each decoded once: for reports, which read them all. */
export function* storedResults(db: CompanyDb, q: Omit<ListQuery, 'page' | 'pageSize'> = {}): Generator<OrderResult> {
  const { clause, params, order } = orderedSelection(q);
  const rows = db.prepare(`SELECT ${VERDICT_COLUMNS}, r.result FROM reconcile_orders o JOIN reconcile_results r USING (id) ${clause} ORDER BY ${order}`).raw().iterate(...params) as Iterable<[...VerdictColumns, string]>;
  for (const row of rows) yield decodeVerdict(row.slice(0, 7) as VerdictColumns, row[7]);
}

export interface QboLineView {
  kind: 'item' | 'discount' | 'other';
  item: string | null;
  description: string | null;
  qty: number | null;
  /** Decimal text as QBO sent it: it may carry more decimals than the currency. */
  unitPrice: string | null;
  /** Minor units; a discount line's is positive, as in QBO. */
  amount: number;
}

export interface QboDocView {
  key: DocKey;
  role: string;
  /** QBO's JSON as last pulled. */
  json: unknown;
  type: DocType;
  id: string;
  docNumber: string | null;
  txnDate: string;
  /** The customer's display name, null when the document has none or the mirror lacks it. */
  customer: string | null;
  customerId: string | null;
  currency: string;
  lines: QboLineView[];
  totalTax: number;
  total: number;
  balance: number | null;
  voided: boolean;
  /** The documents a payment pays; empty for sales documents. */
  appliedTo: DocKey[];
}

export interface OrderDetail {
  result: OrderResult;
  store: StoreOrder | null;
  /** The linked documents the mirror still holds: one deleted in QBO since the last reconcile is left out. */
  qbo: QboDocView[];
  suggested: QboDocView | null;
  /** The QBO writes that would resolve it (null when no proposer was given). */
  proposal: Proposal | null;
}

const LINE_KIND: Record<string, QboLineView['kind']> = { SalesItemLineDetail: 'item', DiscountLineDetail: 'discount' };

interface DocRow {
  doc_number: string | null;
  txn_date: string;
  customer: string | null;
  customer_id: string | null;
  currency: string;
  total: number;
  balance: number | null;
  total_tax: number;
  voided: number;
  raw: string;
}

/** A sales document from the mirror's columns (already minor units), not from its JSON's decimals. */
function salesDocView(db: CompanyDb, key: DocKey, role: string, type: SalesDocType, id: string): QboDocView | null {
  const row = prepared(db, `SELECT t.doc_number, t.txn_date, c.display_name AS customer, t.customer_id, t.currency, t.total, t.balance, t.total_tax, t.voided, t.raw
      FROM qbo_sales_txns t LEFT JOIN qbo_customers c ON c.id = t.customer_id WHERE t.type = ? AND t.id = ?`)
    .get(type, id) as DocRow | undefined;
  if (!row) return null;
  // The subtotal line only restates the item lines' sum.
  const lines = prepared(db, `SELECT l.detail_type, i.name AS item, l.description, l.qty, l.unit_price, l.amount
      FROM qbo_sales_txn_lines l LEFT JOIN qbo_items i ON i.id = l.item_id
      WHERE l.type = ? AND l.txn_id = ? AND l.detail_type <> 'SubTotalLineDetail' ORDER BY l.line_no`)
    .all(type, id) as Array<{ detail_type: string; item: string | null; description: string | null; qty: number | null; unit_price: string | null; amount: number }>;
  return {
    key, role, json: JSON.parse(row.raw), type, id,
    docNumber: row.doc_number, txnDate: row.txn_date, customer: row.customer, customerId: row.customer_id, currency: row.currency,
    lines: lines.map((l) => ({ kind: LINE_KIND[l.detail_type] ?? 'other', item: l.item, description: l.description, qty: l.qty, unitPrice: l.unit_price, amount: l.amount })),
    totalTax: row.total_tax, total: row.total, balance: row.balance, voided: row.voided === 1, appliedTo: [],
  };
}

/** A payment: no lines or tax of its own, only what it pays. */
function paymentView(db: CompanyDb, key: DocKey, role: string, id: string): QboDocView | null {
  const row = prepared(db, `SELECT p.txn_date, c.display_name AS customer, p.customer_id, p.currency, p.total, p.voided, p.raw
      FROM qbo_payments p LEFT JOIN qbo_customers c ON c.id = p.customer_id WHERE p.id = ?`)
    .get(id) as Omit<DocRow, 'doc_number' | 'balance' | 'total_tax'> | undefined;
  if (!row) return null;
  // One line may pay several documents and one document may appear on several lines: each once, in line order.
  const links = prepared(db, 'SELECT txn_type, txn_id FROM qbo_payment_links WHERE payment_id = ? GROUP BY txn_type, txn_id ORDER BY min(line_no), txn_type, txn_id')
    .all(id) as Array<{ txn_type: string; txn_id: string }>;
  return {
    key, role, json: JSON.parse(row.raw), type: 'Payment', id,
    docNumber: null, txnDate: row.txn_date, customer: row.customer, customerId: row.customer_id, currency: row.currency,
    lines: [], totalTax: 0, total: row.total, balance: null, voided: row.voided === 1,
    appliedTo: links.map((l) => `${l.txn_type}:${l.txn_id}`),
  };
}

function docView(db: CompanyDb, key: DocKey, role: string): QboDocView | null {
  const { type, id } = splitDocKey(key);
  return type === 'Payment' ? paymentView(db, key, role, id) : salesDocView(db, key, role, type, id);
}

export function storedResult(db: CompanyDb, key: OrderKey): OrderResult | null {
  const { storeId, sourceId } = splitOrderKey(key);
  return storedVerdict(db, 'o.store_id = ? AND o.source_id = ?')(storeId, sourceId);
}

/** Finds an order by its key (`store/sourceId`) or its display number (`#1001`). */
export function findOrderKey(db: CompanyDb, ref: string): OrderKey | null {
  const byNumber = db.prepare('SELECT store_id, source_id FROM reconcile_orders WHERE number = ? ORDER BY store_id, source_id').all(ref) as Array<{ store_id: string; source_id: string }>;
  if (byNumber.length > 1) throw new Error(`${ref} names ${byNumber.length} orders (one per store); use STORE/SOURCE_ID: ${byNumber.map((r) => `${r.store_id}/${r.source_id}`).join(', ')}`);
  if (byNumber.length === 1) return `${byNumber[0]!.store_id}/${byNumber[0]!.source_id}`;
  if (!ref.includes('/')) return null;
  return storedResult(db, ref) ? ref : null;
}

/** Both sides, the diffs and match reasons (in `result`), and with a proposer the proposal. */
export function orderDetail(db: CompanyDb, key: OrderKey, proposer?: Proposer): OrderDetail | null {
  const result = storedResult(db, key);
  if (!result) return null;
  const { storeId, sourceId } = splitOrderKey(key);
  return {
    result,
    store: loadOrder(db, storeId, sourceId) ?? null,
    qbo: result.docs.flatMap((d) => docView(db, d.key, d.role) ?? []),
    suggested: result.suggestion ? docView(db, result.suggestion.docKey, 'suggested') : null,
    proposal: proposer?.propose(result) ?? null,
  };
}

export function qboSideList(db: CompanyDb): QboSideResult[] {
  return (db.prepare('SELECT doc_type, doc_id, kind, reason FROM reconcile_qbo_side ORDER BY doc_type, doc_id').all() as Array<{ doc_type: string; doc_id: string; kind: 'orphan' | 'duplicate'; reason: string }>)
    .map((r) => ({ key: `${r.doc_type}:${r.doc_id}`, type: r.doc_type as QboSideResult['type'], id: r.doc_id, kind: r.kind, reason: r.reason }));
}
