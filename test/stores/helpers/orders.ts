/**
 * Hand-made seed orders for the store connector tests, each amount worked out by hand so tests
 * can state exact minor units. Both the Shopify and the WooCommerce stand-ins serve SeedOrders.
 */
import type { SeedAddress, SeedOrder, SeedStore } from '../../../sandbox/seed/types';

/** The stand-ins' clock in these tests. */
export const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
export const daysAgo = (d: number, plusMs = 0): string => new Date(NOW - d * DAY + plusMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const address: SeedAddress = {
  firstName: 'Ada', lastName: 'Lovelace', company: null, address1: '1 Main St', address2: null,
  city: 'Austin', province: 'Texas', provinceCode: 'TX', zip: '78701', country: 'United States', countryCode: 'US', phone: null,
};

/** A paid USD order with one untaxed 10.00 line; `i` spreads ids, names and times (a minute apart). */
export function plainOrder(i: number, overrides: Partial<SeedOrder> = {}): SeedOrder {
  const id = String(7000 + i);
  const createdAt = daysAgo(30, i * 60_000);
  return {
    id,
    number: 2000 + i,
    name: `#${2000 + i}`,
    createdAt,
    updatedAt: createdAt,
    processedAt: createdAt,
    cancelledAt: null,
    cancelReason: null,
    currency: 'USD',
    presentmentCurrency: 'USD',
    presentmentRate: '1',
    customer: { id: '300', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: null },
    email: 'ada@example.com',
    billingAddress: address,
    shippingAddress: address,
    lines: [{
      id: `${id}1`, productId: '11', variantId: '21', sku: 'PLAIN-1', title: 'Plain mug', variantTitle: null,
      quantity: 1, unitPriceMinor: 1000, discountMinor: 0, taxLines: [], taxable: false, requiresShipping: true,
    }],
    shippingLines: [],
    discounts: [],
    subtotalMinor: 1000,
    totalDiscountsMinor: 0,
    totalShippingMinor: 0,
    totalTaxMinor: 0,
    totalMinor: 1000,
    taxesIncluded: false,
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    gateway: 'shopify_payments',
    transactions: [{ id: `${id}9`, kind: 'sale', status: 'success', gateway: 'shopify_payments', amountMinor: 1000, processedAt: createdAt }],
    refunds: [],
    test: false,
    tags: [],
    note: null,
    ...overrides,
  };
}

/**
 * EU-1001: USD shop, customer paid in EUR at 0.92. Lines 2 × 19.99 (A-1, 5.00 code discount
 * SAVE5, tax 2.88) and 1 × 12.30 (B-2, tax 1.01); shipping 5.99 taxed 0.49.
 * Total 39.98 − 5.00 + 12.30 + 5.99 + 3.89 + 0.49 = 57.65. Partial refund of one A-1:
 * 17.49 + 1.44 tax = 18.93.
 */
export const partialRefundOrder: SeedOrder = plainOrder(100, {
  id: '5001', number: 1001, name: 'EU-1001',
  createdAt: '2026-11-10T15:30:00Z', updatedAt: '2026-11-12T09:00:00Z', processedAt: '2026-11-10T15:30:00Z',
  presentmentCurrency: 'EUR', presentmentRate: '0.92',
  lines: [
    {
      id: '90011', productId: '11', variantId: '21', sku: 'A-1', title: 'Anchor print', variantTitle: 'Large',
      quantity: 2, unitPriceMinor: 1999, discountMinor: 500,
      taxLines: [{ title: 'TX State Tax', rate: '0.0825', amountMinor: 288 }], taxable: true, requiresShipping: true,
    },
    {
      id: '90012', productId: '12', variantId: '22', sku: 'B-2', title: 'Brass hook', variantTitle: null,
      quantity: 1, unitPriceMinor: 1230, discountMinor: 0,
      taxLines: [{ title: 'TX State Tax', rate: '0.0825', amountMinor: 101 }], taxable: true, requiresShipping: true,
    },
  ],
  shippingLines: [{ id: '80011', title: 'Standard', code: 'STANDARD', priceMinor: 599, discountMinor: 0, taxLines: [{ title: 'TX State Tax', rate: '0.0825', amountMinor: 49 }] }],
  discounts: [{ code: 'SAVE5', type: 'fixed_amount', amountMinor: 500 }],
  subtotalMinor: 4728,
  totalDiscountsMinor: 500,
  totalShippingMinor: 599,
  totalTaxMinor: 438,
  totalMinor: 5765,
  financialStatus: 'partially_refunded',
  transactions: [{ id: '60011', kind: 'sale', status: 'success', gateway: 'shopify_payments', amountMinor: 5765, processedAt: '2026-11-10T15:30:00Z' }],
  refunds: [{
    id: '70011', createdAt: '2026-11-12T09:00:00Z', note: 'one print damaged',
    lines: [{ lineId: '90011', quantity: 1, subtotalMinor: 1749, taxMinor: 144, restock: false }],
    shippingMinor: 0, shippingTaxMinor: 0, totalMinor: 1893,
    transactions: [{ id: '60012', kind: 'refund', status: 'success', gateway: 'shopify_payments', amountMinor: 1893, processedAt: '2026-11-12T09:00:00Z' }],
  }],
});

/** #1002: 25.00 + 7.50 shipping; only the shipping (7.50, no tax) was refunded. A test order. */
export const shippingRefundOrder: SeedOrder = plainOrder(101, {
  id: '5002', number: 1002, name: '#1002',
  createdAt: '2026-11-11T10:00:00Z', updatedAt: '2026-11-13T10:00:00Z', processedAt: '2026-11-11T10:00:00Z',
  lines: [{
    id: '90021', productId: '13', variantId: '23', sku: 'C-3', title: 'Canvas bag', variantTitle: null,
    quantity: 1, unitPriceMinor: 2500, discountMinor: 0, taxLines: [], taxable: false, requiresShipping: true,
  }],
  shippingLines: [{ id: '80021', title: 'Express', code: 'EXPRESS', priceMinor: 750, discountMinor: 0, taxLines: [] }],
  subtotalMinor: 2500,
  totalShippingMinor: 750,
  totalMinor: 3250,
  financialStatus: 'partially_refunded',
  test: true,
  transactions: [{ id: '60021', kind: 'sale', status: 'success', gateway: 'bogus', amountMinor: 3250, processedAt: '2026-11-11T10:00:00Z' }],
  refunds: [{
    id: '70021', createdAt: '2026-11-13T10:00:00Z', note: 'late delivery', lines: [],
    shippingMinor: 750, shippingTaxMinor: 0, totalMinor: 750,
    transactions: [{ id: '60022', kind: 'refund', status: 'success', gateway: 'bogus', amountMinor: 750, processedAt: '2026-11-13T10:00:00Z' }],
  }],
});

/** #1003: 90 days old, hidden from a token without read_all_orders. */
export const oldOrder: SeedOrder = plainOrder(102, {
  id: '5003', number: 1003, name: '#1003',
  createdAt: daysAgo(90), updatedAt: daysAgo(90), processedAt: daysAgo(90),
});

export function seedStore(orders: SeedOrder[]): SeedStore {
  return { domain: 'harbor-goods.myshopify.com', name: 'Harbor Goods', currency: 'USD', timeZone: 'America/Chicago', orders };
}
