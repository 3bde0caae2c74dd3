import type { ReconciliationStatus } from '../../../preload/review-views';

/** What each status means to a bookkeeper, in the order the review works through them. */
export const STATUS_INFO: Record<ReconciliationStatus, { label: string; hint: string }> = {
  missing_in_qbo: { label: 'Missing in QuickBooks', hint: 'No document records this order.' },
  suggested_match: { label: 'Suggested match', hint: 'A document looks like this order; confirm or reject.' },
  differs: { label: 'Differs', hint: 'Linked, but fields disagree.' },
  unpaid_in_qbo: { label: 'Unpaid in QuickBooks', hint: 'Paid in the store; the invoice still has a balance.' },
  refund_missing: { label: 'Refund missing', hint: 'A store refund has no credit memo or refund receipt.' },
  cancelled_open: { label: 'Cancelled, still open', hint: 'Cancelled in the store; the QuickBooks document is active.' },
  in_sync: { label: 'In sync', hint: 'Linked and every compared field agrees.' },
  ignored: { label: 'Ignored', hint: 'Set aside by a bookkeeper, with a reason.' },
};

export const STATUS_ORDER = Object.keys(STATUS_INFO) as ReconciliationStatus[];
