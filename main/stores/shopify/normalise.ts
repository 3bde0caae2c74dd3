/**
 * A Shopify Admin GraphQL order → the normalised StoreOrder. The books use shop money
 * (`shopMoney`); the customer's currency is kept in presentmentAmounts when it differs. Totals are
 * the original ones (Shopify's totalPriceSet is before refunds); refunds are their own records.
 * `name` is the display number as the merchant configured it (`EU-1001`), never rebuilt.
 */
import { parseDecimal, sumMinor, multiplyMinor } from '../../orders/money';
import { parseInstant } from '../../orders/instant';
import type { Address, FinancialStatus, OrderDiscount, OrderLine, Refund, StoreOrder, Transaction } from '../../orders/store-order';

export interface MoneyV2 { amount: string; currencyCode?: string }
export interface MoneyBag { shopMoney: MoneyV2; presentmentMoney?: MoneyV2 }
interface Edges<T> { edges?: Array<{ node: T }>; nodes?: T[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } }
interface TaxLineJson { title: string; priceSet: MoneyBag }
interface AllocationJson { allocatedAmountSet: MoneyBag; discountApplication?: { index?: number; code?: string } | null }
export interface LineItemJson { id?: string; sku: string | null; title: string; name?: string; quantity: number; originalUnitPriceSet: MoneyBag; discountAllocations?: AllocationJson[]; taxLines?: TaxLineJson[] }
export interface ShippingLineJson { id?: string | null; title: string; originalPriceSet: MoneyBag; discountAllocations?: AllocationJson[]; taxLines?: TaxLineJson[] }
export interface RefundJson {
  id: string;
  legacyResourceId?: string;
  createdAt: string | null;
  totalRefundedSet: MoneyBag;
  refundLineItems?: Edges<{ quantity: number; lineItem: { sku: string | null; title: string } | null; subtotalSet: MoneyBag; totalTaxSet: MoneyBag }>;
  refundShippingLines?: Edges<{ subtotalAmountSet: MoneyBag; taxAmountSet: MoneyBag }>;
}
interface AddressJson { name?: string | null; company?: string | null; address1?: string | null; address2?: string | null; city?: string | null; province?: string | null; provinceCode?: string | null; zip?: string | null; country?: string | null; countryCodeV2?: string | null; phone?: string | null }
export interface OrderJson {
  id: string;
  legacyResourceId?: string;
  name: string;
  email: string | null;
  phone?: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string | null;
  cancelledAt: string | null;
  test: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  displayFinancialStatus: string | null;
  discountCodes?: string[];
  totalPriceSet: MoneyBag;
  totalTaxSet: MoneyBag | null;
  totalShippingPriceSet: MoneyBag;
  totalDiscountsSet: MoneyBag | null;
  customer: { email: string | null; displayName: string | null; phone: string | null } | null;
  billingAddress: AddressJson | null;
  shippingAddress: AddressJson | null;
  taxLines: TaxLineJson[];
  transactions: Array<{ id: string; kind: string; status: string; gateway: string | null; createdAt: string; processedAt: string | null; amountSet: MoneyBag }>;
  lineItems: Edges<LineItemJson>;
  shippingLines: Edges<ShippingLineJson>;
  refunds: RefundJson[];
}

export function nodesOf<T>(connection: Edges<T> | undefined | null): T[] {
  if (!connection) return [];
  return connection.nodes ?? connection.edges?.map((e) => e.node) ?? [];
}

/** Numeric part of a gid (`gid://shopify/Order/450789469` → `450789469`). */
export function legacyId(gid: string): string {
  return /\/(\d+)(?:\?.*)?$/.exec(gid)?.[1] ?? gid;
}

const FINANCIAL: Record<string, FinancialStatus> = {
  PENDING: 'pending',
  AUTHORIZED: 'authorized',
  PAID: 'paid',
  PARTIALLY_PAID: 'partially_paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  REFUNDED: 'refunded',
  VOIDED: 'voided',
  // An authorization that lapsed took no money: for the books that is a void.
  EXPIRED: 'voided',
};

const TX_KIND: Record<string, Transaction['kind']> = { SALE: 'sale', CAPTURE: 'capture', REFUND: 'refund' };

const blank = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v);

function address(a: AddressJson | null): Address | null {
  if (!a) return null;
  return {
    name: blank(a.name),
    company: blank(a.company),
    address1: blank(a.address1),
    address2: blank(a.address2),
    city: blank(a.city),
    // Codes, as Shopify's order export and WooCommerce write them, so every source compares.
    province: blank(a.provinceCode) ?? blank(a.province),
    zip: blank(a.zip),
    country: blank(a.countryCodeV2) ?? blank(a.country),
    phone: blank(a.phone),
  };
}

