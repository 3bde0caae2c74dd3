import type { ReconciliationStatus } from '../../../preload/review-views';
import { STATUS_INFO } from './status';

export function StatusBadge({ status }: { status: ReconciliationStatus }) {
  return (
    <span className={`status-badge status-${status}`} title={STATUS_INFO[status].hint}>
      {STATUS_INFO[status].label}
    </span>
  );
}
