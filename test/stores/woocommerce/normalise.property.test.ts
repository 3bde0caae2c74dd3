/** Any order WooCommerce can send normalises to a valid StoreOrder the mirror keeps unchanged. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOrder, upsertOrders } from '../../../main/mirror/store-orders';
import { formatMinor } from '../../../main/orders/money';
import { storeOrderSchema } from '../../../main/orders/store-order';
import { normaliseWooOrder, type WooOrderJson, type WooRefundJson } from '../../../main/stores/woocommerce/normalise';
import { freshMirror } from '../helpers/mirror';

const amount = fc.integer({ min: 0, max: 50_000_000 });
const wall = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19));
const text = fc.string({ maxLength: 10 });

const arb = fc
  .record({
    id: fc.integer({ min: 1, max: 1e9 }),
    currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
    inclusive: fc.boolean(),
    status: fc.constantFrom('pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft'),
    created: wall,
    modified: wall,
    paid: fc.option(wall, { nil: null }),
    total: amount,
    tax: amount,
    lines: fc.array(fc.record({ name: text, sku: fc.option(text, { nil: null }), quantity: fc.integer({ min: 0, max: 9 }), unit: amount, discount: fc.nat(1000), tax: amount }), { maxLength: 4 }),
    shipping: fc.array(fc.tuple(text, amount, amount), { maxLength: 2 }),
    coupons: fc.array(fc.tuple(text, amount), { maxLength: 2 }),
    refunds: fc.option(fc.array(fc.record({ id: fc.integer({ min: 1, max: 1e9 }), at: wall, amount, lines: fc.array(fc.tuple(fc.nat(3), amount, amount), { maxLength: 2 }), shipping: fc.array(fc.tuple(amount, amount), { maxLength: 1 }) }), { maxLength: 2 }), { nil: null }),
  })
  .map((g) => {
    const m = (minor: number) => formatMinor(minor, g.currency);
    const neg = (minor: number) => (minor === 0 ? m(0) : `-${m(minor)}`);
    const order: WooOrderJson = {
      id: g.id, number: String(g.id), status: g.status, currency: g.currency, prices_include_tax: g.inclusive,
      date_created_gmt: g.created, date_modified_gmt: g.modified, date_paid_gmt: g.paid,
      total: m(g.total), total_tax: m(g.tax),
      billing: { first_name: 'Ada', last_name: '', email: 'ada@example.com', country: 'US' }, shipping: {},
      payment_method: 'stripe', transaction_id: '',
      line_items: g.lines.map((l, i) => ({ id: i + 1, name: l.name, sku: l.sku, quantity: l.quantity, subtotal: m(l.unit * l.quantity), subtotal_tax: m(l.tax), total: m(Math.max(0, l.unit * l.quantity - l.discount)), total_tax: m(l.tax) })),
      tax_lines: [],
      shipping_lines: g.shipping.map(([title, total, tax]) => ({ method_title: title, total: m(total), total_tax: m(tax) })),
      coupon_lines: g.coupons.map(([code, d]) => ({ code, discount: m(d) })),
      refunds: (g.refunds ?? []).map((r) => ({ id: r.id, reason: '', total: `-${m(r.amount)}` })),
    };
    const details: WooRefundJson[] | null = g.refunds
      ? g.refunds.map((r) => ({
          id: r.id, date_created_gmt: r.at, amount: m(r.amount), reason: '', refunded_payment: true,
          line_items: r.lines.map(([q, sub, tax], i) => ({ id: 100 + i, name: 'x', sku: 'X', quantity: -q, subtotal: neg(sub), subtotal_tax: neg(tax), total: neg(sub), total_tax: neg(tax) })),
          shipping_lines: r.shipping.map(([sub, tax]) => ({ method_title: 'Ship', total: neg(sub), total_tax: neg(tax) })),
        }))
      : null;
    return { order, details };
  });

describe('WooCommerce normalise → mirror → load', () => {
  it('keeps every normalised order exactly, with exact money', () => {
    const { db } = freshMirror();
    fc.assert(
      fc.property(arb, ({ order, details }) => {
        const normalised = normaliseWooOrder(order, details);
        expect(storeOrderSchema.parse(normalised)).toEqual(normalised);
        expect(formatMinor(normalised.total, order.currency)).toBe(order.total);
        expect(formatMinor(normalised.totalTax, order.currency)).toBe(order.total_tax);
        for (const r of normalised.refunds) {
          expect(r.amount).toBeGreaterThanOrEqual(0);
          if (r.tax !== null) expect(r.tax).toBeGreaterThanOrEqual(0);
        }
        upsertOrders(db, 'woo-1', [normalised]);
        expect(loadOrder(db, 'woo-1', normalised.sourceId)).toEqual(normalised);
      }),
      { numRuns: 150 },
    );
  });
});
