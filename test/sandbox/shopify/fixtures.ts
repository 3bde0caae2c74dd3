/**
 * Small hand-made SeedOrders for the store stand-in tests (the Shopify and WooCommerce tests both
 * use them): every amount below is worked out by hand so the tests can state exact strings.
 */
import type { SeedOrder, SeedStore } from '../../../sandbox/seed/types';
import { daysAgo, plainOrder, partialRefundOrder as storePartialRefund } from '../../stores/helpers/orders';

export { NOW, daysAgo } from '../../stores/helpers/orders';

/**
 * #1001: the store tests' partial refund (EU-1001: USD shop, paid in EUR at 0.92, 57.65 with 18.93
 * refunded; the arithmetic is there) under Shopify's default name, fulfilled, with its own
 * discount code, refund id and note, the refunded print restocked, and a tag.
 */
export const partialRefundOrder: SeedOrder = {
  ...storePartialRefund,
  name: '#1001',
  discounts: [{ code: 'WELCOME5', type: 'fixed_amount', amountMinor: 500 }],
  fulfillmentStatus: 'fulfilled',
  refunds: [{ ...storePartialRefund.refunds[0]!, id: '40011', note: 'Damaged in transit', lines: [{ ...storePartialRefund.refunds[0]!.lines[0]!, restock: true }] }],
  tags: ['wholesale'],
};

/** #1002: shipping-only refund of 7.50 + 0.62 tax on an order of 30.00 + 7.50 shipping + 0.62 tax. */
export const shippingRefundOrder: SeedOrder = plainOrder(1, {
  id: '5002', number: 1002, name: '#1002',
  createdAt: '2026-11-15T08:00:00Z', updatedAt: '2026-11-16T10:00:00Z', processedAt: '2026-11-15T08:00:00Z',
  lines: [{
    id: '90021', productId: '13', variantId: '23', sku: 'C-3', title: 'Canvas tote', variantTitle: null,
    quantity: 3, unitPriceMinor: 1000, discountMinor: 0, taxLines: [], taxable: false, requiresShipping: true,
  }],
  shippingLines: [{ id: '80021', title: 'Express', code: 'EXPRESS', priceMinor: 750, discountMinor: 0, taxLines: [{ title: 'TX State Tax', rate: '0.0825', amountMinor: 62 }] }],
  subtotalMinor: 3000, totalShippingMinor: 750, totalTaxMinor: 62, totalMinor: 3812,
  financialStatus: 'partially_refunded', fulfillmentStatus: 'unfulfilled',
  transactions: [{ id: '60021', kind: 'sale', status: 'success', gateway: 'shopify_payments', amountMinor: 3812, processedAt: '2026-11-15T08:00:00Z' }],
  refunds: [{
    id: '40021', createdAt: '2026-11-16T10:00:00Z', note: null, lines: [], shippingMinor: 750, shippingTaxMinor: 62, totalMinor: 812,
    transactions: [{ id: '60022', kind: 'refund', status: 'success', gateway: 'shopify_payments', amountMinor: 812, processedAt: '2026-11-16T10:00:00Z' }],
  }],
});

/** #1003: 90 days old, so hidden without read_all_orders. */
export const oldOrder: SeedOrder = plainOrder(2, {
  id: '5003', number: 1003, name: '#1003', createdAt: daysAgo(90), updatedAt: daysAgo(89), processedAt: daysAgo(90),
});

/** #1004: cancelled before payment, a test order. */
export const cancelledTestOrder: SeedOrder = plainOrder(3, {
  id: '5004', number: 1004, name: '#1004', createdAt: '2026-11-18T20:00:00Z', updatedAt: '2026-11-19T07:00:00Z', processedAt: '2026-11-18T20:00:00Z',
  cancelledAt: '2026-11-19T07:00:00Z', cancelReason: 'customer', financialStatus: 'voided', fulfillmentStatus: null, test: true,
  transactions: [],
});

/** #1005: pending (unpaid, e.g. bank transfer), customer paid in JPY at 151.5. */
export const pendingJpyPresentmentOrder: SeedOrder = plainOrder(4, {
  id: '5005', number: 1005, name: '#1005', createdAt: '2026-11-19T23:30:00Z', updatedAt: '2026-11-19T23:30:00Z', processedAt: '2026-11-19T23:30:00Z',
  presentmentCurrency: 'JPY', presentmentRate: '151.5',
  lines: [{
    id: '90051', productId: '14', variantId: '24', sku: 'D-4', title: 'Driftwood frame', variantTitle: null,
    quantity: 1, unitPriceMinor: 1299, discountMinor: 0, taxLines: [], taxable: false, requiresShipping: true,
  }],
  subtotalMinor: 1299, totalMinor: 1299, financialStatus: 'pending', fulfillmentStatus: 'unfulfilled', gateway: 'bank_deposit',
  transactions: [],
});

export function harborStore(extra: SeedOrder[] = []): SeedStore {
  return {
    domain: 'harbor-goods.myshopify.com',
    name: 'Harbor Goods',
    currency: 'USD',
    timeZone: 'America/Chicago',
    orders: [partialRefundOrder, shippingRefundOrder, oldOrder, cancelledTestOrder, pendingJpyPresentmentOrder, ...extra],
  };
}

/** A JPY shop: ¥1,200 × 2 + ¥600 shipping + ¥300 tax (10%) = ¥3,300. */
export function tokyoStore(): SeedStore {
  const order = plainOrder(0, {
    id: '8001', number: 1, name: 'JP-1', createdAt: daysAgo(3), updatedAt: daysAgo(3), processedAt: daysAgo(3),
    currency: 'JPY', presentmentCurrency: 'JPY', presentmentRate: '1',
    lines: [{
      id: '98011', productId: '31', variantId: '41', sku: 'TEA-1', title: 'Sencha', variantTitle: null,
      quantity: 2, unitPriceMinor: 1200, discountMinor: 0, taxLines: [{ title: '消費税', rate: '0.1', amountMinor: 240 }], taxable: true, requiresShipping: true,
    }],
    shippingLines: [{ id: '88011', title: 'Yamato', code: 'YAMATO', priceMinor: 600, discountMinor: 0, taxLines: [{ title: '消費税', rate: '0.1', amountMinor: 60 }] }],
    subtotalMinor: 2400, totalShippingMinor: 600, totalTaxMinor: 300, totalMinor: 3300,
    transactions: [{ id: '68011', kind: 'sale', status: 'success', gateway: 'shopify_payments', amountMinor: 3300, processedAt: daysAgo(3) }],
  });
  return { domain: 'tokyo-tea.myshopify.com', name: 'Tokyo Tea', currency: 'JPY', timeZone: 'Asia/Tokyo', orders: [order] };
}
