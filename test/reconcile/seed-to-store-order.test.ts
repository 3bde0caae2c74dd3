import { describe, expect, it } from 'vitest';
import { seedToStoreOrder } from './seed-to-store-order';
import { allStoreOrders } from './helpers/seeded-mirror';
import { useDemo } from './helpers/demo';

const demo = useDemo();

describe('the in-process SeedOrder → StoreOrder path used by the benchmark', () => {
  it('gives exactly what the Shopify connector pulls over HTTP, for every demo order', () => {
    const { db } = demo.mirror();
    const pulled = new Map(allStoreOrders(db).map((o) => [o.sourceId, o]));
    expect(pulled.size).toBe(demo.business.store.orders.length);
    for (const seed of demo.business.store.orders) expect(seedToStoreOrder(seed), seed.name).toEqual(pulled.get(seed.id));
  });
});
