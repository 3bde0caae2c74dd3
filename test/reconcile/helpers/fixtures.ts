/**
 * Small hand-made inputs for the engine: a store order, and the QBO document Ledgerbridge's
 * posting rules would make for it (gross product lines, a Shipping item line, one discount line,
 * the store's tax), which a test then bends into the case it needs.
 */
import type { StoreOrder } from '../../../main/orders/store-order';
import { decodeOrder, encodeOrder } from '../../../main/mirror/order-codec';
import { createHash } from 'node:crypto';
import { LocalDates } from '../../../main/reconcile/local-date';
import { noDecisions, orderKeyOf, type CustomerInput, type DocInput, type DocLine, type ItemInput, type OrderInput, type PaymentInput, type ReconcileArrays, type SalesDocType } from '../../../main/reconcile/types';

export const TZ = 'America/Chicago';
const dates = new LocalDates(TZ);

export const ITEMS: ItemInput[] = [
  { id: '1', name: 'Anchor Print', sku: 'A-1', type: 'NonInventory' },
  { id: '2', name: 'Brass Hook', sku: 'B-2', type: 'NonInventory' },
  { id: '3', name: 'Gift Wrapping', sku: null, type: 'Service' },
  { id: '9', name: 'Shipping', sku: null, type: 'Service' },
  { id: '10', name: 'Tax Rounding', sku: null, type: 'Service' },
];
const ITEM_BY_SKU = new Map(ITEMS.filter((i) => i.sku).map((i) => [i.sku!, i]));

export const CUSTOMERS: CustomerInput[] = [
  { id: '1', displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', active: true },
  { id: '2', displayName: 'Grace Hopper', givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.com', active: true },
];

export function order(n: number, over: Partial<StoreOrder> = {}): StoreOrder {
  const createdAt = over.createdAt ?? `2026-10-${String(n % 28 + 1).padStart(2, '0')}T15:00:00.000Z`;
  const base: StoreOrder = {
    source: 'shopify', sourceId: String(5000 + n), number: `#${1000 + n}`, createdAt, updatedAt: createdAt, processedAt: createdAt,
    currency: 'USD', presentmentCurrency: 'USD', presentmentAmounts: null,
    customer: { email: 'ada@example.com', name: 'Ada Lovelace', phone: null, billingAddress: null, shippingAddress: null },
    lines: [
      { sku: 'A-1', title: 'Anchor Print', quantity: 2, unitPrice: 1999, discount: 500, tax: 288, total: 3498 },
      { sku: 'B-2', title: 'Brass Hook', quantity: 1, unitPrice: 1230, discount: 0, tax: 101, total: 1230 },
    ],
    shippingLines: [{ title: 'Standard', amount: 599, tax: 49 }],
    discounts: [{ code: 'SAVE5', amount: 500 }],
    taxLines: [{ title: 'TX State Tax', amount: 438 }],
    totalTax: 438,
    total: 5765,
    financialStatus: 'paid', cancelledAt: null, refunds: [],
    transactions: [{ kind: 'sale', gateway: 'shopify_payments', amount: 5765, createdAt, reference: null }],
    test: false,
  };
  const merged = { ...base, ...over };
  // Round-trip through the mirror's codec, as the engine only ever sees stored orders.
  return decodeOrder(encodeOrder(merged)) as StoreOrder;
}

export function orderInput(o: StoreOrder, storeId = 'shop-1'): OrderInput {
  return { key: orderKeyOf(storeId, o.sourceId), storeId, contentHash: createHash('sha256').update(encodeOrder(o)).digest('hex'), order: o };
}

export interface DocOptions {
  type?: SalesDocType;
  id?: string;
  stamped?: boolean;
  docNumber?: string | null;
  customerId?: string;
  txnDate?: string;
  balance?: number;
  voided?: boolean;
  currency?: string;
  syncToken?: string;
}

/** The document the posting rules make for `o`. */
export function docFor(o: StoreOrder, opts: DocOptions = {}): DocInput {
  const type = opts.type ?? 'SalesReceipt';
  const id = opts.id ?? String(Number(o.sourceId) - 4000);
  const lines: DocLine[] = o.lines.map((l) => ({
    detailType: 'SalesItemLineDetail', itemId: l.sku ? ITEM_BY_SKU.get(l.sku)?.id ?? null : '3', description: l.title, qty: l.quantity,
    unitPrice: (l.unitPrice / 100).toString(), amount: l.unitPrice * l.quantity, taxCode: (l.tax ?? 0) > 0 ? 'TAX' : 'NON',
  }));
  const shipping = o.shippingLines.reduce((n, s) => n + s.amount, 0);
  if (shipping) lines.push({ detailType: 'SalesItemLineDetail', itemId: '9', description: 'Shipping', qty: 1, unitPrice: (shipping / 100).toString(), amount: shipping, taxCode: 'NON' });
  const discount = o.lines.reduce((n, l) => n + l.discount, 0);
  if (discount) lines.push({ detailType: 'DiscountLineDetail', itemId: null, description: 'SAVE5', qty: null, unitPrice: null, amount: discount, taxCode: null });
  return {
    key: `${type}:${id}`, type, id, syncToken: opts.syncToken ?? '0',
    docNumber: opts.docNumber === undefined ? o.number : opts.docNumber,
    txnDate: opts.txnDate ?? dates.dateOf(o.processedAt ?? o.createdAt),
    customerId: opts.customerId ?? '1', currency: opts.currency ?? o.currency, total: o.total,
    balance: opts.balance ?? (type === 'Invoice' ? o.total : 0), totalTax: o.totalTax,
    stamp: opts.stamped === false ? null : `ledgerbridge:${o.source}:${o.sourceId}`, voided: opts.voided ?? false, lines,
  };
}

/** A refund document for the store refund `index` of `o`. */
export function refundDocFor(o: StoreOrder, index: number, opts: { type?: 'RefundReceipt' | 'CreditMemo'; id: string; stamped?: boolean }): DocInput {
  const r = o.refunds[index]!;
  const type = opts.type ?? 'RefundReceipt';
  const lines: DocLine[] = r.lines.map((l) => ({ detailType: 'SalesItemLineDetail', itemId: l.sku ? ITEM_BY_SKU.get(l.sku)?.id ?? null : null, description: l.title, qty: l.quantity, unitPrice: null, amount: l.amount, taxCode: 'TAX' }));
  if (r.shipping) lines.push({ detailType: 'SalesItemLineDetail', itemId: '9', description: 'Refund: shipping', qty: 1, unitPrice: null, amount: r.shipping, taxCode: 'NON' });
  return {
    key: `${type}:${opts.id}`, type, id: opts.id, syncToken: '0', docNumber: `${o.number}-R${index + 1}`, txnDate: dates.dateOf(r.createdAt ?? o.updatedAt),
    customerId: '1', currency: o.currency, total: r.amount, balance: 0, totalTax: r.tax ?? 0,
    stamp: opts.stamped === false ? null : `ledgerbridge:${o.source}:${o.sourceId}`, voided: false, lines,
  };
}

export function input(orders: StoreOrder[], docs: DocInput[], payments: PaymentInput[] = [], extra: Partial<ReconcileArrays> = {}): ReconcileArrays {
  return { orders: orders.map((o) => orderInput(o)), docs, payments, customers: CUSTOMERS, items: ITEMS, decisions: noDecisions(), ...extra };
}
