import { describe, expect, it } from 'vitest';
import { createApi2CartStandIn } from '../../../sandbox/api2cart/index';
import { defaultStandInOptions, NO_FAULTS } from '../../../sandbox/common/types';
import { demoBusiness, emptyBusiness } from '../../../sandbox/seed/index';
import { a2c, API_KEY, startApi2Cart } from '../../stores/api2cart/harness';

const rf = (fields: string) => `{result{order{${fields}}}}`;

describe('API2Cart stand-in: accounts, keys and envelope', () => {
  it('lists one cart per flavour and refuses a wrong API key with HTTP 200 + code 2', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const list = await a2c(h, 'account.cart.list');
    expect(list.return_code).toBe(0);
    expect(list.result.carts.map((c: any) => [c.cart_id, c.store_key])).toEqual([
      ['Magento2Api', h.standIn.storeKeys.magento],
      ['EBay', h.standIn.storeKeys.ebay],
      ['EtsyAPIv3', h.standIn.storeKeys.etsy],
    ]);
    expect(await a2c(h, 'account.cart.list', {}, { apiKey: 'wrong' })).toEqual({ return_code: 2, return_message: 'Incorrect API Key', result: {} });
    // Keys as query parameters work too (real clients send them that way).
    expect((await a2c(h, 'order.count', { api_key: API_KEY, store_key: h.standIn.storeKeys.ebay! }, { apiKey: null })).result.orders_count).toBe(120);
  });

  it('answers an unknown store key with 101, a missing one with 114 and an unknown method with 3', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    expect((await a2c(h, 'order.list', {}, { storeKey: 'nope' })).return_code).toBe(101);
    expect(await a2c(h, 'order.list')).toMatchObject({ return_code: 114, return_message: "Parameter 'store_key' is required." });
    expect((await a2c(h, 'order.delete', {}, { storeKey: h.standIn.storeKeys.magento! })).return_code).toBe(3);
  });

  it('cart.info gives name and url by default and stores_info when asked', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const key = h.standIn.storeKeys.etsy!;
    expect((await a2c(h, 'cart.info', {}, { storeKey: key })).result).toEqual({ name: 'HarborGoodsCo', url: 'https://www.etsy.com/shop/harbor-goods' });
    const all = await a2c(h, 'cart.info', { response_fields: '{*}' }, { storeKey: key });
    expect(all.result.stores_info[0]).toMatchObject({ currency: { iso3: 'USD' }, timezone: '-05:00', prices_include_tax: false });
  });
});

