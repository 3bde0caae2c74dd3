/**
 * Any order Shopify can send normalises to a valid StoreOrder that the mirror stores and gives
 * back unchanged, with shop money exact to the minor unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOrder, upsertOrders } from '../../../main/mirror/store-orders';
import { formatMinor } from '../../../main/orders/money';
import { storeOrderSchema } from '../../../main/orders/store-order';
import { normaliseShopifyOrder, type MoneyBag, type OrderJson } from '../../../main/stores/shopify/normalise';
import { freshMirror } from '../helpers/mirror';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD', 'CAD'] as const;

/** Shopify prints Decimal without trailing zeros ("12.3", "1200.0"); both forms must parse. */
function decimal(minor: number, currency: string, trim: boolean): string {
  const fixed = formatMinor(minor, currency);
  if (!trim || !fixed.includes('.')) return trim && !fixed.includes('.') ? `${fixed}.0` : fixed;
  const [whole, frac] = fixed.split('.');
  const t = frac!.replace(/0+$/, '');
  return `${whole}.${t === '' ? '0' : t}`;
}

const amount = fc.integer({ min: 0, max: 5_000_000 });
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
const text = fc.string({ minLength: 1, maxLength: 12 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const orderArb = fc
  .record({
    id: fc.integer({ min: 1, max: 2 ** 40 }),
    currency: fc.constantFrom(...CURRENCIES),
    presentment: fc.constantFrom(...CURRENCIES),
    trim: fc.boolean(),
    name: text,
    email: maybe(fc.emailAddress()),
    createdAt: instant,
    updatedAt: instant,
    cancelledAt: maybe(instant),
    test: fc.boolean(),
    status: fc.constantFrom('PENDING', 'AUTHORIZED', 'PAID', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', 'EXPIRED', null),
    totals: fc.tuple(amount, amount, amount, amount),
    lines: fc.array(fc.record({ sku: maybe(text), title: text, quantity: fc.integer({ min: 0, max: 50 }), unit: amount, discounts: fc.array(fc.tuple(amount, fc.nat(3), maybe(text)), { maxLength: 2 }), taxes: fc.array(fc.tuple(text, amount), { maxLength: 2 }) }), { maxLength: 5 }),
    shipping: fc.array(fc.record({ title: text, price: amount, discount: fc.nat(100) }), { maxLength: 2 }),
    refunds: fc.array(fc.record({ id: fc.integer({ min: 1, max: 1e9 }), createdAt: maybe(instant), total: amount, lines: fc.array(fc.tuple(fc.nat(5), amount, amount), { maxLength: 3 }), shipping: fc.array(fc.tuple(amount, amount), { maxLength: 1 }) }), { maxLength: 3 }),
    transactions: fc.array(fc.record({ id: fc.integer({ min: 1, max: 1e9 }), kind: fc.constantFrom('SALE', 'CAPTURE', 'REFUND', 'AUTHORIZATION', 'VOID'), status: fc.constantFrom('SUCCESS', 'FAILURE', 'PENDING'), gateway: maybe(text), at: instant, amount }), { maxLength: 4 }),
  })
  .map((g): OrderJson => {
    const bag = (minor: number): MoneyBag => ({
      shopMoney: { amount: decimal(minor, g.currency, g.trim), currencyCode: g.currency },
      presentmentMoney: { amount: decimal(minor, g.presentment, g.trim), currencyCode: g.presentment },
    });
    return {
      id: `gid://shopify/Order/${g.id}`,
      legacyResourceId: String(g.id),
      name: g.name,
      email: g.email,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
      processedAt: g.createdAt,
      cancelledAt: g.cancelledAt,
      test: g.test,
      currencyCode: g.currency,
      presentmentCurrencyCode: g.presentment,
      displayFinancialStatus: g.status,
      totalPriceSet: bag(g.totals[0]),
      totalTaxSet: bag(g.totals[1]),
      totalShippingPriceSet: bag(g.totals[2]),
      totalDiscountsSet: bag(g.totals[3]),
      customer: g.email ? { email: g.email, displayName: g.name, phone: null } : null,
      billingAddress: { name: g.name, address1: '1 Main St', city: 'Austin', provinceCode: 'TX', countryCodeV2: 'US', zip: '78701' },
      shippingAddress: null,
      taxLines: [],
      transactions: g.transactions.map((t) => ({ id: `gid://shopify/OrderTransaction/${t.id}`, kind: t.kind, status: t.status, gateway: t.gateway, createdAt: t.at, processedAt: t.at, amountSet: bag(t.amount) })),
      lineItems: {
        nodes: g.lines.map((l) => ({
          sku: l.sku,
          title: l.title,
          quantity: l.quantity,
          originalUnitPriceSet: bag(l.unit),
          discountAllocations: l.discounts.map(([a, index, code]) => ({ allocatedAmountSet: bag(a), discountApplication: { index, ...(code ? { code } : {}) } })),
          taxLines: l.taxes.map(([title, a]) => ({ title, priceSet: bag(a) })),
        })),
        pageInfo: { hasNextPage: false, endCursor: null },
      },
      shippingLines: { nodes: g.shipping.map((s) => ({ title: s.title, originalPriceSet: bag(s.price), discountAllocations: [{ allocatedAmountSet: bag(Math.min(s.discount, s.price)), discountApplication: { index: 9, code: 'SHIP' } }], taxLines: [] })) },
      refunds: g.refunds.map((r) => ({
        id: `gid://shopify/Refund/${r.id}`,
        createdAt: r.createdAt,
        totalRefundedSet: bag(r.total),
        refundLineItems: { nodes: r.lines.map(([q, sub, tax]) => ({ quantity: q, lineItem: { sku: 'X', title: 'Line' }, subtotalSet: bag(sub), totalTaxSet: bag(tax) })) },
        refundShippingLines: { nodes: r.shipping.map(([sub, tax]) => ({ subtotalAmountSet: bag(sub), taxAmountSet: bag(tax) })) },
      })),
    };
  });

describe('Shopify normalise → mirror → load', () => {
  it('keeps every normalised order exactly, with exact shop money', () => {
    const { db } = freshMirror();
    fc.assert(
      fc.property(orderArb, (json) => {
        const order = normaliseShopifyOrder(json);
        expect(storeOrderSchema.parse(order)).toEqual(order);
        // Back to text, the total is the amount Shopify sent, only padded to the currency's decimals.
        const sent = json.totalPriceSet.shopMoney.amount;
        const exponent = formatMinor(0, json.currencyCode).split('.')[1]?.length ?? 0;
        const [whole, frac = ''] = sent.split('.');
        const padded = exponent === 0 ? whole : `${whole}.${frac.padEnd(exponent, '0').slice(0, exponent)}`;
        expect(formatMinor(order.total, json.currencyCode)).toBe(padded);
        expect(order.presentmentAmounts === null).toBe(json.currencyCode === json.presentmentCurrencyCode);
        for (const line of order.lines) expect(line.total).toBe(line.quantity * line.unitPrice - line.discount);
        expect(order.transactions.length).toBe(json.transactions.filter((t) => t.status === 'SUCCESS' && ['SALE', 'CAPTURE', 'REFUND'].includes(t.kind)).length);
        upsertOrders(db, 'shop-1', [order]);
        expect(loadOrder(db, 'shop-1', order.sourceId)).toEqual(order);
      }),
      { numRuns: 150 },
    );
  });
});
