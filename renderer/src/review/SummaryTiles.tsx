import type { ReconciliationStatus, ReviewSummary } from '../../../preload/review-views';
import { formatMoney } from '../format';
import { STATUS_INFO, STATUS_ORDER } from './status';

/** One tile per status: count and amounts; clicking one filters the list to it. */
export function SummaryTiles({
  summary,
  selected,
  onSelect,
}: {
  summary: ReviewSummary;
  selected: ReconciliationStatus | null;
  onSelect: (status: ReconciliationStatus | null) => void;
}) {
  return (
    <div className="summary-tiles" role="group" aria-label="Orders by status">
      {STATUS_ORDER.map((status) => {
        const s = summary.statuses.find((x) => x.status === status);
        const active = selected === status;
        return (
          <button
            key={status}
            className={`tile status-${status}${active ? ' active' : ''}${s && s.count > 0 ? '' : ' empty'}`}
            aria-pressed={active}
            onClick={() => onSelect(active ? null : status)}
          >
            <span className="tile-count">{s?.count ?? 0}</span>
            <span className="tile-label">{STATUS_INFO[status].label}</span>
            <span className="tile-amount">{(s?.amounts ?? []).map((a) => formatMoney(a.total, a.currency)).join(' · ') || '—'}</span>
          </button>
        );
      })}
    </div>
  );
}
