import { describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../main/stores/api2cart/exact-json';
import { normaliseOrder } from '../../../main/stores/api2cart/normalise';
import { platformRules } from '../../../main/stores/api2cart/platforms';

// The eBay sample from the reference (api2cart.md §4), with a refund added.
const EBAY_SAMPLE = `{"id":"","order_id":"06-14633-74649",
 "customer":{"id":"robin12391","email":"","first_name":"Robin","last_name":"Clark","phone":null},
 "create_at":{"value":"2026-05-12T12:17:12+0000","format":"Y-m-d\\\\TH:i:sO"},
 "modified_at":{"value":"2026-05-13T20:06:36+0000","format":"Y-m-d\\\\TH:i:sO"},
 "currency":{"id":"GBP","iso3":"GBP","symbol_left":"£","rate":1},
 "billing_address":{"id":"1","type":"billing","first_name":"Robin","last_name":"Davis","postcode":"44833","city":"Greenville","country":{"code2":"GB","code3":"GBR","name":"United Kingdom"}},
 "status":{"id":"completed","name":"Completed","history":[],"refund_info":null},
 "totals":{"total":42.5,"subtotal":30,"shipping":12.5,"tax":0,"discount":0},
 "discounts":[],
 "refunds":[{"id":"r1","shipping":0,"fee":0,"tax":0,"total":1.15,"modified_time":{"value":"2026-05-14T10:00:00+0100","format":"Y-m-d\\\\TH:i:sO"},"items":[{"order_product_id":"p1","qty":1,"refund":1.15}]}],
 "order_products":[{"product_id":"184372822813","order_product_id":"p1","model":"001","name":"Portable Component 77","price":30,"quantity":1,"total_price":30,"tax_value":0,"variant_id":null}],
 "store_id":"udc-london"}`;

const ctx = (cartId: string) => ({ rules: platformRules(cartId), storeCurrency: 'USD' });

describe('normalising an API2Cart order', () => {
  it('reads the reference eBay order exactly, keyed on order_id although id is empty', () => {
    const n = normaliseOrder(parseExactJson(EBAY_SAMPLE), ctx('EBay'));
    if (!n.ok) throw new Error(n.problem);
    expect(n.order).toMatchObject({
      source: 'api2cart',
      sourceId: '06-14633-74649',
      number: '06-14633-74649',
      createdAt: '2026-05-12T12:17:12.000Z',
      updatedAt: '2026-05-13T20:06:36.000Z',
      currency: 'GBP',
      total: 4250,
      totalTax: 0,
      shippingLines: [{ title: null, amount: 1250, tax: null }],
      customer: { email: null, name: 'Robin Clark', billingAddress: { name: 'Robin Davis', country: 'GB', zip: '44833' } },
      lines: [{ sku: '001', title: 'Portable Component 77', quantity: 1, unitPrice: 3000, discount: 0, tax: 0, total: 3000 }],
      // completed → paid, then 1.15 of 42.50 went back.
      financialStatus: 'partially_refunded',
      refunds: [{ id: 'r1', createdAt: '2026-05-14T09:00:00.000Z', amount: 115, tax: 0, shipping: 0, lines: [{ sku: '001', title: 'Portable Component 77', quantity: 1, amount: 115 }] }],
    });
    expect(n.warnings).toEqual([]);
  });

  it('reports a status missing from the platform table instead of guessing', () => {
    const raw = parseExactJson(EBAY_SAMPLE.replace('"id":"completed","name":"Completed"', '"id":"CancelPending","name":"Cancel pending"'));
    expect(normaliseOrder(raw, ctx('EBay'))).toEqual({
      ok: false,
      orderId: '06-14633-74649',
      problem: 'status "CancelPending" is not in Ledgerbridge\'s eBay status table, so its payment state is unknown',
    });
    // The same id means something on another platform only if that platform's table says so.
    expect(normaliseOrder(parseExactJson(EBAY_SAMPLE), ctx('Shopify')).ok).toBe(false);
  });

  it("keeps Etsy's subtotal-net-of-discount and Walmart's tax-inclusive line total visible", () => {
    const etsy = parseExactJson(`{"order_id":"4130541658","create_at":{"value":"2026-05-12 07:17:12 -0500"},
      "currency":{"iso3":"USD"},"status":{"id":"Paid"},
      "totals":{"total":25.69,"subtotal":20.69,"shipping":5,"tax":0,"discount":2.3},
      "discounts":[{"code":"SAVE10","value":2.3,"type":"percent"}],
      "order_products":[{"order_product_id":"1","model":"MUG","name":"Mug","price":22.99,"quantity":1,"discount_amount":2.3,"total_price":22.99,"tax_value":0}]}`);
    const asEtsy = normaliseOrder(etsy, ctx('EtsyAPIv3'));
    expect(asEtsy.ok && asEtsy.warnings).toEqual([]);
    expect(asEtsy.ok && asEtsy.order.lines[0]!.total).toBe(2069);
    // Read with the usual rule the same totals do not add up, and that is reported, not fixed.
    const asMagento = normaliseOrder(etsy, ctx('Magento2Api'));
    expect(asMagento.ok).toBe(false); // "Paid" is not a Magento status either
    const walmart = parseExactJson(`{"order_id":"108000000001","create_at":{"value":"2026-05-12T07:17:12-0500"},"modified_at":null,
      "currency":{"iso3":"USD"},"status":{"id":"Shipped"},
      "totals":{"total":21.65,"subtotal":20,"shipping":0,"tax":1.65,"discount":0},
      "order_products":[{"order_product_id":"1","model":"A","name":"A","price":10,"quantity":2,"total_price":21.65,"tax_value":1.65}]}`);
    const w = normaliseOrder(walmart, ctx('Walmart'));
    if (!w.ok) throw new Error(w.problem);
    expect(w.order.lines[0]).toMatchObject({ unitPrice: 1000, tax: 165, total: 2000 });
    // Walmart has no modified_at in the fixtures: the creation time stands in.
    expect(w.order.updatedAt).toBe(w.order.createdAt);
    expect(w.order.financialStatus).toBe('paid');
  });

  it('refuses dates without an offset and amounts finer than the currency', () => {
    const noOffset = parseExactJson(EBAY_SAMPLE.replace('2026-05-12T12:17:12+0000', '2026-05-12T12:17:12'));
    const n = normaliseOrder(noOffset, ctx('EBay'));
    expect(!n.ok && n.problem).toMatch(/^create_at: .*UTC offset/);
    const fine = normaliseOrder(parseExactJson(EBAY_SAMPLE.replace('"total":42.5,', '"total":42.505,')), ctx('EBay'));
    expect(!fine.ok && fine.problem).toMatch(/^totals.total: .*more than 2 decimals/);
  });

  it('reports a line or refund sum too large to keep exactly as the order\'s problem, never an unchecked number', () => {
    // No total_price: the line is price × quantity, which no longer fits.
    const huge = normaliseOrder(parseExactJson(EBAY_SAMPLE.replace('"price":30,"quantity":1,"total_price":30,', '"price":90000000000000,"quantity":2,')), ctx('EBay'));
    expect(!huge.ok && huge.problem).toMatch(/^order_products\[0\]: .*too large to keep exactly/);
    // With the platform's own total_price, price × quantity is never computed, so it cannot refuse the order.
    const given = normaliseOrder(parseExactJson(EBAY_SAMPLE.replace('"price":30,"quantity":1,', '"price":90000000000000,"quantity":2,')), ctx('EBay'));
    expect(given.ok && given.order.lines[0]!.total).toBe(3000);
    const refunds = normaliseOrder(parseExactJson(EBAY_SAMPLE.replace('"total":1.15,', '"total":90000000000000,').replace('"refunds":[{', '"refunds":[{"id":"r0","total":90000000000000,"items":[]},{')), ctx('EBay'));
    expect(!refunds.ok && refunds.problem).toMatch(/^refunds: .*too large to keep exactly/);
  });

  it('derives partially_paid from total_paid on an order the platform still calls unpaid', () => {
    const raw = parseExactJson(EBAY_SAMPLE) as Record<string, any>;
    raw.status = { id: 'Active', name: 'Active', history: [] };
    raw.refunds = [];
    raw.total = { total: '42.5', total_paid: '10' };
    expect((normaliseOrder(raw, ctx('EBay')) as any).order.financialStatus).toBe('partially_paid');
    raw.total.total_paid = '0';
    expect((normaliseOrder(raw, ctx('EBay')) as any).order.financialStatus).toBe('pending');
  });
});
