import { afterEach, describe, expect, it } from 'vitest';
import { harborStore, tokyoStore } from '../shopify/fixtures';
import { plainOrder } from '../../stores/helpers/orders';
import { startWoo, type WooHarness } from './helpers';

let h: WooHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const numbers = (body: Array<{ number: string }>) => body.map((o) => o.number);

describe('WooCommerce stand-in: paging', () => {
  it('pages with per_page/page, X-WP-Total, X-WP-TotalPages and Link, and [] past the end', async () => {
    h = await startWoo({ store: harborStore(Array.from({ length: 20 }, (_, i) => plainOrder(10 + i))) });
    const first = await h.get('orders');
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(10);
    expect(first.headers.get('x-wp-total')).toBe('25');
    expect(first.headers.get('x-wp-totalpages')).toBe('3');
    expect(first.headers.get('link')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/wp-json\/wc\/v3\/orders\?.*page=2.*>; rel="next"$/);

    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const r = await h.get(`orders?page=${page}&per_page=10&orderby=id&order=asc`);
      for (const o of r.body as Array<{ number: string }>) seen.add(o.number);
      if (page === 3) {
        expect(r.body).toHaveLength(5);
        expect(r.headers.get('link')).toMatch(/rel="prev"$/);
      }
    }
    expect(seen.size).toBe(25);
    const past = await h.get('orders?page=4');
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-wp-total')).toBe('25');
  });

  it('answers per_page outside 1..100 with WordPress\'s rest_invalid_param body', async () => {
    h = await startWoo();
    const big = await h.get('orders?per_page=101');
    expect(big.status).toBe(400);
    expect(big.body).toEqual({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): per_page',
      data: {
        status: 400,
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
        details: { per_page: { code: 'rest_out_of_bounds', message: 'per_page must be between 1 (inclusive) and 100 (inclusive)', data: null } },
      },
    });
    expect((await h.get('orders?per_page=0')).status).toBe(400);
    expect((await h.get('orders?per_page=100')).status).toBe(200);
    const two = await h.get('orders?per_page=abc&order=up');
    expect(two.body.message).toBe('Invalid parameter(s): per_page, order');
    expect(two.body.data.params.order).toBe('order is not one of asc and desc.');
  });

  it('sorts by date (default, newest first), id and modified', async () => {
    h = await startWoo();
    expect(numbers((await h.get('orders')).body)).toEqual(['1005', '1004', '1002', '1001', '1003']);
    expect(numbers((await h.get('orders?orderby=id&order=asc')).body)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(numbers((await h.get('orders?orderby=modified&order=asc')).body)).toEqual(['1003', '1001', '1002', '1004', '1005']);
  });
});

