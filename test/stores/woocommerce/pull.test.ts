import { describe, expect, it } from 'vitest';
import { storeOrderSchema } from '../../../main/orders/store-order';
import { pullStore } from '../../../main/stores/pull-store';
import { allOrders, collect, freshMirror } from '../helpers/mirror';
import { partialRefundOrder, plainOrder, shippingRefundOrder } from '../helpers/orders';
import { wooRig } from '../helpers/woo';

const clone = <T>(x: T): T => structuredClone(x);

describe('WooCommerce pull', () => {
  it('signs with OAuth 1.0a over plain HTTP and normalises string money, refunds and GMT dates exactly', async () => {
    const rig = await wooRig([clone(partialRefundOrder), clone(shippingRefundOrder)]);
    const connector = rig.connector();
    const info = await connector.verify();
    expect(info.currency).toBe('USD');
    expect(info.warnings.join(' ')).toMatch(/plain HTTP/);
    const orders = await collect(connector.pull({ cursor: null }));
    expect(orders.map((o) => o.number)).toEqual(['1001', '1002']);
    const [order, shippingOnly] = orders;
    expect(storeOrderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      source: 'woocommerce', sourceId: '5001',
      createdAt: '2026-11-10T15:30:00.000Z', updatedAt: '2026-11-12T09:00:00.000Z', processedAt: '2026-11-10T15:30:00.000Z',
      currency: 'USD', presentmentCurrency: 'USD', presentmentAmounts: null,
      total: 5765, totalTax: 438, financialStatus: 'partially_refunded', cancelledAt: null, test: false,
    });
    expect(order!.lines).toEqual([
      { sku: 'A-1', title: 'Anchor print', quantity: 2, unitPrice: 1999, discount: 500, tax: 288, total: 3498 },
      { sku: 'B-2', title: 'Brass hook', quantity: 1, unitPrice: 1230, discount: 0, tax: 101, total: 1230 },
    ]);
    expect(order!.shippingLines).toEqual([{ title: 'Standard', amount: 599, tax: 49 }]);
    expect(order!.discounts).toEqual([{ code: 'save5', amount: 500 }]);
    expect(order!.taxLines).toEqual([{ title: 'TX State Tax', amount: 438 }]);
    // Details come from /orders/{id}/refunds: the order itself only lists "-18.93".
    expect(order!.refunds).toEqual([
      { id: '70011', createdAt: '2026-11-12T09:00:00.000Z', amount: 1893, tax: 144, shipping: 0, lines: [{ sku: 'A-1', title: 'Anchor print', quantity: 1, amount: 1749 }] },
    ]);
    expect(order!.transactions).toEqual([
      { kind: 'sale', gateway: 'stripe', amount: 5765, createdAt: '2026-11-10T15:30:00.000Z', reference: 'pi_60011' },
      { kind: 'refund', gateway: 'stripe', amount: 1893, createdAt: '2026-11-12T09:00:00.000Z', reference: '70011' },
    ]);
    expect(shippingOnly!.refunds).toEqual([{ id: '70021', createdAt: '2026-11-13T10:00:00.000Z', amount: 750, tax: 0, shipping: 750, lines: [] }]);
  });

  it('authenticates with Basic on a site served over HTTPS', async () => {
    const rig = await wooRig([clone(partialRefundOrder)], { assumeHttps: true });
    const connector = rig.connector();
    expect((await connector.verify()).warnings).toEqual([]);
    expect(await collect(connector.pull({ cursor: null }))).toHaveLength(1);
    // The same site refuses OAuth-less plain requests: Basic is what got us in.
    const anonymous = await fetch(`${rig.url}/wp-json/wc/v3/orders`);
    expect(anonymous.status).toBe(401);
  });

  it('parses money strings exactly where floats would drift (3 × 0.29, 0.1 + 0.2)', async () => {
    const order = plainOrder(1, {
      lines: [
        { id: '70011', productId: '1', variantId: '1', sku: 'CENT', title: 'Sticker', variantTitle: null, quantity: 3, unitPriceMinor: 29, discountMinor: 0, taxLines: [{ title: 'Tax', rate: '0.1', amountMinor: 10 }], taxable: true, requiresShipping: false },
        { id: '70012', productId: '2', variantId: '2', sku: 'DIME', title: 'Pin', variantTitle: null, quantity: 1, unitPriceMinor: 1234567890, discountMinor: 0, taxLines: [{ title: 'Tax', rate: '0.1', amountMinor: 20 }], taxable: true, requiresShipping: false },
      ],
      subtotalMinor: 1234567977, totalTaxMinor: 30, totalMinor: 1234568007,
    });
    const rig = await wooRig([order]);
    const [normalised] = await collect(rig.connector().pull({ cursor: null }));
    expect(normalised!.lines.map((l) => [l.unitPrice, l.total, l.tax])).toEqual([[29, 87, 10], [1234567890, 1234567890, 20]]);
    expect(normalised!.totalTax).toBe(30);
    expect(normalised!.total).toBe(1234568007);
  });

  it('keeps line taxes that do not add up to the order tax as WooCommerce reports them', async () => {
    // WooCommerce's "round at subtotal" setting: the lines say 4.66, the order says 4.67 (woocommerce#25720).
    const order = plainOrder(1, {
      lines: [{ id: '70011', productId: '1', variantId: '1', sku: 'T', title: 'Tea', variantTitle: null, quantity: 1, unitPriceMinor: 5650, discountMinor: 0, taxLines: [{ title: 'Tax', rate: '0.0825', amountMinor: 466 }], taxable: true, requiresShipping: false }],
      subtotalMinor: 5650, totalTaxMinor: 467, totalMinor: 6117,
    });
    const rig = await wooRig([order], {
      rewrite: (path, body) => {
        if (path !== '/wp-json/wc/v3/orders' || !Array.isArray(body)) return body;
        return body.map((o: Record<string, unknown>) => ({ ...o, total_tax: '4.67', cart_tax: '4.67', tax_lines: [{ label: 'Tax', rate_code: 'US-TAX-1', tax_total: '4.67', shipping_tax_total: '0.00' }] }));
      },
    });
    const [normalised] = await collect(rig.connector().pull({ cursor: null }));
    expect(normalised!.lines[0]!.tax).toBe(466);
    expect(normalised!.totalTax).toBe(467);
    expect(normalised!.taxLines).toEqual([{ title: 'Tax', amount: 467 }]);
    expect(normalised!.total).toBe(6117);
  });

  it('pulls everything, then only what changed since, with dates_are_gmt', async () => {
    const rig = await wooRig([clone(partialRefundOrder), ...Array.from({ length: 7 }, (_, i) => plainOrder(i))]);
    const { db } = freshMirror();
    expect(await pullStore(db, 'woo-1', rig.connector({ perPage: 3 }))).toMatchObject({ added: 8, updated: 0, unchanged: 0 });
    const at = rig.orders.findIndex((o) => o.name === '#2004');
    rig.orders[at] = { ...rig.orders[at]!, updatedAt: '2026-11-18T08:00:00Z', email: 'changed@example.com' };
    rig.orders.push(plainOrder(40, { updatedAt: '2026-11-19T08:00:00Z' }));
    const second = await pullStore(db, 'woo-1', rig.connector({ perPage: 3 }));
    // EU-1001 (the newest before) is re-read inside the overlap and counted unchanged.
    expect(second).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(allOrders(db, 'woo-1').find((o) => o.number === '2004')!.customer.email).toBe('changed@example.com');
  });

  it('resumes a pull killed between pages: nothing duplicated, nothing missing', async () => {
    const orders = Array.from({ length: 10 }, (_, i) => plainOrder(i));
    const rig = await wooRig(orders);
    const { db } = freshMirror();
    const controller = new AbortController();
    let progress = 0;
    await expect(pullStore(db, 'woo-1', rig.connector({ perPage: 3 }), {
      signal: controller.signal,
      onProgress: () => {
        if (++progress === 3) controller.abort(new Error('killed'));
      },
    })).rejects.toThrow('killed');
    // Each request restarts at the last modification handed over, re-reading that boundary order:
    // pages of 3 new, then 2 new; the third page was never written.
    expect(allOrders(db, 'woo-1')).toHaveLength(5);
    await pullStore(db, 'woo-1', rig.connector({ perPage: 3 }));
    const stored = allOrders(db, 'woo-1');
    expect(stored.map((o) => o.number).sort()).toEqual(orders.map((o) => String(o.number)).sort());
    const fresh = await collect(rig.connector().pull({ cursor: null }));
    expect(stored).toEqual(fresh.sort((a, b) => a.sourceId.localeCompare(b.sourceId)));
  });
});
