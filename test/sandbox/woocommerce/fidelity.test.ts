/**
 * FIDELITY: WooCommerce's official JS client, unmodified, against the stand-in over http://, where
 * it signs every request with OAuth 1.0a (HMAC-SHA256, parameters in the query string).
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type WooCommerceRestApiType from '@woocommerce/woocommerce-rest-api';
import { harborStore } from '../shopify/fixtures';
import { plainOrder } from '../../stores/helpers/orders';
import { CK, CS, startWoo, type WooHarness } from './helpers';

// The package is CommonJS with its class on the `default` export.
const WooCommerceRestApi = (createRequire(import.meta.url)('@woocommerce/woocommerce-rest-api') as { default: typeof WooCommerceRestApiType }).default;

let h: WooHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

describe('FIDELITY: @woocommerce/woocommerce-rest-api against the WooCommerce stand-in', () => {
  it('lists every order page by page, signed with OAuth 1.0a, reading the WP paging headers', async () => {
    // The client stamps real time, so the stand-in runs on the real clock here.
    h = await startWoo({ store: harborStore(Array.from({ length: 7 }, (_, i) => plainOrder(10 + i))), options: { now: Date.now } });
    const api = new WooCommerceRestApi({ url: h.running.origin, consumerKey: CK, consumerSecret: CS, version: 'wc/v3' });

    const ids: number[] = [];
    let totalPages = Infinity;
    for (let page = 1; page <= totalPages; page++) {
      const res = await api.get('orders', { per_page: '5', page: String(page), orderby: 'id', order: 'asc', dates_are_gmt: 'true' });
      expect(res.status).toBe(200);
      expect(res.headers['x-wp-total']).toBe('12');
      totalPages = Number(res.headers['x-wp-totalpages']);
      ids.push(...(res.data as Array<{ id: number }>).map((o) => o.id));
    }
    expect(totalPages).toBe(3);
    expect(ids).toHaveLength(12);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const one = await api.get('orders/5001');
    expect(one.data.refunds).toEqual([{ id: 40011, reason: 'Damaged in transit', total: '-18.93' }]);
    const refunds = await api.get('orders/5001/refunds');
    expect(refunds.data[0].amount).toBe('18.93');
  });

  it('gets WooCommerce\'s error bodies through the client (404, 400, bad secret)', async () => {
    h = await startWoo({ options: { now: Date.now } });
    const api = new WooCommerceRestApi({ url: h.running.origin, consumerKey: CK, consumerSecret: CS, version: 'wc/v3' });
    const missing = await api.get('orders/424242').catch((e: { response: { status: number; data: unknown } }) => e.response);
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ code: 'woocommerce_rest_shop_order_invalid_id' });
    const tooMany = await api.get('orders', { per_page: '500' }).catch((e: { response: { status: number; data: unknown } }) => e.response);
    expect(tooMany.status).toBe(400);
    expect(tooMany.data).toMatchObject({ code: 'rest_invalid_param' });

    const wrong = new WooCommerceRestApi({ url: h.running.origin, consumerKey: CK, consumerSecret: 'cs_nope', version: 'wc/v3' });
    const denied = await wrong.get('orders').catch((e: { response: { status: number; data: unknown } }) => e.response);
    expect(denied.status).toBe(401);
    expect(denied.data).toMatchObject({ message: 'Invalid signature - provided signature does not match.' });
  });
});
