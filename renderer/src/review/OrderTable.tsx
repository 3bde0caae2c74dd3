import type { OrderListPage } from '../../../preload/review-views';
import { formatDate, formatMoney } from '../format';
import { StatusBadge } from './StatusBadge';

export function OrderTable({
  page,
  selectedKey,
  onSelect,
  onPage,
}: {
  page: OrderListPage;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onPage: (page: number) => void;
}) {
  const first = page.total === 0 ? 0 : page.page * page.pageSize + 1;
  const last = Math.min(page.total, (page.page + 1) * page.pageSize);
  return (
    <div className="order-table-wrap">
      <table className="order-table">
        <thead>
          <tr>
            <th>Order</th>
            <th>Date</th>
            <th>Customer</th>
            <th className="num">Total</th>
            <th>Status</th>
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