describe('API2Cart stand-in: orders', () => {
  it('leaves id, create_at, modified_at and currency out by default', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const page = await a2c(h, 'order.list', { count: '3' }, { storeKey: h.standIn.storeKeys.magento! });
    expect(page.result.orders_count).toBe(3);
    expect(Object.keys(page.result.order[0]).sort()).toEqual(['billing_address', 'bundles', 'customer', 'order_id', 'order_products', 'shipping_address', 'status', 'totals']);
    const asked = await a2c(h, 'order.list', { count: '1', response_fields: rf('id,order_id,create_at,modified_at,currency') }, { storeKey: h.standIn.storeKeys.magento! });
    expect(Object.keys(asked.result.order[0]).sort()).toEqual(['create_at', 'currency', 'id', 'modified_at', 'order_id']);
    const forced = await a2c(h, 'order.list', { count: '1', params: 'force_all', exclude: 'order_products,customer' }, { storeKey: h.standIn.storeKeys.magento! });
    expect(forced.result.order[0]).toHaveProperty('refunds');
    expect(forced.result.order[0]).not.toHaveProperty('order_products');
    expect((await a2c(h, 'order.list', { response_fields: '{result{order{' }, { storeKey: h.standIn.storeKeys.magento! })).return_code).toBe(109);
  });

  it('serves each platform flavour with its own ids, offsets and money conventions', async () => {
    const business = demoBusiness();
    const h = await startApi2Cart(business.store);
    const get = async (flavour: 'magento' | 'ebay' | 'etsy') =>
      (await a2c(h, 'order.list', { count: '250', params: 'force_all' }, { storeKey: h.standIn.storeKeys[flavour]! })).result.order as any[];
    const [magento, ebay, etsy] = await Promise.all([get('magento'), get('ebay'), get('etsy')]);
    expect(magento[0].order_id).toBe(String(business.store.orders[0]!.number));
    expect(ebay.every((o) => /^\d{2}-\d{5}-\d{5}$/.test(o.order_id) && o.id === '' && o.customer.email === '')).toBe(true);
    expect(new Set(ebay.map((o) => o.order_id)).size).toBe(120);
    expect(etsy.every((o) => o.create_at.value.endsWith('-0500') && o.create_at.format === 'Y-m-d\\TH:i:sO')).toBe(true);
    expect(magento.every((o) => o.modified_at.value.endsWith('+0000'))).toBe(true);
    // A discounted order: Etsy's subtotal is already net of the discount, Magento's is not.
    const i = business.store.orders.findIndex((o) => o.discounts.length > 0 && o.shippingLines.every((l) => l.discountMinor === 0));
    const cents = (n: number) => Math.round(n * 100);
    const m = magento[i].totals;
    const e = etsy[i].totals;
    expect(cents(m.subtotal) - cents(m.discount) + cents(m.shipping) + cents(m.tax)).toBe(cents(m.total));
    expect(cents(e.subtotal) + cents(e.shipping) + cents(e.tax)).toBe(cents(e.total));
    expect(cents(m.subtotal) - cents(e.subtotal)).toBe(cents(m.discount));
    expect(new Set(magento.map((o) => o.status.id))).toEqual(new Set(['pending', 'payment_review', 'pending_payment', 'processing', 'complete', 'closed', 'canceled']));
  });

  it('pages by cursor; cursors contain / and +, arrive percent-encoded and are refused when mangled', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const key = h.standIn.storeKeys.ebay!;
    const first = await a2c(h, 'order.list', { count: '50', sort_by: 'modified_at', response_fields: rf('order_id') }, { storeKey: key });
    const printed: string = first.pagination.next;
    expect(printed).toMatch(/%2F/);
    expect(printed).toMatch(/%2B/);
    const raw = decodeURIComponent(printed);
    expect(raw).toMatch(/[/+]/);
    const ids: string[] = first.result.order.map((o: any) => o.order_id);
    let next: string | null = raw;
    while (next) {
      const page = await a2c(h, 'order.list', { page_cursor: next }, { storeKey: key });
      expect(page.return_code).toBe(0);
      ids.push(...page.result.order.map((o: any) => o.order_id));
      next = page.pagination.next ? decodeURIComponent(page.pagination.next) : null;
    }
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    // The fixtures store cursors both decoded and verbatim; both are accepted.
    expect((await a2c(h, 'order.list', { page_cursor: printed }, { storeKey: key })).return_code).toBe(0);
    // A client that puts the cursor in the URL unencoded has its + read back as a space.
    const url = `${h.url}/v1.1/order.list.json?page_cursor=${raw}`;
    const mangled = await (await fetch(url, { headers: { 'x-api-key': API_KEY, 'x-store-key': key } })).json();
    expect(mangled).toMatchObject({ return_code: 109, return_message: "Parameter 'page_cursor' is not valid." });
    const clash = await a2c(h, 'order.list', { page_cursor: raw, modified_from: '2026-01-01T00:00:00+0000' }, { storeKey: key });
    expect(clash.return_code).toBe(109);
    expect(clash.return_message).toMatch(/can't be used with any other filtering parameter/);
    expect(h.standIn.observed().cursorsReceived.some((c) => c.includes(' '))).toBe(true);
  });

  it('filters by modified range in Y-m-d\\TH:i:sO and counts with order.count', async () => {
    const business = demoBusiness();
    const h = await startApi2Cart(business.store);
    const key = h.standIn.storeKeys.magento!;
    const cut = '2026-10-01T00:00:00+0000';
    const expected = business.store.orders.filter((o) => Date.parse(o.updatedAt) >= Date.parse('2026-10-01T00:00:00Z')).length;
    expect((await a2c(h, 'order.count', { modified_from: cut }, { storeKey: key })).result.orders_count).toBe(expected);
    // The same instant written in -0500.
    expect((await a2c(h, 'order.count', { modified_from: '2026-09-30T19:00:00-0500' }, { storeKey: key })).result.orders_count).toBe(expected);
    const bad = await a2c(h, 'order.list', { modified_from: '01/10/2026' }, { storeKey: key });
    expect(bad).toEqual({ return_code: 109, return_message: expect.stringContaining('Y-m-d\\TH:i:sO'), result: [] });
    expect((await a2c(h, 'order.list', { count: '251' }, { storeKey: key })).return_code).toBe(109);
    // eBay refuses a modified range wider than 30 days; the others do not.
    const wide = { modified_from: '2026-08-01T00:00:00+0000', modified_to: '2026-09-15T00:00:00+0000' };
    expect(await a2c(h, 'order.list', wide, { storeKey: h.standIn.storeKeys.ebay! })).toMatchObject({ return_code: 109, return_message: "The modified date range can't be wider than 30 days." });
    expect((await a2c(h, 'order.list', wide, { storeKey: key })).return_code).toBe(0);
    expect((await a2c(h, 'order.list', { start: 'x' }, { storeKey: key })).return_message).toBe("Parameter 'start' is not valid. The required type of parameter is unsigned integer.");
  });

  it('order.info finds by order_id, 114 without one and 112 for an unknown one', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const key = h.standIn.storeKeys.ebay!;
    const [first] = (await a2c(h, 'order.list', { count: '1' }, { storeKey: key })).result.order;
    const info = await a2c(h, 'order.info', { order_id: first.order_id, response_fields: '{result{order_id,modified_at}}' }, { storeKey: key });
    expect(Object.keys(info.result).sort()).toEqual(['modified_at', 'order_id']);
    expect(await a2c(h, 'order.info', {}, { storeKey: key })).toMatchObject({ return_code: 114, return_message: "Parameter 'order_id' is required." });
    expect(await a2c(h, 'order.info', { order_id: '99-99999-99999' }, { storeKey: key })).toMatchObject({ return_code: 112, return_message: 'Order with id 99-99999-99999 not found' });
  });

  it('serves an empty store as orders_count 0, order [] and no next cursor', async () => {
    const h = await startApi2Cart(emptyBusiness().store);
    const page = await a2c(h, 'order.list', { count: '250' }, { storeKey: h.standIn.storeKeys.magento! });
    expect(page).toEqual({ return_code: 0, return_message: '', pagination: { previous: null, next: null }, result: { orders_count: 0, order: [] } });
  });
});

