import { describe, expect, it } from 'vitest';
import { collect } from '../helpers/mirror';
import { oldOrder, partialRefundOrder } from '../helpers/orders';
import { shopifyRig } from '../helpers/shopify';

describe("Shopify's 60-day order window", () => {
  it('warns that older orders are invisible when the token lacks read_all_orders', async () => {
    const rig = await shopifyRig([structuredClone(oldOrder), structuredClone(partialRefundOrder)], { readAllOrders: false });
    const connector = rig.connector();
    const info = await connector.verify();
    expect(info.warnings).toHaveLength(1);
    expect(info.warnings[0]).toMatch(/older than 60 days \(before 2026-09-21\)/);
    expect(info.warnings[0]).toMatch(/read_all_orders/);
    // The 90-day-old order really is missing from the pull: the warning is the only sign of it.
    const orders = await collect(connector.pull({ cursor: null }));
    expect(orders.map((o) => o.number)).toEqual(['EU-1001']);
  });

  it('says nothing when the token sees orders older than 60 days', async () => {
    const rig = await shopifyRig([structuredClone(oldOrder), structuredClone(partialRefundOrder)], { readAllOrders: true });
    const info = await rig.connector().verify();
    expect(info).toEqual({ name: 'Harbor Goods', currency: 'USD', timeZone: 'America/Chicago', warnings: [] });
    expect(await collect(rig.connector().pull({ cursor: null }))).toHaveLength(2);
  });
});
