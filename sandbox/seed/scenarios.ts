/**
 * The scenario table: every way the seeded books record (or fail to record) a store order, with
 * the reconciliation status Ledgerbridge must reach for it. `min` guarantees coverage in small
 * businesses (the demo), `weight` sets the mix at scale (mostly in_sync, every status present).
 */
import type { ReconciliationStatus } from './types';

export type ScenarioKind =
  | 'receipt_stamped'
  | 'receipt_docnumber'
  | 'receipt_auth_capture'
  | 'receipt_renamed_customer'
  | 'presentment_in_sync'
  | 'invoice_paid_later'
  | 'invoice_pending'
  | 'invoice_authorized'
  | 'invoice_partially_paid'
  | 'refund_partial_recorded'
  | 'refund_shipping_recorded'
  | 'refund_full_recorded'
  | 'refund_credit_memo'
  | 'cancelled_voided_invoice'
  | 'cancelled_voided_receipt'
  | 'repeat_pair_posted'
  | 'missing_paid'
  | 'missing_pending'
  | 'missing_test'
  | 'repeat_pair_second_missing'
  | 'suggested_hand_entered'
  | 'differs_tax'
  | 'differs_shipping'
  | 'differs_line'
  | 'differs_customer'
  | 'differs_presentment'
  | 'unpaid_invoice_open'
  | 'unpaid_partial_payment'
  | 'refund_partial_missing'
  | 'refund_shipping_missing'
  | 'refund_full_missing'
  | 'cancelled_open_invoice'
  | 'cancelled_open_receipt';

/** How the store was paid. */
export type PaymentPattern =
  | 'checkout_sale' // card/PayPal sale at checkout → paid
  | 'auth_capture' // authorized at checkout, captured later → paid
  | 'paid_later' // manual payment method, marked paid later → paid
  | 'paid_in_two' // manual: deposit, then the balance → paid
  | 'pending' // manual, nothing received → pending
  | 'authorized' // card authorized, not captured → authorized
  | 'deposit_only' // manual, deposit received → partially_paid
  | 'auth_voided' // authorized then voided, order cancelled → voided
  | 'test_sale'; // Bogus Gateway

export type RefundPattern = 'none' | 'partial_line' | 'shipping_only' | 'full';

export interface ScenarioSpec {
  status: ReconciliationStatus;
  min: number;
  weight: number;
  payment: PaymentPattern;
  refund: RefundPattern;
  cancelled: boolean;
  /** Orders the kind produces (pairs produce two; the first is the posted twin). */
  orders: 1 | 2;
  buyer: 'any' | 'registered' | 'foreign' | 'taxed' | 'renamed' | 'owner';
  scenario: string;
}

const S = (
  status: ReconciliationStatus,
  min: number,
  weight: number,
  payment: PaymentPattern,
  scenario: string,
  extra: Partial<Pick<ScenarioSpec, 'refund' | 'cancelled' | 'orders' | 'buyer'>> = {},
): ScenarioSpec => ({
  status,
  min,
  weight,
  payment,
  refund: extra.refund ?? 'none',
  cancelled: extra.cancelled ?? false,
  orders: extra.orders ?? 1,
  buyer: extra.buyer ?? 'any',
  scenario,
});

