/**
 * SeedOrder → the objects the GraphQL executor walks. Connection fields are methods taking the
 * field arguments (graphql-js calls a function-valued property with (args, context)), so nested
 * paging and the bulk-operation "no page limit" rule live in one place.
 */
import type { SeedAddress, SeedOrder, SeedRefund, SeedTaxLine, SeedTransaction } from '../seed/types';
import { paginateList, type PageArgs } from './connection';
import { shopifyDecimal, toPresentmentMinor } from './money';

export interface ExecContext {
  /** Inside a bulk operation: connections are unbounded and need no `first`. */
  bulk: boolean;
}

const gid = (type: string, id: string | number) => `gid://shopify/${type}/${id}`;

/** Numeric part of a seed id; seeds may use "1001" or "line-3", so non-numeric ids get a stable hash. */
export function numericId(id: string): number {
  if (/^\d+$/.test(id)) return Number(id);
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 2_147_483_647;
  return h;
}

export function moneyBagFor(order: SeedOrder) {
  return (minor: number) => ({
    shopMoney: { amount: shopifyDecimal(minor, order.currency), currencyCode: order.currency },
    presentmentMoney: {
      amount: shopifyDecimal(
        toPresentmentMinor(minor, order.currency, order.presentmentCurrency, order.presentmentRate),
        order.presentmentCurrency,
      ),
      currencyCode: order.presentmentCurrency,
    },
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Shopify archives (closes) an order once it is fully handled; cancelled orders are closed too. */
export function isClosed(order: SeedOrder): boolean {
  if (order.cancelledAt) return true;
  return order.fulfillmentStatus === 'fulfilled' && ['paid', 'partially_refunded', 'refunded'].includes(order.financialStatus);
}

export function refundTotals(order: SeedOrder) {
  const refunds = order.refunds;
  const lineSubtotal = sum(refunds.flatMap((r) => r.lines.map((l) => l.subtotalMinor)));
  const lineTax = sum(refunds.flatMap((r) => r.lines.map((l) => l.taxMinor)));
  const shipping = sum(refunds.map((r) => r.shippingMinor));
  const shippingTax = sum(refunds.map((r) => r.shippingTaxMinor));
  const total = sum(refunds.map((r) => r.totalMinor));
  return { lineSubtotal, lineTax, shipping, shippingTax, total };
}

export function currentTotalMinor(order: SeedOrder): number {
  return order.totalMinor - refundTotals(order).total;
}

function addressView(a: SeedAddress | null, id: string) {
  if (!a) return null;
  return {
    __typename: 'MailingAddress',
    id: gid('MailingAddress', `${numericId(id)}?model_name=Address`),
    firstName: a.firstName,
    lastName: a.lastName,
    name: `${a.firstName} ${a.lastName}`.trim(),
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
    country: a.country,
    countryCode: a.countryCode,
    countryCodeV2: a.countryCode,
    phone: a.phone,
  };
}

const KIND: Record<SeedTransaction['kind'], string> = {
  authorization: 'AUTHORIZATION', capture: 'CAPTURE', sale: 'SALE', refund: 'REFUND', void: 'VOID',
};

export function orderView(order: SeedOrder) {
  const bag = moneyBagFor(order);
  const refunded = refundTotals(order);
  const taxLineView = (t: SeedTaxLine) => ({
    title: t.title,
    rate: Number(t.rate),
    ratePercentage: Math.round(Number(t.rate) * 100 * 1e6) / 1e6,
    priceSet: bag(t.amountMinor),
    channelLiable: false,
  });
  const txView = (t: SeedTransaction) => ({
    __typename: 'OrderTransaction',
    id: gid('OrderTransaction', numericId(t.id)),
    kind: KIND[t.kind],
    status: t.status.toUpperCase(),
    gateway: t.gateway,
    formattedGateway: t.gateway.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    amountSet: bag(t.amountMinor),
    createdAt: t.processedAt,
    processedAt: t.processedAt,
    test: order.test,
    authorizationCode: null,
    errorCode: null,
  });

  const discountApps = order.discounts.map((d, index) => ({
    __typename: 'DiscountCodeApplication',
    allocationMethod: 'ACROSS',
    index,
    targetSelection: 'ALL',
    targetType: d.type === 'shipping' ? 'SHIPPING_LINE' : 'LINE_ITEM',
    value:
      d.type === 'percentage'
        ? { __typename: 'PricingPercentageValue', percentage: percentageOf(d.amountMinor, order) }
        : { __typename: 'MoneyV2', amount: shopifyDecimal(d.amountMinor, order.currency), currencyCode: order.currency },
    code: d.code,
  }));
  const lineDiscountApp = discountApps.find((d) => d.targetType === 'LINE_ITEM');
  const shippingDiscountApp = discountApps.find((d) => d.targetType === 'SHIPPING_LINE');

  const lineViews = order.lines.map((l) => {
    const refundedQty = sum(order.refunds.flatMap((r) => r.lines.filter((x) => x.lineId === l.id).map((x) => x.quantity)));
    const current = order.cancelledAt ? 0 : Math.max(0, l.quantity - refundedQty);
    const gross = l.unitPriceMinor * l.quantity;
    return {
      __typename: 'LineItem',
      id: gid('LineItem', numericId(l.id)),
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      title: l.title,
      sku: l.sku,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      currentQuantity: current,
      refundableQuantity: current,
      taxable: l.taxable,
      requiresShipping: l.requiresShipping,
      isGiftCard: false,
      originalUnitPriceSet: bag(l.unitPriceMinor),
      originalTotalSet: bag(gross),
      // The seed's discounts come from order-level codes; Shopify's discounted* fields cover only
      // line-level discounts, so they equal the original price here.
      discountedUnitPriceSet: bag(l.unitPriceMinor),
      discountedTotalSet: bag(gross),
      discountedUnitPriceAfterAllDiscountsSet: bag(l.quantity ? Math.round((gross - l.discountMinor) / l.quantity) : 0),
      totalDiscountSet: bag(l.discountMinor),
      discountAllocations:
        l.discountMinor > 0 && lineDiscountApp ? [{ allocatedAmountSet: bag(l.discountMinor), discountApplication: lineDiscountApp }] : [],
      taxLines: () => l.taxLines.map(taxLineView),
      variant: { __typename: 'ProductVariant', id: gid('ProductVariant', numericId(l.variantId)), legacyResourceId: String(numericId(l.variantId)), sku: l.sku, title: l.variantTitle ?? 'Default Title' },
      product: { __typename: 'Product', id: gid('Product', numericId(l.productId)), legacyResourceId: String(numericId(l.productId)), title: l.title },
    };
  });
  const lineById = new Map(order.lines.map((l, i) => [l.id, lineViews[i]!]));

  const shippingViews = order.shippingLines.map((s) => ({
    __typename: 'ShippingLine',
    id: gid('ShippingLine', numericId(s.id)),
    title: s.title,
    code: s.code,
    source: 'shopify',
    originalPriceSet: bag(s.priceMinor),
    discountedPriceSet: bag(s.priceMinor - s.discountMinor),
    currentDiscountedPriceSet: bag(s.priceMinor - s.discountMinor),
    taxLines: s.taxLines.map(taxLineView),
    discountAllocations:
      s.discountMinor > 0 && shippingDiscountApp ? [{ allocatedAmountSet: bag(s.discountMinor), discountApplication: shippingDiscountApp }] : [],
  }));

  const refundView = (r: SeedRefund) => ({
    __typename: 'Refund',
    id: gid('Refund', numericId(r.id)),
    legacyResourceId: String(numericId(r.id)),
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
    note: r.note,
    totalRefundedSet: bag(r.totalMinor),
    refundLineItems: (args: PageArgs, ctx: ExecContext) =>
      paginateList(
        r.lines.map((x) => ({
          id: gid('RefundLineItem', numericId(`${r.id}:${x.lineId}`)),
          lineItem: lineById.get(x.lineId),
          quantity: x.quantity,
          priceSet: bag(order.lines.find((l) => l.id === x.lineId)?.unitPriceMinor ?? 0),
          subtotalSet: bag(x.subtotalMinor),
          totalTaxSet: bag(x.taxMinor),
          restocked: x.restock,
          restockType: x.restock ? 'RETURN' : 'NO_RESTOCK',
        })),
        args,
        ctx.bulk,
      ),
    refundShippingLines: (args: PageArgs, ctx: ExecContext) =>
      paginateList(
        r.shippingMinor > 0 || r.shippingTaxMinor > 0
          ? [{
              __typename: 'RefundShippingLine',
              id: gid('RefundShippingLine', numericId(`${r.id}:shipping`)),
              shippingLine: shippingViews[0] ?? null,
              subtotalAmountSet: bag(r.shippingMinor),
              taxAmountSet: bag(r.shippingTaxMinor),
            }]
          : [],
        args,
        ctx.bulk,
      ),
    transactions: (args: PageArgs, ctx: ExecContext) => paginateList(r.transactions.map(txView), args, ctx.bulk),
  });

  // Order.transactions lists refund transactions too; a seed may already carry them on the order.
  const allTransactions = [...new Map([...order.transactions, ...order.refunds.flatMap((r) => r.transactions)].map((t) => [t.id, t])).values()];
  const succeeded = (kinds: SeedTransaction['kind'][]) =>
    sum(allTransactions.filter((t) => t.status === 'success' && kinds.includes(t.kind)).map((t) => t.amountMinor));
  const received = succeeded(['sale', 'capture']);
  const refundedMoney = succeeded(['refund']);
  const capturable = order.financialStatus === 'authorized' ? Math.max(0, succeeded(['authorization']) - succeeded(['capture', 'void'])) : 0;
  const currentTotal = order.totalMinor - refunded.total;
  const taxTitles = new Map<string, { t: SeedTaxLine; amount: number }>();
  for (const t of [...order.lines.flatMap((l) => l.taxLines), ...order.shippingLines.flatMap((s) => s.taxLines)]) {
    const entry = taxTitles.get(`${t.title}|${t.rate}`);
    if (entry) entry.amount += t.amountMinor;
    else taxTitles.set(`${t.title}|${t.rate}`, { t, amount: t.amountMinor });
  }
  const orderTaxLines = [...taxTitles.values()].map(({ t, amount }) => taxLineView({ ...t, amountMinor: amount }));
  const closed = isClosed(order);

  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: order.id,
    name: order.name,
    confirmationNumber: null,
    email: order.email,
    phone: order.customer?.phone ?? null,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason ? order.cancelReason.toUpperCase() : null,
    closed,
    closedAt: closed ? order.cancelledAt ?? order.updatedAt : null,
    test: order.test,
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentmentCurrency,
    taxesIncluded: order.taxesIncluded,
    displayFinancialStatus: order.financialStatus.toUpperCase(),
    displayFulfillmentStatus:
      order.fulfillmentStatus === 'fulfilled' ? 'FULFILLED' : order.fulfillmentStatus === 'partial' ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED',
    subtotalPriceSet: bag(order.subtotalMinor),
    totalPriceSet: bag(order.totalMinor),
    totalTaxSet: bag(order.totalTaxMinor),
    totalShippingPriceSet: bag(order.totalShippingMinor),
    totalDiscountsSet: bag(order.totalDiscountsMinor),
    totalRefundedSet: bag(refunded.total),
    totalRefundedShippingSet: bag(refunded.shipping),
    totalReceivedSet: bag(received),
    netPaymentSet: bag(received - refundedMoney),
    totalOutstandingSet: bag(Math.max(0, currentTotal - (received - refundedMoney))),
    totalCapturableSet: bag(capturable),
    originalTotalPriceSet: bag(order.totalMinor),
    currentTotalPriceSet: bag(currentTotal),
    currentSubtotalPriceSet: bag(order.subtotalMinor - refunded.lineSubtotal),
    currentTotalTaxSet: bag(order.totalTaxMinor - refunded.lineTax - refunded.shippingTax),
    currentTotalDiscountsSet: bag(order.totalDiscountsMinor),
    currentShippingPriceSet: bag(order.totalShippingMinor - refunded.shipping),
    customer: order.customer
      ? {
          __typename: 'Customer',
          id: gid('Customer', numericId(order.customer.id)),
          legacyResourceId: String(numericId(order.customer.id)),
          email: order.customer.email,
          firstName: order.customer.firstName,
          lastName: order.customer.lastName,
          displayName: `${order.customer.firstName} ${order.customer.lastName}`.trim(),
          phone: order.customer.phone,
        }
      : null,
    billingAddress: addressView(order.billingAddress, `${order.id}1`),
    shippingAddress: addressView(order.shippingAddress, `${order.id}2`),
    lineItems: (args: PageArgs, ctx: ExecContext) => paginateList(lineViews, args, ctx.bulk),
    shippingLines: (args: PageArgs, ctx: ExecContext) => paginateList(shippingViews, args, ctx.bulk),
    taxLines: (args: { first?: number | null }) => orderTaxLines.slice(0, args.first ?? undefined),
    currentTaxLines: orderTaxLines,
    discountCode: order.discounts[0]?.code ?? null,
    discountCodes: order.discounts.map((d) => d.code),
    discountApplications: (args: PageArgs, ctx: ExecContext) => paginateList(discountApps, args, ctx.bulk),
    transactions: (args: { first?: number | null }) => allTransactions.map(txView).slice(0, args.first ?? undefined),
    refunds: (args: { first?: number | null }) => order.refunds.map(refundView).slice(0, args.first ?? undefined),
    paymentGatewayNames: [...new Set(order.transactions.map((t) => t.gateway))],
    tags: order.tags,
    note: order.note,
    poNumber: null,
    sourceIdentifier: null,
  };
}

function percentageOf(amountMinor: number, order: SeedOrder): number {
  const gross = sum(order.lines.map((l) => l.unitPriceMinor * l.quantity));
  return gross === 0 ? 0 : Math.round((amountMinor / gross) * 10_000) / 100;
}
