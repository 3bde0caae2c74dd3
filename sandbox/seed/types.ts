/**
 * The seeded business: one deterministic generator makes a store's orders AND the QBO books that
 * partly record them, plus the reconciliation status each order must end up with. The QBO,
 * Shopify and WooCommerce stand-ins all serve from this one object, so the same business is seen
 * through every API. Amounts are integer minor units of the currency named beside them.
 */

export type ReconciliationStatus =
  | 'in_sync'
  | 'missing_in_qbo'
  | 'suggested_match'
  | 'differs'
  | 'unpaid_in_qbo'
  | 'refund_missing'
  | 'cancelled_open'
  | 'ignored';

export type FinancialStatus =
  | 'pending'
  | 'authorized'
  | 'paid'
  | 'partially_paid'
  | 'partially_refunded'
  | 'refunded'
  | 'voided';

export interface SeedAddress {
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  country: string;
  countryCode: string;
  phone: string | null;
}

export interface SeedCustomer {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
}

export interface SeedTaxLine {
  title: string;
  /** Decimal rate as text, e.g. "0.0825". */
  rate: string;
  amountMinor: number;
}

export interface SeedLine {
  id: string;
  productId: string;
  variantId: string;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Discount allocated to this line (from order discount codes or line discounts). */
  discountMinor: number;
  taxLines: SeedTaxLine[];
  taxable: boolean;
  requiresShipping: boolean;
}

export interface SeedShippingLine {
  id: string;
  title: string;
  code: string;
  priceMinor: number;
  discountMinor: number;
  taxLines: SeedTaxLine[];
}

export interface SeedDiscount {
  code: string;
  type: 'fixed_amount' | 'percentage' | 'shipping';
  amountMinor: number;
}

export interface SeedTransaction {
  id: string;
  kind: 'authorization' | 'capture' | 'sale' | 'refund' | 'void';
  status: 'success' | 'failure' | 'pending';
  gateway: string;
  amountMinor: number;
  processedAt: string;
}

export interface SeedRefundLine {
  lineId: string;
  quantity: number;
  subtotalMinor: number;
  taxMinor: number;
  restock: boolean;
}

export interface SeedRefund {
  id: string;
  createdAt: string;
  note: string | null;
  lines: SeedRefundLine[];
  shippingMinor: number;
  shippingTaxMinor: number;
  /** Money returned to the customer: lines + their tax + shipping + shipping tax. */
  totalMinor: number;
  transactions: SeedTransaction[];
}

export interface SeedOrder {
  /** Stable numeric id as text (Shopify's gid number, WooCommerce's id). */
  id: string;
  /** Sequential order number, e.g. 1001. */
  number: number;
  /** Display name with the store's prefix/suffix, e.g. "#1001" or "EU-1001". */
  name: string;
  /** UTC instants, ISO 8601 with Z. */
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** The shop currency: the books are kept in it. */
  currency: string;
  /** The currency the customer paid in, with the rate used: presentment = round(shop × rate). */
  presentmentCurrency: string;
  presentmentRate: string;
  customer: SeedCustomer | null;
  email: string | null;
  billingAddress: SeedAddress | null;
  shippingAddress: SeedAddress | null;
  lines: SeedLine[];
  shippingLines: SeedShippingLine[];
  discounts: SeedDiscount[];
  /** Sum of line unit price × quantity minus line discounts (Shopify's subtotal). */
  subtotalMinor: number;
  totalDiscountsMinor: number;
  totalShippingMinor: number;
  totalTaxMinor: number;
  /** What the customer was charged at checkout; refunds never reduce it. */
  totalMinor: number;
  taxesIncluded: boolean;
  financialStatus: FinancialStatus;
  fulfillmentStatus: 'unfulfilled' | 'partial' | 'fulfilled' | null;
  gateway: string;
  transactions: SeedTransaction[];
  refunds: SeedRefund[];
  test: boolean;
  tags: string[];
  note: string | null;
}

export interface SeedStore {
  /** Shopify shop domain, e.g. "harbor-goods.myshopify.com"; WooCommerce serves the same orders. */
  domain: string;
  name: string;
  currency: string;
  /** IANA zone of the store, e.g. "America/Chicago" (WooCommerce's local dates use it). */
  timeZone: string;
  orders: SeedOrder[];
}

/** A QBO entity as the QBO API returns it (Id preassigned so documents can reference each other). */
export type QboEntityJson = Record<string, unknown> & { Id: string };

export interface SeedBooks {
  realmId: string;
  CompanyInfo: Record<string, unknown>;
  Preferences: Record<string, unknown>;
  Account: QboEntityJson[];
  TaxCode: QboEntityJson[];
  TaxRate: QboEntityJson[];
  PaymentMethod: QboEntityJson[];
  Customer: QboEntityJson[];
  Item: QboEntityJson[];
  Invoice: QboEntityJson[];
  SalesReceipt: QboEntityJson[];
  Payment: QboEntityJson[];
  CreditMemo: QboEntityJson[];
  RefundReceipt: QboEntityJson[];
  /** IANA zone the company keeps its books in: TxnDate is the local date of the sale there. */
  timeZone?: string;
}

export interface ExpectedOrderStatus {
  orderId: string;
  orderName: string;
  status: ReconciliationStatus;
  /** Why: the scenario that produced it ("tax differs by 1 cent on line 2", "paid, invoice open"). */
  scenario: string;
  /** Ids of the QBO documents that should end up linked to the order. */
  qboDocs: Array<{ type: 'Invoice' | 'SalesReceipt' | 'Payment' | 'CreditMemo' | 'RefundReceipt'; id: string }>;
  /** Machine-readable scenario id (see sandbox/seed/README.md), e.g. "receipt_stamped". */
  kind?: string;
  /**
   * A decision the bookkeeper is expected to make, and the status it leads to. `status` is what
   * the order shows before any decision (test orders are plain `missing_in_qbo`); `ignored` only
   * ever follows a recorded decision.
   */
  decision?: { action: 'ignore'; reason: string; status: 'ignored' };
}

export interface ExpectedOrphan {
  type: 'Invoice' | 'SalesReceipt';
  id: string;
  scenario: string;
}

export interface GenerateBusinessOptions {
  /** PRNG seed; same seed and options → deep-equal output. Default 1. */
  seed?: number;
  /** Number of store orders. Default 120. */
  orders?: number;
  realmId?: string;
  /** The generator's clock: orders spread over the `days` before it. Default 2026-11-20T12:00:00Z. */
  now?: Date;
  /** Days of history. Default 120 (so some orders are outside Shopify's 60-day window). */
  days?: number;
  /** Order-name prefix/suffix: name = prefix + number + suffix. Defaults "#" and "". */
  namePrefix?: string;
  nameSuffix?: string;
  /** First order number. Default 1001. */
  firstNumber?: number;
}

export interface SeedBusiness {
  store: SeedStore;
  books: SeedBooks;
  expected: ExpectedOrderStatus[];
  orphans: ExpectedOrphan[];
}
