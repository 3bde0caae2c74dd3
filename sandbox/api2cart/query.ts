/**
 * Order selection for order.list / order.count: filters, sorting and keyset positions over the
 * seeded orders. The sorted index is cached and rebuilt only when an order's `updatedAt` or the
 * order count changed, so a 50,000-order store pages without re-sorting on every request.
 */
import type { SeedOrder } from '../seed/types';

export class QueryError extends Error {}

export type SortBy = 'order_id' | 'create_at' | 'modified_at';

export interface Row {
  order: SeedOrder;
  seq: number;
  created: number;
  /** Printed dates have whole seconds, so filters and sorting use whole seconds too. */
  modified: number;
}

export interface OrderFilter {
  createdFrom?: number;
  createdTo?: number;
  modifiedFrom?: number;
  modifiedTo?: number;
  orderIds?: Set<string>;
  statuses?: Set<string>;
}

export const FILTER_PARAMS = ['created_from', 'created_to', 'modified_from', 'modified_to', 'order_ids', 'ids', 'order_status', 'since_id', 'customer_id', 'customer_email', 'financial_status', 'fulfillment_status', 'store_id'];

const DATE_FORMS = [
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/, // Y-m-d\TH:i:sO, the documented one
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/, // also accepted by the mock; read as UTC (uncertain)
];

/** A filter date → ms since the epoch, or a QueryError naming the parameter. */
export function parseFilterDate(name: string, text: string): number {
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const [, y, mo, d, h, mi, s, sign, oh, om] = m;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
    if (Number.isNaN(local)) break;
    return local - offset * 60_000;
  }
  throw new QueryError(`Parameter '${name}' has an invalid date format. Use Y-m-d\\TH:i:sO, e.g. 2026-06-15T00:00:00+0000`);
}

const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000) * 1000;

export class OrderIndex {
  private updatedSeen: string[] = [];
  private rows: Row[] = [];
  private sorted = new Map<SortBy, Row[]>();

  constructor(
    private readonly orders: () => readonly SeedOrder[],
    private readonly orderId: (o: SeedOrder) => string,
  ) {}

  private refresh(): void {
    const orders = this.orders();
    let stale = orders.length !== this.updatedSeen.length;
    for (let i = 0; !stale && i < orders.length; i++) stale = orders[i]!.updatedAt !== this.updatedSeen[i];
    if (!stale) return;
    this.updatedSeen = orders.map((o) => o.updatedAt);
    this.rows = orders.map((order, seq) => ({ order, seq, created: sec(order.createdAt), modified: sec(order.updatedAt) }));
    this.sorted.clear();
  }

  sortKey(row: Row, by: SortBy): number | string {
    return by === 'modified_at' ? row.modified : by === 'create_at' ? row.created : row.seq;
  }

  private sortedBy(by: SortBy): Row[] {
    this.refresh();
    let rows = this.sorted.get(by);
    if (!rows) {
      rows = [...this.rows].sort((a, b) => {
        const ka = this.sortKey(a, by);
        const kb = this.sortKey(b, by);
        return ka < kb ? -1 : ka > kb ? 1 : a.seq - b.seq;
      });
      this.sorted.set(by, rows);
    }
    return rows;
  }

  matches(row: Row, f: OrderFilter, status: (o: SeedOrder) => string): boolean {
    if (f.createdFrom !== undefined && row.created < f.createdFrom) return false;
    if (f.createdTo !== undefined && row.created > f.createdTo) return false;
    if (f.modifiedFrom !== undefined && row.modified < f.modifiedFrom) return false;
    if (f.modifiedTo !== undefined && row.modified > f.modifiedTo) return false;
    if (f.orderIds && !f.orderIds.has(this.orderId(row.order))) return false;
    if (f.statuses && !f.statuses.has(status(row.order))) return false;
    return true;
  }

  /** Matching rows in sort order (descending when asked), after the keyset position if given. */
  select(f: OrderFilter, by: SortBy, desc: boolean, status: (o: SeedOrder) => string, after: [number | string, number] | null, limit: number): Row[] {
    const rows = this.sortedBy(by);
    const ordered = desc ? [...rows].reverse() : rows;
    const out: Row[] = [];
    for (const row of ordered) {
      if (after) {
        const key = this.sortKey(row, by);
        const cmp = key < after[0] ? -1 : key > after[0] ? 1 : row.seq - after[1];
        if (desc ? cmp >= 0 : cmp <= 0) continue;
      }
      if (this.matches(row, f, status)) out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  count(f: OrderFilter, status: (o: SeedOrder) => string): number {
    this.refresh();
    let n = 0;
    for (const row of this.rows) if (this.matches(row, f, status)) n += 1;
    return n;
  }

  find(orderId: string): SeedOrder | undefined {
    this.refresh();
    return this.rows.find((r) => this.orderId(r.order) === orderId)?.order;
  }
}
