/**
 * What the review screens receive: reconciliation summary, the paged order list and one order's
 * detail. Shapes of main's read side (main/reconcile/read.ts), declared here so the renderer
 * depends on the contract only; main's handlers are type-checked against them.
 */
import { z } from 'zod';

export const reconciliationStatuses = ['in_sync', 'missing_in_qbo', 'suggested_match', 'differs', 'unpaid_in_qbo', 'refund_missing', 'cancelled_open', 'ignored'] as const;
export const reconciliationStatusSchema = z.enum(reconciliationStatuses);
export type ReconciliationStatus = z.infer<typeof reconciliationStatusSchema>;

const money = z.object({ currency: z.string(), total: z.number().int() });

export const reviewSummarySchema = z.object({
  computedAt: z.string().nullable(),
  orders: z.number().int(),
  statuses: z.array(z.object({ status: reconciliationStatusSchema, count: z.number().int(), amounts: z.array(money) })),
  qboSide: z.object({ orphans: z.number().int(), duplicates: z.number().int() }),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-20');

export const orderListQuerySchema = z
  .object({
    realmId: z.string().regex(/^\d+$/, 'a QuickBooks realm id is digits only'),
    status: z.array(reconciliationStatusSchema).max(8).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    minTotal: z.number().int().optional(),
    maxTotal: z.number().int().optional(),
    /** Only orders in this currency: amount bounds are its minor units, which mean nothing in another. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code').optional(),
    text: z.string().max(200).optional(),
    sort: z.enum(['date', 'number', 'total', 'status', 'customer']).optional(),
    descending: z.boolean().optional(),
    page: z.number().int().min(0).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict();

export const orderListRowSchema = z.object({
  key: z.string(),
  number: z.string(),
  orderDate: z.string(),
  total: z.number().int(),
  currency: z.string(),
  customer: z.string().nullable(),
  status: reconciliationStatusSchema,
  explanation: z.string(),
  docs: z.array(z.string()),
  differences: z.number().int(),
});
export type OrderListRow = z.infer<typeof orderListRowSchema>;

export const orderListPageSchema = z.object({
  rows: z.array(orderListRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OrderListPage = z.infer<typeof orderListPageSchema>;

export const fieldDiffSchema = z.object({
  field: z.string(),
  detail: z.string(),
  store: z.union([z.string(), z.number(), z.null()]),
  qbo: z.union([z.string(), z.number(), z.null()]),
  rule: z.string(),
  differs: z.boolean(),
  accepted: z.boolean(),
});
export type FieldDiffView = z.infer<typeof fieldDiffSchema>;

export const orderResultSchema = z.object({
  key: z.string(),
  number: z.string(),
  orderDate: z.string(),
  total: z.number().int(),
  currency: z.string(),
  customer: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  status: reconciliationStatusSchema,
  explanation: z.string(),
  match: z.object({ method: z.string(), score: z.number().nullable(), reasons: z.array(z.string()) }).nullable(),
  docs: z.array(z.object({ key: z.string(), type: z.string(), id: z.string(), role: z.string(), method: z.string() })),
  suggestion: z.object({ docKey: z.string(), score: z.number(), reasons: z.array(z.string()) }).nullable(),
  diffs: z.array(fieldDiffSchema),
  ignoredReason: z.string().nullable(),
});
export type OrderResultView = z.infer<typeof orderResultSchema>;

/** The store side as the detail shows it (the normalised order; amounts in minor units). */
export const storeOrderViewSchema = z.object({
  source: z.string(),
  number: z.string(),
  createdAt: z.string(),
  currency: z.string(),
  financialStatus: z.string(),
  cancelledAt: z.string().nullable(),
  customer: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
  lines: z.array(z.object({ sku: z.string().nullable(), title: z.string(), quantity: z.number(), unitPrice: z.number().int(), discount: z.number().int(), total: z.number().int() })),
  shippingLines: z.array(z.object({ title: z.string().nullable(), amount: z.number().int() })),
  discounts: z.array(z.object({ code: z.string().nullable(), amount: z.number().int() })),
  totalTax: z.number().int(),
  total: z.number().int(),
  refunds: z.array(z.object({ amount: z.number().int(), createdAt: z.string().nullable() })),
});
export type StoreOrderView = z.infer<typeof storeOrderViewSchema>;

/**
 * One QBO line as the detail shows it. Discount lines carry QBO's positive amount (the total
 * subtracts it); unit prices stay decimal text, as QBO may give more decimals than the currency has.
 */
export const qboLineViewSchema = z.object({
  kind: z.enum(['item', 'discount', 'other']),
  item: z.string().nullable(),
  description: z.string().nullable(),
  qty: z.number().nullable(),
  unitPrice: z.string().nullable(),
  amount: z.number().int(),
});
export type QboLineView = z.infer<typeof qboLineViewSchema>;

/**
 * A QBO document linked to (or suggested for) an order: its mirrored columns, normalised like the
 * store side (amounts in minor units), plus QBO's JSON as last pulled. Payments have no lines or
 * tax; `appliedTo` names the documents they pay (empty for sales documents).
 */
export const qboDocViewSchema = z.object({
  key: z.string(),
  role: z.string(),
  json: z.unknown(),
  type: z.enum(['Invoice', 'SalesReceipt', 'CreditMemo', 'RefundReceipt', 'Payment']),
  id: z.string(),
  docNumber: z.string().nullable(),
  txnDate: localDate,
  customer: z.string().nullable(),
  /** QBO's customer id: set with a null `customer` when the mirror lacks that customer's row. */
  customerId: z.string().nullable(),
  currency: z.string(),
  lines: z.array(qboLineViewSchema),
  totalTax: z.number().int(),
  total: z.number().int(),
  balance: z.number().int().nullable(),
  voided: z.boolean(),
  appliedTo: z.array(z.string()),
});
export type QboDocView = z.infer<typeof qboDocViewSchema>;

/** The QBO writes that would resolve the order, built by the posting rules (not sent until approved). */
export const proposalSchema = z.object({
  kind: z.string(),
  summary: z.string(),
  writes: z.array(z.object({ step: z.string(), entity: z.string(), operation: z.string(), payload: z.record(z.string(), z.unknown()), why: z.string() })),
  missing: z.array(z.object({ setting: z.string(), why: z.string() })),
});
export type ProposalView = z.infer<typeof proposalSchema>;

export const orderDetailSchema = z.object({
  result: orderResultSchema,
  store: storeOrderViewSchema.nullable(),
  /** The linked documents the mirror still holds (one deleted in QBO since the last reconcile is left out). */
  qbo: z.array(qboDocViewSchema),
  suggested: qboDocViewSchema.nullable(),
  proposal: proposalSchema.nullable(),
});
export type OrderDetailView = z.infer<typeof orderDetailSchema>;
