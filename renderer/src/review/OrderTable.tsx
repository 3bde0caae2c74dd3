import type { OrderListPage } from '../../../preload/review-views';
import type { CallRequest } from '../../../preload/contract';
import { formatDate, formatMoney } from '../format';
import { StatusBadge } from './StatusBadge';

export type SortKey = NonNullable<CallRequest<'listReviewOrders'>['sort']>;
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** A column header that sorts the list by its column; again, the other way round. */
function SortHeader({ label, column, sort, onSort, className }: { label: string; column: SortKey; sort: Sort; onSort: (next: Sort) => void; className?: string }) {
  const active = sort.key === column;
  return (
    <th className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button className="sort" onClick={() => onSort({ key: column, descending: active ? !sort.descending : column === 'date' || column === 'total' })}>
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
}

export function OrderTable({
  page,
  selectedKey,
  sort,
  onSelect,
  onPage,
  onSort,
}: {
  page: OrderListPage;
  selectedKey: string | null;
  sort: Sort;
  onSelect: (key: string) => void;
  onPage: (page: number) => void;
  onSort: (next: Sort) => void;
}) {
  const first = page.total === 0 ? 0 : page.page * page.pageSize + 1;
  const last = Math.min(page.total, (page.page + 1) * page.pageSize);
  return (
    <div className="order-table-wrap">
      <table className="order-table">
        <thead>
          <tr>
            <SortHeader label="Order" column="number" sort={sort} onSort={onSort} />
            <SortHeader label="Date" column="date" sort={sort} onSort={onSort} />
            <SortHeader label="Customer" column="customer" sort={sort} onSort={onSort} />
            <SortHeader label="Total" column="total" sort={sort} onSort={onSort} className="num" />
            <SortHeader label="Status" column="status" sort={sort} onSort={onSort} />
            <th className="why">Why</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr
              key={row.key}
              className={row.key === selectedKey ? 'selected' : undefined}
              onClick={() => onSelect(row.key)}
              aria-selected={row.key === selectedKey}
            >
              <td className="mono">
                <button className="link" onClick={() => onSelect(row.key)}>
                  {row.number}
                </button>
              </td>
              <td className="date">{formatDate(row.orderDate)}</td>
              <td>{row.customer ?? <span className="muted">guest</span>}</td>
              <td className="num">{formatMoney(row.total, row.currency)}</td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td className="explanation why">{row.explanation}</td>
            </tr>
          ))}
          {page.rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No orders match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted">
          {first}–{last} of {page.total}
        </span>
        <button disabled={page.page === 0} onClick={() => onPage(page.page - 1)}>
          Previous
        </button>
        <button disabled={last >= page.total} onClick={() => onPage(page.page + 1)}>
          Next
        </button>
      </div>
    </div>
  );
}
