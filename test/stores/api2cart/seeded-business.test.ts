/**
 * The seeded business pulled through each API2Cart flavour agrees field by field with the seed.
 * What a platform does not carry is stated per field below (NOT_CARRIED) and checked as such, so
 * a connector that starts inventing values fails just as one that loses them.
 */
import { describe, expect, it } from 'vitest';
import { loadOrder, countOrders } from '../../../main/mirror/store-orders';
import type { StoreOrder } from '../../../main/orders/store-order';
import { pullStore } from '../../../main/stores/pull-store';
import { FLAVOURS, type Api2CartFlavour } from '../../../sandbox/api2cart/flavours';
import { demoBusiness } from '../../../sandbox/seed/index';
import type { FinancialStatus, SeedAddress, SeedOrder } from '../../../sandbox/seed/types';
import { companyDb, startApi2Cart } from './harness';

/** Fields API2Cart (or the platform behind it) does not carry, and what the order holds instead. */
const NOT_CARRIED = {
  all: {
    processedAt: 'null — API2Cart has no processed-at',
    presentment: 'presentmentCurrency = currency, presentmentAmounts null — no presentment amounts',
    taxLines: '[] — only a tax total and per-line tax, no named tax lines',
    shippingTax: 'shipping line tax null — shipping tax is inside totals.tax',
    transactions: '[] — no payment transactions, only total_paid',
    test: 'false — no test flag',
    number: "order_id, the platform's own number, not the Shopify-style name (#1001)",
  },
  ebay: {
    email: 'null — eBay sends an empty email',
    cancelledAt: 'null — no status history, so no cancellation time',
    authorized: "'pending' — eBay's Active covers unpaid and authorized alike",
  },
  etsy: {},
  magento: {},
} as const;

const sec = (iso: string | null) => (iso === null ? null : new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString());

function expectedAddress(a: SeedAddress | null) {
  if (!a) return null;
  return {
    name: `${a.firstName} ${a.lastName}`,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.provinceCode ?? a.province,
    zip: a.zip,
    country: a.countryCode,
    phone: a.phone,
  };
}

const lacks = (flavour: Api2CartFlavour, field: string) => field in NOT_CARRIED[flavour];

function expectedStatus(s: SeedOrder, flavour: Api2CartFlavour): FinancialStatus {
  if (lacks(flavour, 'authorized') && s.financialStatus === 'authorized') return 'pending';
  return s.financialStatus;
}

function expectedOrder(s: SeedOrder, flavour: Api2CartFlavour): StoreOrder {
  const profile = FLAVOURS[flavour];
  const id = profile.orderId(s);
  const shippingDiscount = s.shippingLines.reduce((t, l) => t + l.discountMinor, 0);
  return {
    source: 'api2cart',
    sourceId: id,
    number: id,
    createdAt: sec(s.createdAt)!,
    updatedAt: sec(s.updatedAt)!,
    processedAt: null,
    currency: s.currency,
    presentmentCurrency: s.currency,
    presentmentAmounts: null,
    customer: {
      email: lacks(flavour, 'email') ? null : (s.customer?.email ?? s.email),
      name: s.customer ? `${s.customer.firstName} ${s.customer.lastName}` : s.billingAddress ? `${s.billingAddress.firstName} ${s.billingAddress.lastName}` : null,
      phone: s.customer?.phone ?? s.billingAddress?.phone ?? null,
      billingAddress: expectedAddress(s.billingAddress),
      shippingAddress: expectedAddress(s.shippingAddress),
    },
    lines: s.lines.map((l) => ({
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPrice: l.unitPriceMinor,
      discount: l.discountMinor,
      tax: l.taxLines.reduce((t, x) => t + x.amountMinor, 0),
      total: l.unitPriceMinor * l.quantity - l.discountMinor,
    })),
    shippingLines: s.shippingLines.map((l) => ({
      title: l.title,
      // What was charged: Magento/eBay send shipping before discounts and a shipping-type
      // discount, Etsy sends it net; both read as the net amount.
      amount: s.totalShippingMinor - shippingDiscount,
      tax: null,
    })),
    discounts: s.discounts.map((d) => ({ code: d.code, amount: d.amountMinor })),
    taxLines: [],
    totalTax: s.totalTaxMinor,
    total: s.totalMinor,
    financialStatus: expectedStatus(s, flavour),
    cancelledAt: lacks(flavour, 'cancelledAt') ? null : sec(s.cancelledAt),
    refunds: s.refunds.map((r) => ({
      id: r.id,
      createdAt: sec(r.createdAt),
      amount: r.totalMinor,
      tax: r.lines.reduce((t, l) => t + l.taxMinor, 0) + r.shippingTaxMinor,
      shipping: r.shippingMinor,
      lines: r.lines.map((rl) => {
        const line = s.lines.find((l) => l.id === rl.lineId)!;
        return { sku: line.sku, title: line.title, quantity: rl.quantity, amount: rl.subtotalMinor };
      }),
    })),
    transactions: [],
    test: false,
  };
}

describe('the seeded business through API2Cart', () => {
  for (const flavour of ['magento', 'ebay', 'etsy'] as const) {
    it(`agrees field by field with the seed as ${flavour} (${FLAVOURS[flavour].cartId})`, async () => {
      const business = demoBusiness();
      const h = await startApi2Cart(business.store);
      const db = companyDb();
      const connector = h.connector(flavour, { pageSize: 25 });
      const info = await connector.verify();
      expect(info.currency).toBe('USD');
      expect(info.timeZone).toBe(FLAVOURS[flavour].timezone);
      const result = await pullStore(db, `api2cart-${flavour}`, connector);
      expect(result.added).toBe(business.store.orders.length);
      expect(countOrders(db, `api2cart-${flavour}`)).toBe(business.store.orders.length);
      expect(h.problems.filter((p) => p.severity === 'held')).toEqual([]);
      // Only eBay's missing cancellation times are worth a warning; totals always add up.
      expect(h.problems.filter((p) => !/does not say when it was cancelled/.test(p.message))).toEqual([]);
      for (const seedOrder of business.store.orders) {
        const stored = loadOrder(db, `api2cart-${flavour}`, FLAVOURS[flavour].orderId(seedOrder));
        expect(stored, `${seedOrder.name} as ${flavour}`).toEqual(expectedOrder(seedOrder, flavour));
      }
    });
  }

  it('covers every financial status the seed uses, and reads them per platform', () => {
    const statuses = new Set(demoBusiness().store.orders.map((o) => o.financialStatus));
    expect([...statuses].sort()).toEqual(['authorized', 'paid', 'partially_paid', 'partially_refunded', 'pending', 'refunded', 'voided']);
  });
});
