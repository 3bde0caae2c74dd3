import { describe, expect, it } from 'vitest';
import { storeOrderSchema } from '../../../main/orders/store-order';
import { pullStore } from '../../../main/stores/pull-store';
import { readCursor } from '../../../main/mirror/store-cursors';
import { allOrders, collect, freshMirror } from '../helpers/mirror';
import { daysAgo, partialRefundOrder, plainOrder, shippingRefundOrder, NOW } from '../helpers/orders';
import { shopifyRig } from '../helpers/shopify';

const clone = <T>(x: T): T => structuredClone(x);

describe('Shopify pull', () => {
  it('normalises shop money, presentment amounts, a partial refund and a custom order-name prefix exactly', async () => {
    const rig = await shopifyRig([clone(partialRefundOrder)]);
    const [order] = await collect(rig.connector().pull({ cursor: null }));
    expect(storeOrderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      source: 'shopify',
      sourceId: '5001',
      number: 'EU-1001',
      createdAt: '2026-11-10T15:30:00.000Z',
      updatedAt: '2026-11-12T09:00:00.000Z',
      currency: 'USD',
      presentmentCurrency: 'EUR',
      // 57.65 × 0.92 = 53.038 → 53.04; 4.38 × 0.92 = 4.0296 → 4.03; 5.99 → 5.51; 5.00 → 4.60
      presentmentAmounts: { total: 5304, totalTax: 403, shipping: 551, discounts: 460 },
      total: 5765,
      totalTax: 438,
      financialStatus: 'partially_refunded',
      test: false,
    });
    expect(order!.lines).toEqual([
      { sku: 'A-1', title: 'Anchor print', quantity: 2, unitPrice: 1999, discount: 500, tax: 288, total: 3498 },
      { sku: 'B-2', title: 'Brass hook', quantity: 1, unitPrice: 1230, discount: 0, tax: 101, total: 1230 },
    ]);
    expect(order!.shippingLines).toEqual([{ title: 'Standard', amount: 599, tax: 49 }]);
    expect(order!.discounts).toEqual([{ code: 'SAVE5', amount: 500 }]);
    expect(order!.taxLines).toEqual([{ title: 'TX State Tax', amount: 438 }]);
    // The refund is its own record; the total above is still the original 57.65.
    expect(order!.refunds).toEqual([
      { id: '70011', createdAt: '2026-11-12T09:00:00.000Z', amount: 1893, tax: 144, shipping: 0, lines: [{ sku: 'A-1', title: 'Anchor print', quantity: 1, amount: 1749 }] },
    ]);
    expect(order!.transactions).toEqual([
      { kind: 'sale', gateway: 'shopify_payments', amount: 5765, createdAt: '2026-11-10T15:30:00.000Z', reference: '60011' },
      { kind: 'refund', gateway: 'shopify_payments', amount: 1893, createdAt: '2026-11-12T09:00:00.000Z', reference: '60012' },
    ]);
  });

  it('keeps a shipping-only refund as shipping with no lines, and the test flag', async () => {
    const rig = await shopifyRig([clone(shippingRefundOrder)]);
    const [order] = await collect(rig.connector().pull({ cursor: null }));
    expect(order!.test).toBe(true);
    expect(order!.presentmentAmounts).toBeNull();
    expect(order!.total).toBe(3250);
    expect(order!.refunds).toEqual([{ id: '70021', createdAt: '2026-11-13T10:00:00.000Z', amount: 750, tax: 0, shipping: 750, lines: [] }]);
  });

  it('pulls everything, then only what changed: a later change arrives, the overlap is counted unchanged', async () => {
    const orders = [clone(partialRefundOrder), clone(shippingRefundOrder), ...Array.from({ length: 9 }, (_, i) => plainOrder(i))];
    const rig = await shopifyRig(orders);
    const { db } = freshMirror();
    const first = await pullStore(db, 'shop-1', rig.connector({ pageSize: 4 }));
    expect(first).toMatchObject({ added: 11, updated: 0, unchanged: 0 });
    expect(first.pages).toBe(3);
    expect(JSON.parse(readCursor(db, 'shop-1', 'orders')!)).toEqual({ v: 1, since: '2026-11-13T10:00:00.000Z' });

    // A note on #2003 and a new order after the first pull; #1002 was updated 2 min before the cursor's time.
    // Seed orders are replaced, not edited in place: the stand-in indexes each order object once.
    const at = rig.orders.findIndex((o) => o.name === '#2003');
    rig.orders[at] = { ...rig.orders[at]!, updatedAt: '2026-11-14T08:00:00Z', email: 'ada.lovelace@example.com' };
    rig.orders.push(plainOrder(50, { updatedAt: '2026-11-15T08:00:00Z' }));
    const second = await pullStore(db, 'shop-1', rig.connector({ pageSize: 4 }));
    // #1002 (updated at the cursor itself) falls in the 5-minute overlap: re-read, unchanged.
    expect(second).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(allOrders(db, 'shop-1').find((o) => o.number === '#2003')!.customer.email).toBe('ada.lovelace@example.com');
    expect(allOrders(db, 'shop-1')).toHaveLength(12);

    const third = await pullStore(db, 'shop-1', rig.connector({ pageSize: 4 }));
    expect(third).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
  });

  it('resumes a pull killed between pages: nothing duplicated, nothing missing', async () => {
    const orders = Array.from({ length: 10 }, (_, i) => plainOrder(i));
    const rig = await shopifyRig(orders);
    const { db } = freshMirror();
    const controller = new AbortController();
    let pages = 0;
    const killed = pullStore(db, 'shop-1', rig.connector({ pageSize: 3 }), {
      signal: controller.signal,
      onProgress: () => {
        // Progress is reported as each page is handed over; the third one never gets written.
        if (++pages === 4) controller.abort(new Error('killed'));
      },
    });
    await expect(killed).rejects.toThrow('killed');
    expect(allOrders(db, 'shop-1').map((o) => o.number)).toEqual(['#2000', '#2001', '#2002', '#2003', '#2004', '#2005']);

    const resumed = await pullStore(db, 'shop-1', rig.connector({ pageSize: 3 }));
    // The overlap re-reads the orders updated in the 5 minutes up to the cursor (#2005): #2000..#2005.
    expect(resumed).toMatchObject({ added: 4, updated: 0, unchanged: 6 });
    const stored = allOrders(db, 'shop-1');
    expect(stored.map((o) => o.number)).toEqual(orders.map((o) => o.name));
    expect(new Set(stored.map((o) => o.sourceId)).size).toBe(10);
    const fresh = await collect(rig.connector().pull({ cursor: null }));
    expect(stored).toEqual(fresh.sort((a, b) => a.sourceId.localeCompare(b.sourceId)));
  });

  it('hands each order over once per pull even when it is updated again mid-pull (dedupe by id + updatedAt)', async () => {
    const orders = Array.from({ length: 6 }, (_, i) => plainOrder(i));
    const rig = await shopifyRig(orders);
    const seen: string[] = [];
    let moved = false;
    for await (const page of rig.connector({ pageSize: 2 }).pull({ cursor: null })) {
      seen.push(...page.orders.map((o) => `${o.number}@${o.updatedAt}`));
      if (!moved) {
        // #2000 changes while the pull is running: it comes again, with its new updatedAt.
        rig.orders[0] = { ...rig.orders[0]!, updatedAt: new Date(NOW - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
        moved = true;
      }
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen[6]).toBe('#2000@2026-11-20T11:59:59.000Z');
  });

  it('learns the page size from the query cost instead of failing on first: 250', async () => {
    const rig = await shopifyRig(Array.from({ length: 12 }, (_, i) => plainOrder(i)));
    const connector = rig.connector();
    const orders = await collect(connector.pull({ cursor: null }));
    expect(orders).toHaveLength(12);
    // 250 orders with their nested lines cost far more than 1000 points; the pages that ran fit.
    expect(connector.stats.pages).toBeGreaterThan(1);
    expect(connector.stats.pages).toBeLessThan(12);
  });

  it('reads the rest of an order whose lines do not fit in the page (12 and 61 lines)', async () => {
    const manyLines = (i: number, n: number) =>
      plainOrder(i, {
        lines: Array.from({ length: n }, (_, k) => ({
          id: `${7000 + i}${100 + k}`, productId: '11', variantId: '21', sku: `SKU-${k}`, title: `Item ${k}`, variantTitle: null,
          quantity: 1, unitPriceMinor: 100 + k, discountMinor: 0, taxLines: [], taxable: false, requiresShipping: true,
        })),
      });
    const rig = await shopifyRig([manyLines(1, 12), manyLines(2, 61), plainOrder(3)]);
    const orders = await collect(rig.connector().pull({ cursor: null }));
    expect(orders.map((o) => o.lines.length)).toEqual([12, 61, 1]);
    expect(orders[1]!.lines.map((l) => l.sku)).toEqual(Array.from({ length: 61 }, (_, k) => `SKU-${k}`));
    expect(orders[1]!.lines[60]).toEqual({ sku: 'SKU-60', title: 'Item 60', quantity: 1, unitPrice: 160, discount: 0, tax: 0, total: 160 });
  });

  it('restarts its query from the newest change before the stand-in\'s pagination depth refuses a page, losing nothing', async () => {
    // Four early orders, four sharing one updatedAt, four later; Shopify's 25,000 scaled down to 6.
    const at = (i: number) => (i < 4 ? {} : i < 8 ? { updatedAt: '2026-11-01T00:00:00Z' } : { updatedAt: daysAgo(10, i * 60_000) });
    const orders = Array.from({ length: 12 }, (_, i) => plainOrder(i, at(i)));
    const rig = await shopifyRig(orders, { paginationDepthLimit: 6 });

    // Paging on past the 6th order is refused: without the restart this pull cannot finish.
    const unbounded = rig.connector({ pageSize: 3, deepPaginationLimit: Number.POSITIVE_INFINITY });
    await expect(collect(unbounded.pull({ cursor: null }))).rejects.toThrow(/limited to 6 objects/);

    const handed: string[][] = [];
    const cursors: string[] = [];
    for await (const page of rig.connector({ pageSize: 3, deepPaginationLimit: 6 }).pull({ cursor: null })) {
      handed.push(page.orders.map((o) => o.number));
      cursors.push(page.cursor);
    }
    // Restarted at the shared instant, the query re-reads #2004 and #2005 and skips them; the
    // second restart, at #2009, skips #2009.
    expect(handed).toEqual([['#2000', '#2001', '#2002'], ['#2003', '#2004', '#2005'], ['#2006'], ['#2007', '#2008', '#2009'], ['#2010', '#2011']]);
    expect(JSON.parse(cursors[2]!)).toEqual({ v: 1, since: '2026-11-01T00:00:00.000Z' });
    expect(JSON.parse(cursors[4]!)).toEqual({ v: 1, since: new Date(Date.parse(orders[11]!.updatedAt)).toISOString() });
  });

  it('turns to a bulk operation when more orders share one updatedAt than a query may page through', async () => {
    const orders = Array.from({ length: 10 }, (_, i) => plainOrder(i, i >= 1 && i <= 8 ? { updatedAt: '2026-11-01T00:00:00Z' } : {}));
    const rig = await shopifyRig(orders, { paginationDepthLimit: 6 });
    const connector = rig.connector({ pageSize: 3, deepPaginationLimit: 6 });
    const pulled = await collect(connector.pull({ cursor: null }));
    expect(connector.stats.usedBulk).toBe(true);
    expect(pulled.map((o) => o.number).sort()).toEqual(orders.map((o) => o.name).sort());
  });
});
