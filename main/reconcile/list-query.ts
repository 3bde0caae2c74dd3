/**
 * How the list finds a page of orders among 100,000 within 50 ms, whatever the filters, sort and
 * page. SQLite's planner alone takes the index of an equality filter and sorts what it finds:
 * "in sync, by total" sorted 85,000 rows for every page (~150 ms), and a text search beside a
 * status looked up each in-sync row by id to read its search text (~120 ms). So the plan is
 * chosen here, from the query's count (shown anyway):
 * - few orders selected: read them and sort them ('sort');
 * - many: walk the sort's own index in order and stop after the page ('walk'), from whichever end
 *   is nearer, so the last page costs what the first does;
 * - many, behind a filter the indexes do not hold (a text search, the currency): counting read
 *   the rows once and kept the selected ids; a page near either end walks the index reading the
 *   few rows it passes, a page deep inside takes the index's ids in order and keeps the selected
 *   ones ('ordered', ~20 ms once, then kept with the ids while the data is unchanged; each sort's
 *   whole order is kept as well, for the next search).
 * Every plan breaks ties by id, so all return the same rows (list-query.test.ts holds them to it).
 */
import type { CompanyDb } from '../mirror/open';
import { perConnection, prepared } from '../mirror/statements';
import { STATUSES, type Status } from './types';

