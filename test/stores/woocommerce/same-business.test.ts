/**
 * One seeded business served by both stand-ins must normalise to the same orders on every field
 * Shopify and WooCommerce both carry. The fields that differ by nature are named below, each
 * with the relation that does hold between the two.
 */
import { describe, expect, it } from 'vitest';
import type { StoreOrder } from '../../../main/orders/store-order';
import { ShopifyConnector } from '../../../main/stores/shopify/connector';
import { WooConnector } from '../../../main/stores/woocommerce/connector';
import { defaultStandInOptions } from '../../../sandbox/common/types';
import { generateBusiness } from '../../../sandbox/seed/index';
import { createShopifyStandIn } from '../../../sandbox/shopify/index';
import { createWooStandIn } from '../../../sandbox/woocommerce/index';
import { collect } from '../helpers/mirror';
import { clockAt, serve } from '../helpers/servers';

/** Everything both sources say the same way. */
function common(o: StoreOrder) {
  const {
    source: _source, // 'shopify' / 'woocommerce'
    number: _number, // Shopify's name carries the prefix (#1001); WooCommerce's number does not (1001)
    test: _test, // WooCommerce has no test orders
    presentmentCurrency: _pc, // WooCommerce core has one currency per order
    presentmentAmounts: _pa,
    processedAt: _processed, // WooCommerce: date_paid, null until paid; Shopify: always set
    financialStatus: _status, // WooCommerce has no partially_paid; on-hold reads as authorized
    cancelledAt: _cancelled, // WooCommerce records no cancel time, and shows a refunded cancellation as refunded
    transactions: _tx, // gateways are named differently (shopify_payments vs stripe) and WooCommerce has one sale at date_paid
    discounts,
    ...rest
  } = o;
  // WooCommerce stores coupon codes in lower case.
  return { ...rest, discounts: discounts.map((d) => ({ ...d, code: d.code?.toLowerCase() ?? null })) };
}

describe('the same business through Shopify and through WooCommerce', () => {
  it('normalises to the same orders on every field both carry', async () => {
    const business = generateBusiness({ seed: 7, orders: 150 });
    const now = clockAt(Date.parse('2026-11-20T12:00:00Z'));
    const shopify = createShopifyStandIn({ store: business.store, accessToken: 'shpat_same', readAllOrders: true, options: defaultStandInOptions({ now, rateLimits: 'off' }) });
    const woo = createWooStandIn({ store: business.store, consumerKey: 'ck_same', consumerSecret: 'cs_same', options: defaultStandInOptions({ now }) });
    const [s, w] = await Promise.all([serve(shopify.handler), serve(woo.handler)]);

    const viaShopify = await collect(new ShopifyConnector({ storeName: 'Harbor Goods', shopDomain: business.store.domain, accessToken: 'shpat_same', endpoint: `${s.url}/admin/api/2025-07/graphql.json`, now }).pull({ cursor: null }));
    const viaWoo = await collect(new WooConnector({ storeName: 'Harbor Goods', siteUrl: w.url, consumerKey: 'ck_same', consumerSecret: 'cs_same', now }).pull({ cursor: null }));
    expect(viaShopify).toHaveLength(150);
    expect(viaWoo).toHaveLength(150);
    const woos = new Map(viaWoo.map((o) => [o.sourceId, o]));

    let presentment = 0;
    let refunds = 0;
    for (const sh of viaShopify) {
      const wo = woos.get(sh.sourceId)!;
      expect(common(wo), sh.number).toEqual(common(sh));
      // The relations that hold on the fields that differ.
      expect(sh.number).toBe(`#${wo.number}`);
      if (wo.processedAt !== null) expect(wo.processedAt).toBe(sh.processedAt);
      if (wo.cancelledAt !== null) expect(sh.cancelledAt).not.toBeNull();
      const sum = (o: StoreOrder, kind: string) => o.transactions.filter((t) => t.kind === kind).reduce((a, t) => a + t.amount, 0);
      expect(sum(wo, 'refund'), sh.number).toBe(sum(sh, 'refund'));
      if (sh.presentmentAmounts) presentment++;
      if (sh.refunds.length) refunds++;
    }
    // The comparison covered the hard cases, not just plain orders.
    expect(presentment).toBeGreaterThan(0);
    expect(refunds).toBeGreaterThan(0);
  });
});
