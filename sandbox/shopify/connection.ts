/**
 * Relay connections the way Shopify pages them: opaque cursors that encode the sort key of the
 * item (base64 of {"last_id","last_value"}, like Shopify's), page size 1..250 and no page reaching
 * past the 25,000th object unless inside a bulk operation, where connections are unbounded.
 */
import { GraphQLError } from 'graphql';

export const MAX_PAGE_SIZE = 250;
/** "Deep pagination is capped at 25,000 objects" (store-apis.md A1); bulk operations are the way past it. */
const PAGINATION_DEPTH_LIMIT = 25_000;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface SortKey {
  id: number;
  value: string | number;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify({ last_id: key.id, last_value: key.value })).toString('base64');
}

function decodeCursor(cursor: string): SortKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown; last_value?: unknown };
    if (typeof parsed.last_id === 'number' && (typeof parsed.last_value === 'string' || typeof parsed.last_value === 'number')) {
      return { id: parsed.last_id, value: parsed.last_value };
    }
  } catch {
    /* fall through to the error below */
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
}

export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return a.id - b.id;
}

/** Checks first/last as Shopify does; `bulk` lifts both the requirement and the 250 cap. */
export function checkPageArgs(args: PageArgs, bulk: boolean): void {
  if (bulk) return;
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GraphQLError('you must provide one of first or last');
  }
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value === null || value === undefined) continue;
    if (value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`The ${name} argument must be less than or equal to ${MAX_PAGE_SIZE}.`, {
        extensions: { code: 'MAX_PAGE_SIZE_EXCEEDED', maxPageSize: MAX_PAGE_SIZE },
      });
    }
    if (value < 0) throw new GraphQLError(`The ${name} argument must be greater than or equal to 0.`);
  }
}

/**
 * Refuses a page holding an object past position `limit` of the (filtered, sorted) list: Shopify
 * counts depth from the list's start, so a narrower filter, not a new cursor, is the way on.
 */
function checkDepth(end: number, limit: number): void {
  if (end <= limit) return;
  throw new GraphQLError(
    `Pagination is limited to ${limit} objects; this page would reach object ${end}. Add filters to narrow the results, or use a bulk operation.`,
    { extensions: { code: 'PAGINATION_LIMIT_EXCEEDED', maxObjects: limit } },
  );
}

/**
 * Pages `items` (already filtered) by a sort key; `reverse` flips the order. Cursors compare by
 * key, so a cursor still works after the item it names has changed or vanished.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => SortKey, args: PageArgs, bulk: boolean, depthLimit = PAGINATION_DEPTH_LIMIT): Connection<T> {
  checkPageArgs(args, bulk);
  const dir = args.reverse ? -1 : 1;
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => dir * compareKeys(a.key, b.key));
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    while (start < end && dir * compareKeys(sorted[start]!.key, after) <= 0) start++;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    while (end > start && dir * compareKeys(sorted[end - 1]!.key, before) >= 0) end--;
  }
  if (!bulk) {
    if (typeof args.first === 'number') end = Math.min(end, start + args.first);
    if (typeof args.last === 'number') start = Math.max(start, end - args.last);
    if (end > start) checkDepth(end, depthLimit);
  }
  const page = sorted.slice(start, end);
  const edges = page.map(({ item, key }) => ({ cursor: encodeCursor(key), node: item }));
  return {
    edges,
    nodes: page.map((p) => p.item),
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Nested connections (line items, refund lines…) keep their natural order, keyed by position. */
export function paginateList<T>(items: T[], args: PageArgs, bulk: boolean): Connection<T> {
  return paginate(items, (item) => ({ id: items.indexOf(item), value: 0 }), args, bulk);
}
