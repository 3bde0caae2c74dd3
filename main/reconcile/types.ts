/**
 * The reconciliation engine's vocabulary. Inputs are what the mirror holds (store orders, QBO
 * sales documents, payments, customers, items) plus the bookkeeper's decisions; outputs are plain
 * JSON-able objects so a handler or the CLI can return them as they are.
 */
import { orderChangeKey } from '../mirror/changes';
import type { DocFacts, ItemIndex, OrderFacts } from './facts';
import type { LocalDates } from './local-date';

export const STATUSES = ['in_sync', 'missing_in_qbo', 'suggested_match', 'differs', 'unpaid_in_qbo', 'refund_missing', 'cancelled_open', 'ignored'] as const;
export type Status = (typeof STATUSES)[number];

export type SalesDocType = 'Invoice' | 'SalesReceipt' | 'CreditMemo' | 'RefundReceipt';
export type DocType = SalesDocType | 'Payment';

/** `${storeId}/${sourceId}`: how the engine and the decision tables name an order. */
export type OrderKey = string;
/** `${type}:${id}`, e.g. `SalesReceipt:42`, `Payment:7`. */
export type DocKey = string;

/** The mirror's change log names orders the same way, so a logged change is an order key as it is. */
export const orderKeyOf: (storeId: string, sourceId: string) => OrderKey = orderChangeKey;
export const docKeyOf = (type: DocType, id: string): DocKey => `${type}:${id}`;
export function splitDocKey(key: DocKey): { type: DocType; id: string } {
  const at = key.indexOf(':');
  return { type: key.slice(0, at) as DocType, id: key.slice(at + 1) };
}
export function splitOrderKey(key: OrderKey): { storeId: string; sourceId: string } {
  const at = key.lastIndexOf('/');
  return { storeId: key.slice(0, at), sourceId: key.slice(at + 1) };
}

/**
 * The part of a normalised store order reconciliation reads. A full StoreOrder is one; the mirror
 * loader decodes only this much (no addresses, discount codes, tax lines), which keeps 100,000
 * orders in memory small.
 */
export interface OrderCore {
  source: string;
  sourceId: string;
  number: string;
  createdAt: string;
  processedAt: string | null;
  currency: string;
  total: number;
  totalTax: number;
  financialStatus: string;
  cancelledAt: string | null;
  customer: { email: string | null; name: string | null };
  lines: ReadonlyArray<{ sku: string | null; title: string; quantity: number; unitPrice: number; discount: number; tax: number | null }>;
  shippingLines: ReadonlyArray<{ amount: number }>;
  refunds: ReadonlyArray<{ amount: number }>;
  transactions: ReadonlyArray<{ kind: string; amount: number }>;
}

export interface OrderInput {
  key: OrderKey;
  storeId: string;
  /** SHA-256 of the stored order (hex): an accepted difference holds while it is unchanged. */
  contentHash: string;
  order: OrderCore;
}

export interface DocLine {
  detailType: string;
  itemId: string | null;
  description: string | null;
  qty: number | null;
  /** QBO's unit price as decimal text, exactly as stored. */
  unitPrice: string | null;
  amount: number;
  taxCode: string | null;
}

export interface DocInput {
  key: DocKey;
  type: SalesDocType;
  id: string;
  syncToken: string;
  docNumber: string | null;
  txnDate: string;
  customerId: string | null;
  currency: string;
  total: number;
  balance: number | null;
  totalTax: number;
  stamp: string | null;
  voided: boolean;
  lines: DocLine[];
}

export interface PaymentInput {
  key: DocKey;
  id: string;
  syncToken: string;
  txnDate: string;
  customerId: string | null;
  total: number;
  stamp: string | null;
  voided: boolean;
  /** Documents this payment is applied to (`Invoice:12`). */
  appliedTo: DocKey[];
}

export interface CustomerInput {
  id: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  active: boolean;
}

export interface ItemInput {
  id: string;
  name: string;
  sku: string | null;
  type: string | null;
}

export type LinkMethod = 'stamp' | 'manual' | 'confirmed' | 'docnumber' | 'fuzzy';

