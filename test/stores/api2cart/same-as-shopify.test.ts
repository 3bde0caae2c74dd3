/**
 * The same seeded business pulled through the Shopify stand-in (Shopify connector) and through
 * the API2Cart stand-in as a Magento store agrees on every field both carry. The fields that differ
 * by nature are listed in `common`, each with why.
 */
import { describe, expect, it } from 'vitest';
import type { StoreOrder } from '../../../main/orders/store-order';
import { ShopifyConnector } from '../../../main/stores/shopify/connector';
import { defaultStandInOptions } from '../../../sandbox/common/types';
import { generateBusiness } from '../../../sandbox/seed/index';
import { createShopifyStandIn } from '../../../sandbox/shopify/index';
import { collect } from '../helpers/mirror';
import { clockAt, serve } from '../helpers/servers';
import { startApi2Cart } from './harness';

function common(o: StoreOrder) {
  const {
    source: _source,
    sourceId: _sourceId, // Shopify's gid number vs the platform's order_id
    number: _number, // "#1001" vs "1001"
    processedAt: _processedAt, // API2Cart has none
    presentmentCurrency: _pc, // API2Cart gives the order in the shop currency only
    presentmentAmounts: _pa,
    taxLines: _taxLines, // API2Cart has a tax total, not named tax lines
    transactions: _tx, // API2Cart has total_paid, not transactions
    test: _test, // API2Cart has no test flag
    shippingLines,
    discounts,
    ...rest
  } = o;
  return {
    ...rest,
    // Shipping tax is inside API2Cart's tax total; the shipping amount and title agree.
    shippingLines: shippingLines.map((l) => ({ title: l.title, amount: l.amount })),
    // A code that took nothing off (FREESHIP on already-free shipping) is listed by API2Cart only.
    discounts: discounts.filter((d) => d.amount !== 0),
  };
}

describe('the same business through Shopify and through API2Cart', () => {
  it('normalises to the same orders on every field both carry', async () => {
    const business = generateBusiness({ seed: 7, orders: 150 });
    const now = clockAt(Date.parse('2026-11-20T12:00:00Z'));
    const shopify = createShopifyStandIn({ store: business.store, accessToken: 'shpat_same', readAllOrders: true, options: defaultStandInOptions({ now, rateLimits: 'off' }) });
    const s = await serve(shopify.handler);
    const viaShopify = await collect(new ShopifyConnector({ storeName: 'Harbor Goods', shopDomain: business.store.domain, accessToken: 'shpat_same', endpoint: `${s.url}/admin/api/2025-07/graphql.json`, now }).pull({ cursor: null }));
    const h = await startApi2Cart(business.store);
    const viaApi2Cart = await collect(h.connector('magento').pull({ cursor: null }));
    expect(viaShopify).toHaveLength(150);
    expect(viaApi2Cart).toHaveLength(150);
    const byNumber = new Map(viaApi2Cart.map((o) => [`#${o.number}`, o]));
    let refunds = 0;
    let cancelled = 0;
    for (const sh of viaShopify) {
      const a2c = byNumber.get(sh.number)!;
      expect(common(a2c), sh.number).toEqual(common(sh));
      // What does hold on the fields that differ.
      expect(a2c.totalTax).toBe(sh.taxLines.reduce((t, l) => t + l.amount, 0));
      if (sh.refunds.length) refunds++;
      if (sh.cancelledAt) cancelled++;
    }
    expect(refunds).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(0);
  });
});
