/**
 * What matching and comparison need from each side, derived once per input: local dates, lowered
 * emails, product keys, paid / refunded totals, shipping / discount / rounding split out of a
 * document's lines. Pure functions of one input (plus the item and customer lists).
 */
import { parseDecimal } from '../orders/money';
import { paidTotal, refundedTotal, shippingTotal } from '../orders/net-total';
import type { LocalDates } from './local-date';
import type { CustomerInput, DocInput, ItemInput, OrderCore, OrderInput } from './types';

export interface OrderFacts {
  input: OrderInput;
  order: OrderCore;
  stampKey: string;
  /** Local date of the sale (processed, else created) in the books' zone. */
  date: string;
  /** The same date as whole days since 1970, for cheap distances. */
  day: number;
  email: string | null;
  name: string | null;
  products: ProductLine[];
  /** Money received: sales and captures. */
  paid: number;
  refunded: number;
  shipping: number;
  discount: number;
  cancelled: boolean;
  shape: string;
}

export interface ProductLine {
  /** SKU, or null when the product has none (matched by name then). */
  sku: string | null;
  name: string;
  qty: number;
  /** Minor units, or null when QBO's unit price has more decimals than the currency. */
  unitPrice: number | null;
  /** Gross: quantity × unit price, before discounts (how the documents carry it). */
  amount: number;
}

export interface DocFacts {
  input: DocInput;
  products: ProductLine[];
  shipping: number;
  discount: number;
  /** Σ rounding-item lines: absorbs a store-vs-QBO tax difference of a cent or so. */
  rounding: number;
  /** The DocNumber with its digits folded, to tell "numbered like the store" documents. */
  shape: string | null;
  /** TxnDate as whole days since 1970. */
  day: number;
}

export const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

const shapes = new Map<string, string>();

/** The number with its digits folded: `#1001` → `#\0`. Shapes are few, so each is one shared string. */
export const numberShape = (number: string): string => {
  const shape = number.replace(/\d+/g, '\u0000');
  const known = shapes.get(shape);
  if (known !== undefined) return known;
  if (shapes.size < 10_000) shapes.set(shape, shape);
  return shape;
};

export const normalName = (name: string | null | undefined): string | null => {
  const n = (name ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return n === '' ? null : n;
};

const NONE: readonly never[] = Object.freeze([]);

export function orderFacts(input: OrderInput, dates: LocalDates): OrderFacts {
  const o = input.order;
  const paid = paidTotal(o);
  const refunded = refundedTotal(o);
  const shipping = shippingTotal(o);
  let discount = 0;
  const products: ProductLine[] = o.lines.map((l) => {
    discount += l.discount;
    return { sku: l.sku, name: l.title, qty: l.quantity, unitPrice: l.unitPrice, amount: l.unitPrice * l.quantity };
  });
  const date = dates.dateOf(o.processedAt ?? o.createdAt);
  // The lines live on as products, and the money rows as the sums below: a session holds 100,000
  // orders, and their raw rows would be a third of its memory.
  // Written out rather than spread: every lean order then shares one shape, which the verdict code reads fastest.
  const order: OrderCore = {
    source: o.source, sourceId: o.sourceId, number: o.number, createdAt: o.createdAt, processedAt: o.processedAt, currency: o.currency,
    total: o.total, totalTax: o.totalTax, financialStatus: o.financialStatus, cancelledAt: o.cancelledAt, customer: o.customer,
    lines: NONE, shippingLines: NONE, refunds: NONE, transactions: NONE,
  };
  return {
    input: { key: input.key, storeId: input.storeId, contentHash: input.contentHash, order },
    order,
    stampKey: `${o.source}:${o.sourceId}`,
    date,
    day: dayNumber(date),
    email: o.customer.email?.trim().toLowerCase() || null,
    name: normalName(o.customer.name),
    products,
    paid,
    refunded,
    shipping,
    discount,
    cancelled: o.cancelledAt !== null || o.financialStatus === 'voided',
    shape: numberShape(o.number),
  };
}

function unitMinor(text: string | null, currency: string): number | null {
  if (text === null) return null;
  try {
    return parseDecimal(text, currency);
  } catch {
    return null;
  }
}

export interface ItemIndex {
  items: Map<string, ItemInput>;
  shipping: Set<string>;
  rounding: Set<string>;
}

export function itemIndex(items: readonly ItemInput[], shippingIds?: readonly string[], roundingIds?: readonly string[]): ItemIndex {
  const map = new Map(items.map((i) => [i.id, i]));
  const shipping = new Set(shippingIds ?? items.filter((i) => /^shipping$/i.test(i.name.trim())).map((i) => i.id));
  const rounding = new Set(roundingIds ?? items.filter((i) => /^(tax )?rounding$/i.test(i.name.trim())).map((i) => i.id));
  return { items: map, shipping, rounding };
}

export function docFacts(input: DocInput, items: ItemIndex): DocFacts {
  const products: ProductLine[] = [];
  let shipping = 0;
  let discount = 0;
  let rounding = 0;
  for (const l of input.lines) {
    if (l.detailType === 'DiscountLineDetail') discount += l.amount;
    else if (l.detailType === 'SalesItemLineDetail') {
      if (l.itemId !== null && items.shipping.has(l.itemId)) shipping += l.amount;
      else if (l.itemId !== null && items.rounding.has(l.itemId)) rounding += l.amount;
      else {
        const item = l.itemId === null ? undefined : items.items.get(l.itemId);
        products.push({
          sku: item?.sku ?? null,
          name: item?.name ?? l.description ?? '',
          qty: l.qty ?? 0,
          unitPrice: unitMinor(l.unitPrice, input.currency),
          amount: l.amount,
        });
      }
    }
  }
  // The lines live on as products / shipping / discount / rounding; the raw rows are not kept.
  // Written out rather than spread, so every lean document shares one shape.
  const d = input;
  const lean: DocInput = {
    key: d.key, type: d.type, id: d.id, syncToken: d.syncToken, docNumber: d.docNumber, txnDate: d.txnDate, customerId: d.customerId,
    currency: d.currency, total: d.total, balance: d.balance, totalTax: d.totalTax, stamp: d.stamp, voided: d.voided, lines: [],
  };
  return { input: lean, products, shipping, discount, rounding, shape: input.docNumber === null ? null : numberShape(input.docNumber), day: dayNumber(input.txnDate) };
}

/** Store line ↔ document line: same SKU, or (neither has one) the item is named after the product. */
export function sameProduct(store: ProductLine, doc: ProductLine): boolean {
  if (store.sku !== null || doc.sku !== null) return store.sku === doc.sku;
  return doc.name === store.name || doc.name.startsWith(`${store.name} - `);
}

/** The customer's email; the session stores customers with it lowercased. */
export function customerEmail(c: CustomerInput | undefined): string | null {
  return c?.email ?? null;
}

const namesOf = new WeakMap<CustomerInput, string[]>();

/** The customer's display name and given + family name, normalised (cached per customer record). */
export function customerNames(c: CustomerInput | undefined): string[] {
  if (!c) return [];
  let names = namesOf.get(c);
  if (!names) {
    names = [normalName(c.displayName), normalName([c.givenName, c.familyName].filter(Boolean).join(' '))].filter((n): n is string => n !== null);
    namesOf.set(c, names);
  }
  return names;
}
