/** fast-check arbitraries for normalised store orders (shared by the orders and mirror tests). */
import fc from 'fast-check';
import type { Address, StoreOrder } from '../../main/orders/store-order';

const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const text = fc.option(fc.string({ maxLength: 20 }), { nil: null });
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'GBP', 'CLP');

const address: fc.Arbitrary<Address> = fc.record({
  name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  zip: text,
  country: text,
  phone: text,
});

export const arbitraryOrder: fc.Arbitrary<StoreOrder> = fc.record({
  source: fc.constantFrom('shopify', 'woocommerce', 'csv', 'api2cart'),
  sourceId: fc.string({ minLength: 1, maxLength: 24 }),
  number: fc.string({ minLength: 1, maxLength: 12 }),
  createdAt: instant,
  updatedAt: instant,
  processedAt: fc.option(instant, { nil: null }),
  currency,
  presentmentCurrency: currency,
  presentmentAmounts: fc.option(fc.record({ total: amount, totalTax: fc.option(amount, { nil: null }), shipping: fc.option(amount, { nil: null }), discounts: fc.option(amount, { nil: null }) }), { nil: null }),
  customer: fc.record({ email: text, name: text, phone: text, billingAddress: fc.option(address, { nil: null }), shippingAddress: fc.option(address, { nil: null }) }),
  lines: fc.array(
    fc.record({ sku: text, title: fc.string({ maxLength: 30 }), quantity: fc.nat(1000), unitPrice: amount, discount: amount, tax: fc.option(amount, { nil: null }), total: amount }),
    { maxLength: 5 },
  ),
  shippingLines: fc.array(fc.record({ title: text, amount, tax: fc.option(amount, { nil: null }) }), { maxLength: 2 }),
  discounts: fc.array(fc.record({ code: text, amount }), { maxLength: 2 }),
  taxLines: fc.array(fc.record({ title: fc.string({ maxLength: 12 }), amount }), { maxLength: 3 }),
  totalTax: amount,
  total: amount,
  financialStatus: fc.constantFrom('pending', 'authorized', 'paid', 'partially_paid', 'partially_refunded', 'refunded', 'voided'),
  cancelledAt: fc.option(instant, { nil: null }),
  refunds: fc.array(
    fc.record({
      id: text,
      createdAt: fc.option(instant, { nil: null }),
      amount,
      tax: fc.option(amount, { nil: null }),
      shipping: fc.option(amount, { nil: null }),
      lines: fc.array(fc.record({ sku: text, title: text, quantity: fc.nat(100), amount }), { maxLength: 2 }),
    }),
    { maxLength: 2 },
  ),
  transactions: fc.array(fc.record({ kind: fc.constantFrom('sale', 'capture', 'refund'), gateway: text, amount, createdAt: instant, reference: text }), { maxLength: 3 }),
  test: fc.boolean(),
});
