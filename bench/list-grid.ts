import type { CompanyDb } from '../main/mirror/open';
import { SORT_KEYS } from '../main/reconcile/list-query';
import { listOrders, type ListQuery } from '../main/reconcile/read';
import { median, timeIt } from './measure';

/**
 * The list at full size over a grid of queries (every status filter, sort and direction, with no
 * filter, narrow and broad text searches, a date-and-amount range and the currency), each paged
 * as the bookkeeper pages: its first page, then page 10, the middle and the last. A search's rows
 * are read once and kept while the data is unchanged (list-query.ts), so its first page is timed
 * cold (another query asked just before) and reported apart, and so are the worst cases, a page
 * deep inside a broad search asked first, and the same right after the verdicts changed (nothing
 * kept holds then). Each figure is the median of three.
 */
export function listGrid(db: CompanyDb): {
  queries: number; pageMaxMs: number; pageMedianMs: number; firstPageMaxMs: number; coldDeepPageMaxMs: number; deepPageAfterChangeMaxMs: number;
} {
  const evict = (): void => void listOrders(db, { text: '\u0001' });
  // A write to the verdict tables, as a catch-up's: whatever the list kept is stale after it.
  const touch = db.prepare('UPDATE reconcile_orders SET digest = digest WHERE id = (SELECT min(id) FROM reconcile_orders)');
  const ms = (ask: () => void, before?: () => void): number => median([0, 1, 2].map(() => {
    before?.();
    return timeIt(ask) * 1000;
  }));
  const statuses: ListQuery['status'][] = [undefined, 'in_sync', 'differs', ['missing_in_qbo', 'suggested_match']];
  const filters: ListQuery[] = [{}, { text: 'hg-oys' }, { text: 'example.net' }, { text: 'moore' }, { from: '2026-03-01', to: '2026-06-30', minTotal: 5_000, maxTotal: 20_000 }, { currency: 'USD' }];
  const pages: number[] = [];
  const firsts: number[] = [];
  const deep: number[] = [];
  const afterChange: number[] = [];
  let queries = 0;
  for (const status of statuses) {
    for (const filter of filters) {
      for (const sort of SORT_KEYS) {
        for (const descending of [false, true]) {
          const q: ListQuery = { ...filter, status, sort, descending, pageSize: 50 };
          queries++;
          const count = listOrders(db, { ...q, pageSize: 1 }).total;
          const last = Math.max(0, Math.ceil(count / 50) - 1);
          const middle = Math.floor(last / 2);
          if (filter.text !== undefined || filter.currency !== undefined) {
            // After a change first: the cold runs that follow then ask on unchanged data, as the figure says.
            afterChange.push(ms(() => listOrders(db, { ...q, page: middle }), () => touch.run()));
            deep.push(ms(() => listOrders(db, { ...q, page: middle }), evict));
          }
          const first = ms(() => listOrders(db, { ...q, page: 0 }), evict);
          firsts.push(first);
          pages.push(first, ...[10, middle, last].map((page) => ms(() => listOrders(db, { ...q, page }))));
        }
      }
    }
  }
  return { queries, pageMaxMs: Math.max(...pages), pageMedianMs: median(pages), firstPageMaxMs: Math.max(...firsts), coldDeepPageMaxMs: Math.max(...deep), deepPageAfterChangeMaxMs: Math.max(...afterChange) };
}