describe('WooCommerce stand-in: filters and time zones', () => {
  it('filters modified_after against GMT or site-local wall clocks depending on dates_are_gmt', async () => {
    h = await startWoo();
    // #1002 was modified 2026-11-16 10:00 GMT = 04:00 in Chicago.
    const gmt = await h.get('orders?modified_after=2026-11-16T05:00:00&dates_are_gmt=true&orderby=id&order=asc');
    expect(numbers(gmt.body)).toEqual(['1002', '1004', '1005']);
    const local = await h.get('orders?modified_after=2026-11-16T05:00:00&dates_are_gmt=false&orderby=id&order=asc');
    expect(numbers(local.body)).toEqual(['1004', '1005']);
    // A value with an offset is moved to site time first, so against GMT columns it is 6 h early.
    const offsetPitfall = await h.get('orders?modified_after=2026-11-16T11:00:00Z&dates_are_gmt=true&orderby=id&order=asc');
    expect(numbers(offsetPitfall.body)).toEqual(['1002', '1004', '1005']);
    const offsetLocal = await h.get('orders?modified_after=2026-11-16T11:00:00Z&orderby=id&order=asc');
    expect(numbers(offsetLocal.body)).toEqual(['1004', '1005']);
  });

  it('filters on after/before (creation) and status', async () => {
    h = await startWoo();
    expect(numbers((await h.get('orders?after=2026-11-15T00:00:00&before=2026-11-19T00:00:00&dates_are_gmt=true')).body)).toEqual(['1004', '1002']);
    expect(numbers((await h.get('orders?status=pending')).body)).toEqual(['1005']);
    expect(numbers((await h.get('orders?status[0]=cancelled&status[1]=completed')).body)).toEqual(['1004', '1001', '1003']);
    // PHP turns status[] into status[0], status[1] before WooCommerce signs, so an RFC signature over "status[]" fails.
    const brackets = await h.get('orders?status[]=cancelled&status[]=completed');
    expect(brackets.status).toBe(401);
    expect(brackets.body.message).toBe('Invalid signature - provided signature does not match.');
    const bad = await h.get('orders?after=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.data.params.after).toBe('Invalid date.');
  });

  it('prints dates in site time without offset beside the _gmt fields', async () => {
    h = await startWoo();
    const o = (await h.get('orders/5001')).body;
    expect(o.date_created).toBe('2026-11-10T09:30:00');
    expect(o.date_created_gmt).toBe('2026-11-10T15:30:00');
    expect(o.date_modified).toBe('2026-11-12T03:00:00');
    expect(o.date_modified_gmt).toBe('2026-11-12T09:00:00');
    expect(o.date_paid_gmt).toBe('2026-11-10T15:30:00');
    expect(o.date_completed_gmt).toBe('2026-11-12T09:00:00');
    // August is daylight time in Chicago (UTC−5).
    const summer = (await h.get('orders/5003')).body;
    expect(summer.date_created_gmt).toBe('2026-08-22T12:00:00');
    expect(summer.date_created).toBe('2026-08-22T07:00:00');
  });
});

describe('WooCommerce stand-in: order JSON', () => {
  it('prints #1001 with string money, float price, unrounded taxes and negative refund summaries', async () => {
    h = await startWoo();
    const o = (await h.get('orders/5001')).body;
    expect(o).toMatchObject({
      id: 5001, number: '1001', status: 'completed', currency: 'USD', prices_include_tax: false,
      discount_total: '5.00', shipping_total: '5.99', shipping_tax: '0.49', cart_tax: '3.89', total_tax: '4.38',
      total: '57.65', customer_id: 300, payment_method: 'stripe', transaction_id: 'pi_60011',
      billing: { first_name: 'Ada', last_name: 'Lovelace', city: 'Austin', state: 'TX', postcode: '78701', country: 'US', email: 'ada@example.com' },
    });
    // Refunds never reduce `total`; they appear as negative summaries.
    expect(o.refunds).toEqual([{ id: 40011, reason: 'Damaged in transit', total: '-18.93' }]);
    const [a, b] = o.line_items;
    expect(a).toMatchObject({ name: 'Anchor print - Large', sku: 'A-1', quantity: 2, subtotal: '39.98', total: '34.98', total_tax: '2.88', price: 17.49 });
    expect(a.taxes).toEqual([{ id: 1, total: '2.88', subtotal: '2.88' }]);
    expect(b).toMatchObject({ sku: 'B-2', subtotal: '12.30', total: '12.30', total_tax: '1.01', price: 12.3 });
    expect(b.taxes[0].total).toBe('1.01');
    expect(o.shipping_lines).toEqual([expect.objectContaining({ method_title: 'Standard', total: '5.99', total_tax: '0.49', taxes: [{ id: 1, total: '0.49', subtotal: '' }] })]);
    expect(o.tax_lines).toEqual([expect.objectContaining({ rate_id: 1, label: 'TX State Tax', tax_total: '3.89', shipping_tax_total: '0.49', rate_percent: 8.25 })]);
    expect(o.coupon_lines).toEqual([expect.objectContaining({ code: 'welcome5', discount: '5.00' })]);
    expect(o.fee_lines).toEqual([]);
  });

  it('maps statuses: processing, pending (unpaid, no date_paid), cancelled', async () => {
    h = await startWoo();
    expect((await h.get('orders/5002')).body.status).toBe('processing');
    const pending = (await h.get('orders/5005')).body;
    expect(pending).toMatchObject({ status: 'pending', date_paid: null, date_paid_gmt: null, payment_method: 'bacs', transaction_id: '' });
    expect((await h.get('orders/5004')).body.status).toBe('cancelled');
  });

  it('honours dp (decimal places) for the money strings', async () => {
    h = await startWoo();
    expect((await h.get('orders/5001?dp=3')).body).toMatchObject({ total: '57.650', shipping_total: '5.990' });
    expect((await h.get('orders/5001?dp=0')).body).toMatchObject({ total: '58', shipping_total: '6', cart_tax: '4' });
  });

  it('prints a JPY store with no decimals', async () => {
    h = await startWoo({ store: tokyoStore() });
    const o = (await h.get('orders/8001')).body;
    expect(o).toMatchObject({ currency: 'JPY', total: '3300', shipping_total: '600', total_tax: '300', cart_tax: '240' });
    expect(o.line_items[0]).toMatchObject({ subtotal: '2400', price: 1200 });
    expect(o.date_created_gmt).toBe('2026-11-17T12:00:00');
    expect(o.date_created).toBe('2026-11-17T21:00:00');
  });

  it('lists refunds with positive amounts and negative lines, shipping-only included', async () => {
    h = await startWoo();
    const partial = await h.get('orders/5001/refunds');
    expect(partial.status).toBe(200);
    expect(partial.headers.get('x-wp-total')).toBe('1');
    expect(partial.body[0]).toMatchObject({ id: 40011, amount: '18.93', reason: 'Damaged in transit', refunded_payment: true, date_created_gmt: '2026-11-12T09:00:00' });
    expect(partial.body[0].line_items[0]).toMatchObject({ sku: 'A-1', quantity: -1, subtotal: '-17.49', total_tax: '-1.44', price: -17.49 });
    expect(partial.body[0].shipping_lines).toEqual([]);

    const shipping = (await h.get('orders/5002/refunds/40021')).body;
    expect(shipping).toMatchObject({ amount: '8.12', line_items: [] });
    expect(shipping.shipping_lines[0]).toMatchObject({ method_title: 'Express', total: '-7.50', total_tax: '-0.62' });
    expect((await h.get('orders/5002')).body.refunds).toEqual([{ id: 40021, reason: '', total: '-8.12' }]);
  });

  it('answers an unknown order with 404 woocommerce_rest_shop_order_invalid_id and an unknown route with rest_no_route', async () => {
    h = await startWoo();
    const missing = await h.get('orders/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
    const route = await h.get('orderz');
    expect(route.status).toBe(404);
    expect(route.body).toEqual({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
  });
});