describe('API2Cart stand-in: limits, faults and state', () => {
  it('refuses a sixth simultaneous call to one store with 7 and an eleventh to the account with 10', async () => {
    const h = await startApi2Cart(demoBusiness().store, { options: { latencyMs: 150 } });
    const keys = h.standIn.storeKeys;
    const codes = await Promise.all(Array.from({ length: 7 }, () => a2c(h, 'order.count', {}, { storeKey: keys.magento! }).then((r) => r.return_code)));
    expect(codes.sort()).toEqual([0, 0, 0, 0, 0, 7, 7]);
    expect(h.standIn.observed().peakPerStore[keys.magento!]).toBe(7);
    h.standIn.resetObserved();
    const spread = [keys.magento!, keys.ebay!, keys.etsy!].flatMap((k) => Array.from({ length: 4 }, () => k));
    const accountCodes = await Promise.all(spread.map((k) => a2c(h, 'order.count', {}, { storeKey: k }).then((r) => r.return_code)));
    expect(accountCodes.filter((c) => c === 10)).toHaveLength(2);
    expect(accountCodes.filter((c) => c === 0)).toHaveLength(10);
  });

  it("does not limit when rateLimits is 'off'", async () => {
    const h = await startApi2Cart(demoBusiness().store, { options: { latencyMs: 50, rateLimits: 'off' } });
    const codes = await Promise.all(Array.from({ length: 8 }, () => a2c(h, 'order.count', {}, { storeKey: h.standIn.storeKeys.magento! }).then((r) => r.return_code)));
    expect(codes.every((c) => c === 0)).toBe(true);
  });

  it('answers queued injected codes, turns 429 bursts into code 110, and saves its state', async () => {
    const h = await startApi2Cart(demoBusiness().store, { options: { faults: { ...NO_FAULTS, burst429Every: 2, burst429Length: 1 } } });
    const key = h.standIn.storeKeys.magento!;
    expect((await a2c(h, 'order.count', {}, { storeKey: key })).return_code).toBe(0);
    expect(await a2c(h, 'order.count', {}, { storeKey: key })).toMatchObject({ return_code: 110 });
    h.options.faults = NO_FAULTS;
    h.standIn.inject({ code: 106, method: 'order.list', times: 2 });
    expect((await a2c(h, 'order.count', {}, { storeKey: key })).return_code).toBe(0);
    expect((await a2c(h, 'order.list', {}, { storeKey: key })).return_code).toBe(106);
    const saved = JSON.parse(JSON.stringify(h.standIn.exportState()));
    const other = createApi2CartStandIn({ store: demoBusiness().store, apiKey: API_KEY, options: defaultStandInOptions() });
    other.importState(saved);
    expect(other.exportState()).toEqual({ injected: [{ code: 106, method: 'order.list', times: 1 }] });
    expect(other.storeKeys).toEqual(h.standIn.storeKeys);
  });
});
