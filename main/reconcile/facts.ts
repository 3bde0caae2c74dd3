/**
 * What matching and comparison need from each side, derived once per input: local dates, lowered
 * emails, product keys, paid / refunded totals, shipping / discount / rounding split out of a
 * document's lines. Pure functions of one input (plus the item and customer lists).
 */
import { parseDecimal } from '../orders/money';
import { paidTotal, refundedTotal, shippingTotal } from '../orders/net-total';
import type { LocalDates } from './local-date';
import type { Claim } from './match';
import type { CustomerInput, DocInput, DocLine, ItemInput, OrderInput } from './types';

/** What the engine reads of the order itself; its lines and money rows live on as the facts' sums. */
export interface LeanOrder {
  source: string;
  sourceId: string;
  number: string;
  currency: string;
  total: number;
  totalTax: number;
  customer: { email: string | null; name: string | null };
}

export interface OrderFacts {
  input: Pick<OrderInput, 'key' | 'storeId' | 'contentHash'>;
  order: LeanOrder;
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
  /**
   * What the identity passes found the order claims, in role order (sale, duplicates, refunds,
   * payments), or null: kept on the facts, written by those passes alone, so a verdict reads it
   * without a lookup among 100,000 keys.
   */
  claims: Claim[] | null;
}

/** Never changed once made: a full run shares one object among identical lines (ProductLines). */
export interface ProductLine {
  /** SKU, or null when the product has none (matched by name then). */
  readonly sku: string | null;
  /** What names a product without a SKU; a store line with one does not carry its title this far (empty). */
  readonly name: string;
  readonly qty: number;
  /** Minor units, or null when QBO's unit price has more decimals than the currency. */
  readonly unitPrice: number | null;
  /** Gross: quantity × unit price, before discounts (how the documents carry it). */
  readonly amount: number;
}

/**
 * Distinct lines kept per product (the quantities and prices it is sold at), and products kept:
 * past either, lines are made unshared, so a catalog or price list of unusual size costs no more
 * than it did before sharing.
 */
const LINES_PER_PRODUCT = 16;
const MAX_PRODUCTS = 100_000;

/**
 * One shared object per distinct product line, for a full run's facts: a shop's lines repeat (the
 * same SKU, quantity and price on order after order), and 400,000 small objects were a sixth of
 * the engine's memory at 100,000 orders. Its strings come out shared as well.
 */
export class ProductLines {
  private readonly byProduct = new Map<string, ProductLine[]>();

  /** The shared line, or (`shared` absent: an incremental run's few) a line of its own. */
  static line(shared: ProductLines | undefined, sku: string | null, name: string, qty: number, unitPrice: number | null, amount: number): ProductLine {
    return shared ? shared.line(sku, name, qty, unitPrice, amount) : { sku, name, qty, unitPrice, amount };
  }

  /** A shared line: the first made of its kind. */
  line(sku: string | null, name: string, qty: number, unitPrice: number | null, amount: number): ProductLine {
    let lines = this.byProduct.get(sku ?? name);
    if (lines === undefined) {
      if (this.byProduct.size >= MAX_PRODUCTS) return { sku, name, qty, unitPrice, amount };
      this.byProduct.set(sku ?? name, (lines = []));
    }
    for (const l of lines) if (l.qty === qty && l.unitPrice === unitPrice && l.amount === amount && l.sku === sku && l.name === name) return l;
    const made: ProductLine = { sku, name, qty, unitPrice, amount };
    if (lines.length < LINES_PER_PRODUCT) lines.push(made);
    return made;
  }
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
  /** The identity passes' claim on the document, or null (as OrderFacts.claims). */
  claim: Claim | null;
}

const days = new Map<string, number>();

/** `YYYY-MM-DD` as whole days since 1970. A company's orders fall on a few hundred dates: each is worked out once. */
export const dayNumber = (date: string): number => {
  let day = days.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
    if (days.size < 100_000) days.set(date, day);
  }
  return day;
};

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

/**
 * What an order's facts are made of, wherever it comes from: a whole order (orderFacts), or a
 * mirror row read straight into them (load.ts), so both paths build the same facts.
 */
export interface OrderParts {
  key: string;
  /** `<source>:<sourceId>` (made here when not given). */
  stampKey?: string;
  storeId: string;
  sourceId: string;
  contentHash: string;
  source: string;
  number: string;
  /** When the sale happened: processed, else created (an ISO instant). */
  soldAt: string;
  currency: string;
  total: number;
  totalTax: number;
  cancelled: boolean;
  email: string | null;
  name: string | null;
  products: ProductLine[];
  discount: number;
  paid: number;
  refunded: number;
  shipping: number;
}