export const SORT_KEYS = ['date', 'number', 'total', 'status', 'customer'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListFilter {
  status?: Status | Status[];
  /** Inclusive local dates `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** Inclusive, minor units. */
  minTotal?: number;
  maxTotal?: number;
  /** Only orders in this currency (amount bounds are its minor units). */
  currency?: string;
  /** Substring of the number, customer name or email, or a SKU; case-insensitive. */
  text?: string;
  sort?: SortKey;
  descending?: boolean;
}

/**
 * Each sort's index (migration 012) and its columns: walking it in order needs no sort, and ties
 * fall to id, the last column of every index. Every one holds the columns the status, date and
 * amount filters test, so a walk skips what it does not show without reading the table.
 */
const SORTS: Record<SortKey, { index: string; columns: readonly string[] }> = {
  date: { index: 'reconcile_orders_by_date', columns: ['order_date', 'total', 'status'] },
  // Numbers of one store share a shape, so length first sorts #999 before #1000.
  number: { index: 'reconcile_orders_by_number', columns: ['length(number)', 'number', 'order_date', 'total', 'status'] },
  total: { index: 'reconcile_orders_by_total', columns: ['total', 'order_date', 'status'] },
  status: { index: 'reconcile_orders_by_status', columns: ['status', 'order_date', 'total'] },
  customer: { index: 'reconcile_orders_by_customer', columns: ['customer', 'order_date', 'total', 'status'] },
};

/** At most this many orders selected, reading them and sorting beats walking an index (~3 ms at 3,000). */
const SORT_AT_MOST = 3_000;
/** At most this many rows left by the indexed filters, a text search looks each up by id; past it, one pass over the table (~25–35 ms at 100,000) is cheaper. */
const LOOKUPS_AT_MOST = 10_000;

/** Rows a walk may read for filters its index does not hold (~5 ms) before taking the index's ids in order is cheaper (~20 ms at 100,000). */
const WALK_READS_AT_MOST = 5_000;

export type PagePlan = 'sort' | 'walk' | 'ordered';

/** WHERE terms, ANDed, and their parameters in order. */
interface Terms {
  terms: string[];
  params: unknown[];
}

export interface Selection {
  /** Over the columns the list's indexes hold. */
  indexed: Terms;
  /** What the indexes cannot answer (the currency, the text search): each row must be read. */
  unindexed: Terms;
  sort: SortKey;
  descending: boolean;
}

export function selectionOf(q: ListFilter): Selection {
  const indexed: Terms = { terms: [], params: [] };
  const unindexed: Terms = { terms: [], params: [] };
  const add = (to: Terms, term: string, ...params: unknown[]): void => {
    to.terms.push(term);
    to.params.push(...params);
  };
  const statuses = q.status === undefined ? [] : Array.isArray(q.status) ? q.status : [q.status];
  for (const s of statuses) if (!STATUSES.includes(s)) throw new Error(`unknown status ${JSON.stringify(s)} (one of ${STATUSES.join(', ')})`);
  if (statuses.length > 0) add(indexed, `status IN (${statuses.map(() => '?').join(', ')})`, ...statuses);
  if (q.from) add(indexed, 'order_date >= ?', q.from);
  if (q.to) add(indexed, 'order_date <= ?', q.to);
  if (q.minTotal !== undefined) add(indexed, 'total >= ?', q.minTotal);
  if (q.maxTotal !== undefined) add(indexed, 'total <= ?', q.maxTotal);
  if (q.currency !== undefined) add(unindexed, 'currency = ?', q.currency);
  const text = q.text?.trim().toLowerCase();
  // instr, not LIKE: the text may hold % or _ and is matched literally.
  if (text) add(unindexed, 'instr(search, ?) > 0', text);
  const sort = q.sort ?? 'date';
  if (!SORT_KEYS.includes(sort)) throw new Error(`unknown sort ${JSON.stringify(sort)} (one of ${SORT_KEYS.join(', ')})`);
  return { indexed, unindexed, sort, descending: q.descending ?? false };
}

/** The WHERE clause of some terms, and their parameters. */
function where(...parts: Terms[]): { clause: string; params: unknown[] } {
  const terms = parts.flatMap((p) => p.terms);
  return { clause: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params: parts.flatMap((p) => p.params) };
}

/** A sort's ORDER BY: its index's columns, then id where the order is not the index's own walk. */
const orderBy = (sort: SortKey, descending: boolean, withId: boolean): string =>
  (withId ? [...SORTS[sort].columns, 'id'] : SORTS[sort].columns).map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`).join(', ');

/** Rows read to count a query (behind a filter the indexes do not hold). */
interface RowsRead {
  /** The selected ids, a JSON array. */
  ids: string;
  /** Rows a walk of the sort's index reads per selected order. */
  rowsPerOrder: number;
  /** The selected ids in each sort's ascending order, made when a page deep inside asks. */
  ordered: Map<SortKey, number[]>;
  /** The data's version when the rows were read (dataVersion()). */
  version: string;
}

export interface Selected {
  count: number;
  read: RowsRead | null;
}

/**
 * The last query whose rows were read, per connection, while the data is as it was then: paging
 * through a search reads the table once, not once per page.
 */
const lastRead = perConnection((): { entry: { key: string; selected: Selected } | null } => ({ entry: null }));

/** Changes by this connection, and commits by others: while both hold still, so does every query's answer. */
const dataVersion = (db: CompanyDb): string => `${db.pragma('data_version', { simple: true }) as number}/${prepared(db, 'SELECT total_changes()').pluck().get() as number}`;

export function selected(db: CompanyDb, s: Selection): Selected {
  const indexed = where(s.indexed);
  const narrowed = (): number => prepared(db, `SELECT count(*) FROM reconcile_orders ${indexed.clause}`).pluck().get(...indexed.params) as number;
  if (s.unindexed.terms.length === 0) return { count: narrowed(), read: null };
  const key = JSON.stringify([s.indexed, s.unindexed]);
  const version = dataVersion(db);
  const slot = lastRead(db);
  if (slot.entry?.key === key && slot.entry.selected.read?.version === version) return slot.entry.selected;
  const left = narrowed();
  // The rows the indexed filters leave, looked up by id when few; else one pass over the table.
  const table = left <= LOOKUPS_AT_MOST ? 'reconcile_orders' : 'reconcile_orders NOT INDEXED';
  const all = where(s.indexed, s.unindexed);
  const [count, ids] = prepared(db, `SELECT count(*), json_group_array(id) FROM ${table} ${all.clause}`).raw().get(...all.params) as [number, string];
  const result: Selected = { count, read: { ids, rowsPerOrder: count === 0 ? 0 : left / count, ordered: new Map(), version } };
  slot.entry = { key, selected: result };
  return result;
}

/**
 * Every id in each sort's ascending order, per connection, while the data is as it was: a new
 * search (or the same one, its kept ids gone with another query) is ordered without walking the
 * index again.
 */
const sortOrders = perConnection((): { version: string; bySort: Map<SortKey, number[]> } => ({ version: '', bySort: new Map() }));

function sortOrder(db: CompanyDb, sort: SortKey, version: string): number[] {
  const kept = sortOrders(db);
  if (kept.version !== version) {
    kept.version = version;
    kept.bySort.clear();
  }
  let all = kept.bySort.get(sort);
  if (!all) {
    all = JSON.parse(prepared(db, `SELECT json_group_array(id) FROM (SELECT id FROM reconcile_orders INDEXED BY ${SORTS[sort].index} ORDER BY ${orderBy(sort, false, false)})`).pluck().get() as string) as number[];
    kept.bySort.set(sort, all);
  }
  return all;
}

/** The selected ids in the sort's ascending order: the index's ids, in order, kept where selected. */
function orderedIds(db: CompanyDb, sort: SortKey, read: RowsRead): number[] {
  let ordered = read.ordered.get(sort);
  if (ordered) return ordered;
  // Ids are row ids, not much above the row count: a byte per id marks the chosen quicker than a
  // set of 100,000 (an id past the last chosen one reads undefined: not chosen).
  const ids = JSON.parse(read.ids) as number[];
  const chosen = new Uint8Array(ids.reduce((max, id) => (id > max ? id : max), 0) + 1);
  for (const id of ids) chosen[id] = 1;
  ordered = sortOrder(db, sort, read.version).filter((id) => chosen[id] === 1);
  read.ordered.set(sort, ordered);
  return ordered;
}

type PageRows = Array<[id: number, customer: string | null]>;

/**
 * A 'sort' or 'walk' page's statement, returning `[id, customer]` rows, its parameters to be
 * followed by LIMIT and OFFSET. `ids`: the selected orders by id, when rows were read to count them.
 */
export function pageStatement(s: Selection, plan: 'sort' | 'walk', descending: boolean, ids: string | null): { sql: string; params: unknown[] } {
  const sort = SORTS[s.sort];
  // A walk's order is its index's, ties by id included; naming id in the ORDER BY would make
  // SQLite sort whenever a filter pins a later column of the index (status on the date index).
  const order = orderBy(s.sort, descending, plan === 'sort');
  const table = plan === 'walk' ? `reconcile_orders INDEXED BY ${sort.index}` : 'reconcile_orders';
  // Few orders whose rows were read are named by id; the others are found by the filters.
  const found = ids !== null && plan === 'sort' ? { clause: 'WHERE id IN (SELECT value FROM json_each(?))', params: [ids] } : where(s.indexed, s.unindexed);
  return { sql: `SELECT id, customer FROM ${table} ${found.clause} ORDER BY ${order} LIMIT ? OFFSET ?`, params: found.params };
}

export interface SelectedPage {
  count: number;
  rows: PageRows;
  plan: PagePlan;
}

/** A page's `[id, customer]` rows in the query's order, the count, and the plan that read them: one snapshot. */
export function selectPage(db: CompanyDb, q: ListFilter, offset: number, limit: number): SelectedPage {
  const s = selectionOf(q);
  return db.transaction((): SelectedPage => {
    const { count, read } = selected(db, s);
    // From the far end when the page lies past the middle, turned round after.
    const reversed = offset + limit / 2 > count / 2;
    const from = reversed ? Math.max(0, count - offset - limit) : offset;
    const take = reversed ? Math.max(0, Math.min(limit, count - offset)) : limit;
    if (read !== null && count > SORT_AT_MOST && (from + take) * read.rowsPerOrder > WALK_READS_AT_MOST) {
      const ids = orderedIds(db, s.sort, read);
      const page = s.descending ? ids.slice(Math.max(0, count - offset - limit), Math.max(0, count - offset)).reverse() : ids.slice(offset, offset + limit);
      const customers = new Map(prepared(db, 'SELECT id, customer FROM reconcile_orders WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(page)) as PageRows);
      return { count, rows: page.map((id): [number, string | null] => [id, customers.get(id) ?? null]), plan: 'ordered' };
    }
    const plan: 'sort' | 'walk' = count <= SORT_AT_MOST ? 'sort' : 'walk';
    const { sql, params } = pageStatement(s, plan, s.descending !== reversed, read?.ids ?? null);
    const rows = prepared(db, sql).raw().all(...params, take, from) as PageRows;
    return { count, rows: reversed ? rows.reverse() : rows, plan };
  })();
}

/** The WHERE and ORDER BY (ties by id) of every order a query selects, for reading them all in order. */
export function orderedSelection(q: ListFilter): { clause: string; params: unknown[]; order: string } {
  const s = selectionOf(q);
  return { ...where(s.indexed, s.unindexed), order: orderBy(s.sort, s.descending, true) };
}
