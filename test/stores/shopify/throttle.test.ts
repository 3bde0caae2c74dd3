import { describe, expect, it } from 'vitest';
import { collect } from '../helpers/mirror';
import { plainOrder } from '../helpers/orders';
import { shopifyRig } from '../helpers/shopify';

describe('Shopify cost throttling', () => {
  it('waits for a small bucket to refill instead of failing', async () => {
    // 300 points refilled at 150/s: one order per query, and the pull must wait between queries.
    const rig = await shopifyRig(Array.from({ length: 8 }, (_, i) => plainOrder(i)), { rateLimits: 'real', throttle: { maximumAvailable: 300, restoreRate: 150 } });
    const connector = rig.connector();
    const orders = await collect(connector.pull({ cursor: null }));
    expect(orders.map((o) => o.number)).toEqual(Array.from({ length: 8 }, (_, i) => `#${2000 + i}`));
    expect(connector.stats.throttledMs).toBeGreaterThan(0);
    expect(connector.stats.restoreRate).toBe(150);
  });

  it('survives THROTTLED answers (HTTP 200 with errors) by waiting for the points it was refused', async () => {
    const rig = await shopifyRig(Array.from({ length: 3 }, (_, i) => plainOrder(i)), { rateLimits: 'real', throttle: { maximumAvailable: 1000, restoreRate: 200 } });
    // Another app emptied the bucket: the first order query is answered THROTTLED.
    const state = rig.standIn.exportState() as { bucket: { available: number; atMs: number } };
    rig.standIn.importState({ ...state, bucket: { available: 0, atMs: rig.now() } });
    const connector = rig.connector({ pageSize: 1 });
    const orders = await collect(connector.pull({ cursor: null }));
    expect(orders).toHaveLength(3);
    expect(rig.throttledResponses()).toBeGreaterThan(0);
    expect(connector.stats.throttledMs).toBeGreaterThan(0);
  });
});