/**
 * A store line as a product line: the gross amount is quantity × unit price, before discounts.
 * The title only names a product without a SKU (a full run does not read the others').
 */
export const productLine = (sku: string | null, title: string, qty: number, unitPrice: number, lines?: ProductLines): ProductLine =>
  ProductLines.line(lines, sku, sku === null ? title : '', qty, unitPrice, unitPrice * qty);

export function makeOrderFacts(p: OrderParts, dates: LocalDates): OrderFacts {
  const date = dates.dateOf(p.soldAt);
  // One object literal per order (no spreads): 100,000 of them share one shape, which the engine reads fastest.
  const order: LeanOrder = { source: p.source, sourceId: p.sourceId, number: p.number, currency: p.currency, total: p.total, totalTax: p.totalTax, customer: { email: p.email, name: p.name } };
  return {
    input: { key: p.key, storeId: p.storeId, contentHash: p.contentHash },
    order,
    stampKey: p.stampKey ?? `${p.source}:${p.sourceId}`,
    date,
    day: dayNumber(date),
    email: p.email?.trim().toLowerCase() || null,
    name: normalName(p.name),
    products: p.products,
    paid: p.paid,
    refunded: p.refunded,
    shipping: p.shipping,
    discount: p.discount,
    cancelled: p.cancelled,
    shape: numberShape(p.number),
    claims: null,
  };
}

export function orderFacts(input: OrderInput, dates: LocalDates): OrderFacts {
  const o = input.order;
  let discount = 0;
  const products = o.lines.map((l) => {
    discount += l.discount;
    return productLine(l.sku, l.title, l.quantity, l.unitPrice);
  });
  return makeOrderFacts({
    key: input.key, storeId: input.storeId, sourceId: o.sourceId, contentHash: input.contentHash, source: o.source, number: o.number, soldAt: o.processedAt ?? o.createdAt,
    currency: o.currency, total: o.total, totalTax: o.totalTax, cancelled: o.cancelledAt !== null || o.financialStatus === 'voided',
    email: o.customer.email, name: o.customer.name, products, discount, paid: paidTotal(o), refunded: refundedTotal(o), shipping: shippingTotal(o),
  }, dates);
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

/** A document's lines split as comparison reads them: products, shipping, discount and rounding. */
export class DocLineSums {
  readonly products: ProductLine[] = [];
  shipping = 0;
  discount = 0;
  rounding = 0;

  constructor(private readonly items: ItemIndex, private readonly currency: string, private readonly lines?: ProductLines) {}

  add(detailType: string, itemId: string | null, description: string | null, qty: number | null, unitPrice: string | null, amount: number): void {
    if (detailType === 'DiscountLineDetail') this.discount += amount;
    else if (detailType === 'SalesItemLineDetail') {
      if (itemId !== null && this.items.shipping.has(itemId)) this.shipping += amount;
      else if (itemId !== null && this.items.rounding.has(itemId)) this.rounding += amount;
      else {
        const item = itemId === null ? undefined : this.items.items.get(itemId);
        this.products.push(ProductLines.line(this.lines, item?.sku ?? null, item?.name ?? description ?? '', qty ?? 0, unitMinor(unitPrice, this.currency), amount));
      }
    }
  }
}

/** Shared by every kept document: its lines live on as the facts' sums and products. */
const NO_LINES = Object.freeze([]) as unknown as DocLine[];

/**
 * A document without its lines, written out rather than spread so every kept document shares one
 * shape; `lines` is read only here, into `sums`.
 */
export function makeDocFacts(d: Omit<DocInput, 'lines'>, sums: DocLineSums): DocFacts {
  const input: DocInput = {
    key: d.key, type: d.type, id: d.id, syncToken: d.syncToken, docNumber: d.docNumber, txnDate: d.txnDate, customerId: d.customerId,
    currency: d.currency, total: d.total, balance: d.balance, totalTax: d.totalTax, stamp: d.stamp, voided: d.voided, lines: NO_LINES,
  };
  return {
    input, products: sums.products, shipping: sums.shipping, discount: sums.discount, rounding: sums.rounding,
    shape: d.docNumber === null ? null : numberShape(d.docNumber), day: dayNumber(d.txnDate), claim: null,
  };
}

export function docFacts(input: DocInput, items: ItemIndex): DocFacts {
  const sums = new DocLineSums(items, input.currency);
  for (const l of input.lines) sums.add(l.detailType, l.itemId, l.description, l.qty, l.unitPrice, l.amount);
  return makeDocFacts(input, sums);
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