export function normaliseShopifyOrder(o: OrderJson): StoreOrder {
  const currency = o.currencyCode;
  const presentment = o.presentmentCurrencyCode;
  const shop = (bag: MoneyBag | null | undefined): number => (bag ? parseDecimal(bag.shopMoney.amount, currency) : 0);
  const shopOrNull = (bag: MoneyBag | null | undefined): number | null => (bag ? parseDecimal(bag.shopMoney.amount, currency) : null);
  const shown = (bag: MoneyBag | null | undefined): number | null =>
    bag?.presentmentMoney ? parseDecimal(bag.presentmentMoney.amount, presentment) : null;
  const taxOf = (lines: TaxLineJson[] | undefined) => sumMinor((lines ?? []).map((t) => shop(t.priceSet)));

  const discountByApplication = new Map<string, { code: string | null; amount: number }>();
  const allocate = (allocs: AllocationJson[] | undefined): number => {
    let total = 0;
    for (const a of allocs ?? []) {
      const amount = shop(a.allocatedAmountSet);
      total += amount;
      const key = String(a.discountApplication?.index ?? 'none');
      const entry = discountByApplication.get(key) ?? { code: a.discountApplication?.code ?? null, amount: 0 };
      entry.amount += amount;
      discountByApplication.set(key, entry);
    }
    return total;
  };

  const lines: OrderLine[] = nodesOf(o.lineItems).map((l) => {
    const unitPrice = shop(l.originalUnitPriceSet);
    const discount = allocate(l.discountAllocations);
    return {
      sku: blank(l.sku),
      title: l.title,
      quantity: l.quantity,
      unitPrice,
      discount,
      tax: taxOf(l.taxLines),
      total: multiplyMinor(unitPrice, l.quantity) - discount,
    };
  });
  // What the customer paid for shipping (a free-shipping code brings it to 0, as in WooCommerce);
  // the code and its amount stay in `discounts`.
  const shippingLines = nodesOf(o.shippingLines).map((s) => {
    const discount = allocate(s.discountAllocations);
    return { title: blank(s.title), amount: shop(s.originalPriceSet) - discount, tax: taxOf(s.taxLines) };
  });

  const totalDiscounts = shop(o.totalDiscountsSet);
  const discounts: OrderDiscount[] = [...discountByApplication.values()].filter((d) => d.amount !== 0 || d.code !== null);
  // A code that took nothing off (free shipping on an order that shipped free) is still the code the customer used.
  for (const code of o.discountCodes ?? []) if (!discounts.some((d) => d.code === code)) discounts.push({ code, amount: 0 });
  if (totalDiscounts !== 0 && sumMinor(discounts.map((d) => d.amount)) === 0) {
    // Discounts without allocations to read: the order's total is all there is.
    if (discounts.length === 1) discounts[0]!.amount = totalDiscounts;
    else discounts.push({ code: null, amount: totalDiscounts });
  }

  const refunds: Refund[] = o.refunds.map((r) => {
    const refundLines = nodesOf(r.refundLineItems);
    const refundShipping = nodesOf(r.refundShippingLines);
    const detailed = r.refundLineItems !== undefined;
    return {
      id: r.legacyResourceId ?? legacyId(r.id),
      createdAt: r.createdAt ? parseInstant(r.createdAt) : null,
      amount: shop(r.totalRefundedSet),
      tax: detailed ? sumMinor([...refundLines.map((x) => shop(x.totalTaxSet)), ...refundShipping.map((x) => shop(x.taxAmountSet))]) : null,
      shipping: detailed ? sumMinor(refundShipping.map((x) => shop(x.subtotalAmountSet))) : null,
      lines: refundLines.map((x) => ({ sku: blank(x.lineItem?.sku), title: x.lineItem?.title ?? null, quantity: x.quantity, amount: shop(x.subtotalSet) })),
    };
  });

  const transactions: Transaction[] = o.transactions
    .filter((t) => t.status === 'SUCCESS' && TX_KIND[t.kind] !== undefined)
    .map((t) => ({
      kind: TX_KIND[t.kind]!,
      gateway: blank(t.gateway),
      amount: shop(t.amountSet),
      createdAt: parseInstant(t.processedAt ?? t.createdAt),
      reference: legacyId(t.id),
    }));

  const billing = address(o.billingAddress);
  return {
    source: 'shopify',
    sourceId: o.legacyResourceId ?? legacyId(o.id),
    number: o.name,
    createdAt: parseInstant(o.createdAt),
    updatedAt: parseInstant(o.updatedAt),
    processedAt: o.processedAt ? parseInstant(o.processedAt) : null,
    currency,
    presentmentCurrency: presentment,
    presentmentAmounts:
      presentment === currency
        ? null
        : {
            total: shown(o.totalPriceSet) ?? 0,
            totalTax: shown(o.totalTaxSet),
            shipping: shown(o.totalShippingPriceSet),
            discounts: shown(o.totalDiscountsSet),
          },
    customer: {
      email: blank(o.email) ?? blank(o.customer?.email),
      name: blank(o.customer?.displayName) ?? billing?.name ?? null,
      phone: blank(o.customer?.phone) ?? blank(o.phone) ?? billing?.phone ?? null,
      billingAddress: billing,
      shippingAddress: address(o.shippingAddress),
    },
    lines,
    shippingLines,
    discounts,
    taxLines: o.taxLines.map((t) => ({ title: t.title, amount: shop(t.priceSet) })),
    totalTax: shopOrNull(o.totalTaxSet) ?? 0,
    total: shop(o.totalPriceSet),
    financialStatus: FINANCIAL[o.displayFinancialStatus ?? 'PENDING'] ?? 'pending',
    cancelledAt: o.cancelledAt ? parseInstant(o.cancelledAt) : null,
    refunds,
    transactions,
    test: o.test,
  };
}

/** Connections of an order that hold more than the page asked for (their rest must be read). */
export function truncatedParts(o: OrderJson): { lines: boolean; other: boolean } {
  return {
    lines: o.lineItems.pageInfo?.hasNextPage === true,
    other: o.shippingLines.pageInfo?.hasNextPage === true || o.refunds.some((r) => r.refundLineItems?.pageInfo?.hasNextPage === true || r.refundShippingLines?.pageInfo?.hasNextPage === true),
  };
}