export interface ManualLink {
  orderKey: OrderKey;
  docKey: DocKey;
  method: 'manual' | 'confirmed';
  by: string;
  at: string;
}

export interface AcceptedDifference {
  orderKey: OrderKey;
  field: string;
  orderHash: string;
  /** `${docKey}@${syncToken}` of the document it was accepted against. */
  docVersion: string;
  by: string;
  at: string;
}

export interface Decisions {
  links: ManualLink[];
  /** Pairs the bookkeeper rejected or unlinked: no pass may join them again. */
  rejections: Array<{ orderKey: OrderKey; docKey: DocKey }>;
  accepted: AcceptedDifference[];
  ignored: Array<{ orderKey: OrderKey; reason: string; by: string; at: string }>;
}

export const noDecisions = (): Decisions => ({ links: [], rejections: [], accepted: [], ignored: [] });

export interface MatchSettings {
  autoLinkThreshold: number;
  reviewThreshold: number;
  roundingToleranceMinor: number;
}

export interface ReconcileConfig {
  matching: MatchSettings;
  /** IANA zone the books are kept in: TxnDate is a local date there. */
  timeZone: string;
  /** Items that carry shipping on a document; by default items named "Shipping". */
  shippingItemIds?: readonly string[];
  /** Items that carry a tax-rounding line (ignored in line comparison, shown when used). */
  roundingItemIds?: readonly string[];
}

export interface ReconcileInput {
  /** Read once, in order (a full run streams them from the mirror, read straight into facts). */
  orders: Iterable<OrderInput> | ((dates: LocalDates) => Iterable<OrderFacts>);
  docs: Iterable<DocInput> | ((items: ItemIndex) => Iterable<DocFacts>);
  /**
   * Taken after the documents, then the customers; a full run's reader sends both between the
   * orders and the documents, and they are held until taken.
   */
  payments: PaymentInput[] | (() => PaymentInput[]);
  customers: CustomerInput[] | (() => CustomerInput[]);
  items: ItemInput[];
  decisions: Decisions;
}

/** An input held in arrays, for callers that look at it more than once. */
export type ReconcileArrays = ReconcileInput & { orders: OrderInput[]; docs: DocInput[]; payments: PaymentInput[]; customers: CustomerInput[] };

export interface MatchInfo {
  method: LinkMethod;
  /** 0..1, fuzzy matches only. */
  score: number | null;
  reasons: string[];
}

export interface LinkedDoc {
  key: DocKey;
  type: DocType;
  id: string;
  role: 'sale' | 'refund' | 'payment' | 'duplicate';
  method: LinkMethod;
}

export interface Suggestion {
  docKey: DocKey;
  score: number;
  reasons: string[];
}

export interface FieldDiff {
  field: 'customer' | 'date' | 'currency' | 'line' | 'shipping' | 'discount' | 'tax' | 'total' | 'balance' | 'refunded' | 'document';
  /** Which line (SKU or title) for `line`, or which attribute for others; '' when the field is whole. */
  detail: string;
  store: string | number | null;
  qbo: string | number | null;
  /** How the two values were compared: `exact`, or `within N minor units (rounding tolerance)` when the tolerance was used. */
  rule: string;
  /** false when the values agree only thanks to the rounding tolerance (shown, not counted). */
  differs: boolean;
  accepted: boolean;
}

export interface OrderResult {
  key: OrderKey;
  storeId: string;
  sourceId: string;
  number: string;
  /** Local date of the sale in the books' zone (what TxnDate should say). */
  orderDate: string;
  total: number;
  currency: string;
  customer: { name: string | null; email: string | null };
  /** The order's SKUs (or titles where a product has none), for search. */
  skus: string[];
  status: Status;
  /** A sentence saying why, for people. */
  explanation: string;
  match: MatchInfo | null;
  docs: LinkedDoc[];
  suggestion: Suggestion | null;
  diffs: FieldDiff[];
  ignoredReason: string | null;
}

export interface QboSideResult {
  key: DocKey;
  type: DocType;
  id: string;
  kind: 'orphan' | 'duplicate';
  reason: string;
}