export const SCENARIOS: Record<ScenarioKind, ScenarioSpec> = {
  receipt_stamped: S('in_sync', 6, 55, 'checkout_sale', 'paid at checkout; Sales Receipt stamped by Ledgerbridge'),
  receipt_docnumber: S('in_sync', 4, 8, 'checkout_sale', 'paid at checkout; Sales Receipt entered by hand with the order number as DocNumber, no stamp'),
  receipt_auth_capture: S('in_sync', 2, 4, 'auth_capture', 'authorized then captured; Sales Receipt stamped'),
  receipt_renamed_customer: S('in_sync', 2, 0, 'checkout_sale', 'QBO customer DisplayName differs from the store name (same email); Sales Receipt stamped', { buyer: 'renamed' }),
  presentment_in_sync: S('in_sync', 3, 3, 'checkout_sale', 'paid in a foreign presentment currency; Sales Receipt in USD shop amounts, stamped', { buyer: 'foreign' }),
  invoice_paid_later: S('in_sync', 3, 4, 'paid_later', 'manual payment received later; Invoice + Payment, stamped'),
  invoice_pending: S('in_sync', 2, 1.5, 'pending', 'awaiting a manual payment; open Invoice, stamped'),
  invoice_authorized: S('in_sync', 2, 0.7, 'authorized', 'card authorized, not captured; open Invoice, stamped'),
  invoice_partially_paid: S('in_sync', 2, 0.5, 'deposit_only', 'deposit received; Invoice with a Payment for the deposit, stamped'),
  refund_partial_recorded: S('in_sync', 2, 2, 'checkout_sale', 'partial line refund recorded as a Refund Receipt', { refund: 'partial_line' }),
  refund_shipping_recorded: S('in_sync', 1, 0.5, 'checkout_sale', 'shipping-only refund recorded as a Refund Receipt', { refund: 'shipping_only' }),
  refund_full_recorded: S('in_sync', 1, 0.7, 'checkout_sale', 'full refund recorded as a Refund Receipt', { refund: 'full' }),
  refund_credit_memo: S('in_sync', 1, 0.3, 'paid_later', 'invoiced order partly refunded; Credit Memo recorded', { refund: 'partial_line' }),
  cancelled_voided_invoice: S('in_sync', 1, 0.4, 'auth_voided', 'cancelled, authorization voided; the Invoice is voided in QBO', { cancelled: true }),
  cancelled_voided_receipt: S('in_sync', 1, 0.4, 'checkout_sale', 'cancelled and refunded; the Sales Receipt is voided in QBO', { cancelled: true, refund: 'full' }),
  repeat_pair_posted: S('in_sync', 1, 0.3, 'checkout_sale', 'repeat order: same customer, same amount, different day; each has its own stamped Sales Receipt', { orders: 2, buyer: 'registered' }),
  missing_paid: S('missing_in_qbo', 3, 4, 'checkout_sale', 'paid; nothing in QBO'),
  missing_pending: S('missing_in_qbo', 1, 0.5, 'pending', 'awaiting a manual payment; nothing in QBO (an Invoice is proposed)'),
  missing_test: S('missing_in_qbo', 2, 0.3, 'test_sale', 'test order (Bogus Gateway); nothing in QBO — the bookkeeper is expected to ignore it', { buyer: 'owner' }),
  repeat_pair_second_missing: S('in_sync', 1, 0.2, 'checkout_sale', 'repeat order: same customer, same amount, different day; only the first is posted', { orders: 2, buyer: 'registered' }),
  suggested_hand_entered: S('suggested_match', 3, 2, 'checkout_sale', 'Sales Receipt keyed in by hand as one "Online Sales" line: no DocNumber, no stamp, no SKUs; same customer, amount and tax, a day or two later'),
  differs_tax: S('differs', 2, 0.8, 'checkout_sale', 'tax differs', { buyer: 'taxed' }),
  differs_shipping: S('differs', 2, 0.6, 'checkout_sale', 'shipping differs'),
  differs_line: S('differs', 2, 0.6, 'checkout_sale', 'a line differs'),
  differs_customer: S('differs', 2, 0.4, 'checkout_sale', 'posted to the wrong customer', { buyer: 'registered' }),
  differs_presentment: S('differs', 1, 0.2, 'checkout_sale', 'bookkeeper typed the presentment-currency amounts as USD', { buyer: 'foreign' }),
  unpaid_invoice_open: S('unpaid_in_qbo', 2, 1, 'checkout_sale', 'paid at checkout, but posted as an Invoice that is still open'),
  unpaid_partial_payment: S('unpaid_in_qbo', 1, 0.4, 'paid_in_two', 'paid in two manual payments; QBO has only the first Payment'),
  refund_partial_missing: S('refund_missing', 2, 1.2, 'checkout_sale', 'partial line refund in the store; no Refund Receipt in QBO', { refund: 'partial_line' }),
  refund_shipping_missing: S('refund_missing', 1, 0.4, 'checkout_sale', 'shipping-only refund in the store; no Refund Receipt in QBO', { refund: 'shipping_only' }),
  refund_full_missing: S('refund_missing', 1, 0.4, 'checkout_sale', 'full refund in the store; no Refund Receipt in QBO', { refund: 'full' }),
  cancelled_open_invoice: S('cancelled_open', 2, 0.6, 'auth_voided', 'cancelled, authorization voided; the Invoice is still open in QBO', { cancelled: true }),
  cancelled_open_receipt: S('cancelled_open', 1, 0.4, 'checkout_sale', 'cancelled and refunded; the Sales Receipt is still active in QBO', { cancelled: true, refund: 'full' }),
};

export const SCENARIO_KINDS = Object.keys(SCENARIOS) as ScenarioKind[];

/** Orders the minimum set needs. */
export function minimumOrders(): number {
  return SCENARIO_KINDS.reduce((n, k) => n + SCENARIOS[k].min * SCENARIOS[k].orders, 0);
}
