import { describe, expect, it } from 'vitest';
import { readCursor } from '../../../main/mirror/store-cursors';
import { countOrders, loadOrder } from '../../../main/mirror/store-orders';
import { StoreApiError } from '../../../main/stores/connector';
import { ORDERS_CURSOR, pullStore } from '../../../main/stores/pull-store';
import { FLAVOURS } from '../../../sandbox/api2cart/flavours';
import { emptyBusiness, generateBusiness } from '../../../sandbox/seed/index';
import { companyDb, startApi2Cart } from './harness';

describe('API2Cart pulls that stop and start again', () => {
  it('resumes a killed pull without duplicates or gaps, window by window', async () => {
    const business = generateBusiness({ orders: 400, seed: 11 });
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const abort = new AbortController();
    const first = h.connector('magento', { pageSize: 25 });
    await expect(
      pullStore(db, 'm', first, {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.done >= 150) abort.abort(new Error('killed'));
        },
      }),
    ).rejects.toThrow('killed');
    const committed = countOrders(db, 'm');
    expect(committed).toBeGreaterThanOrEqual(100);
    expect(committed).toBeLessThan(400);
    const cursor = JSON.parse(readCursor(db, 'm', ORDERS_CURSOR)!);
    expect(cursor.windows.length).toBeGreaterThan(1); // the pull ran in several time windows

    const second = await pullStore(db, 'm', h.connector('magento', { pageSize: 25 }));
    expect(second).toMatchObject({ added: 400 - committed, updated: 0, unchanged: 0 });
    expect(countOrders(db, 'm')).toBe(400);
    for (const o of business.store.orders) expect(loadOrder(db, 'm', FLAVOURS.magento.orderId(o))).toBeDefined();
    expect(JSON.parse(readCursor(db, 'm', ORDERS_CURSOR)!).windows).toBeNull();
  });

  it('commits whole pages only when the store fails mid-pull, then finishes', async () => {
    const business = generateBusiness({ orders: 300, seed: 5 });
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    let injected = false;
    let reported = 0;
    const error = await pullStore(db, 'e', h.connector('ebay', { pageSize: 25, workers: 1 }), {
      onProgress: (p) => {
        reported = p.done;
        if (!injected && p.done >= 75) {
          injected = true;
          h.standIn.inject({ code: 106, method: 'order.list' });
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreApiError);
    expect((error as StoreApiError).message).toMatch(/cannot reach the store's URL/);
    // Every page handed over was committed whole; the failed one not at all.
    expect(countOrders(db, 'e')).toBe(reported);
    expect(reported).toBeGreaterThanOrEqual(75);
    expect(reported).toBeLessThan(300);
    const rest = await pullStore(db, 'e', h.connector('ebay', { pageSize: 25 }));
    expect(rest.updated + rest.unchanged).toBe(0);
    expect(countOrders(db, 'e')).toBe(300);
  });

  it('pulls only what changed since, through the overlap window, without re-importing what it saw', async () => {
    const business = generateBusiness({ orders: 200, seed: 2 });
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    await pullStore(db, 'x', h.connector('etsy'));
    // Nothing changed: the overlap re-reads the last orders and drops them by order_id + modified_at.
    expect(await pullStore(db, 'x', h.connector('etsy'))).toMatchObject({ added: 0, updated: 0, unchanged: 0 });

    const latest = Math.max(...business.store.orders.map((o) => Date.parse(o.updatedAt)));
    const changed = business.store.orders.slice(0, 3);
    changed.forEach((o, i) => {
      o.updatedAt = new Date(latest + (i + 1) * 60_000).toISOString();
      o.lines[0]!.title = `${o.lines[0]!.title} (renamed)`;
    });
    const fresh = { ...business.store.orders[10]!, id: '77', number: 99_001, name: '#99001', updatedAt: new Date(latest + 120_000).toISOString() };
    business.store.orders.push(fresh);
    h.standIn.resetObserved();
    const result = await pullStore(db, 'x', h.connector('etsy'));
    expect(result).toMatchObject({ added: 1, updated: 3, unchanged: 0 });
    expect(loadOrder(db, 'x', FLAVOURS.etsy.orderId(changed[0]!))!.lines[0]!.title).toMatch(/\(renamed\)$/);
    // One count and one page: the pull asked only for what changed since the last high-water mark.
    expect(h.standIn.observed().calls).toMatchObject({ 'order.count': 1, 'order.list': 1 });
  });

  it("keeps eBay's windows within its 30-day modified range", async () => {
    const business = generateBusiness({ orders: 300, seed: 9 });
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const abort = new AbortController();
    let reports = 0;
    // Report 1 is the total, 2 comes with the first page (committed), 3 with the second (not).
    const stopAtSecondPage = () => ++reports === 3 && abort.abort(new Error('stop'));
    await expect(pullStore(db, 'w', h.connector('ebay', { pageSize: 25 }), { signal: abort.signal, onProgress: stopAtSecondPage })).rejects.toThrow('stop');
    const windows = JSON.parse(readCursor(db, 'w', ORDERS_CURSOR)!).windows as Array<{ from: number | null; to: number | null }>;
    expect(windows.length).toBeGreaterThanOrEqual(4); // 120 days of orders
    for (const w of windows) if (w.to !== null) expect(w.to - w.from!).toBeLessThanOrEqual(30 * 86_400_000);
    await pullStore(db, 'w', h.connector('ebay', { pageSize: 25 }));
    expect(countOrders(db, 'w')).toBe(300);
    expect(h.standIn.observed().errors).toEqual({});
  });

  it('pulls an empty store without error and with nothing to write', async () => {
    const h = await startApi2Cart(emptyBusiness().store);
    const db = companyDb();
    const connector = h.connector('magento');
    const progress: Array<{ done: number; total: number | null }> = [];
    expect(await pullStore(db, 'empty', connector, { onProgress: (p) => progress.push(p) })).toEqual({ added: 0, updated: 0, unchanged: 0, pages: 0 });
    expect(progress).toEqual([{ done: 0, total: 0 }]);
  });

  it('holds back an order it cannot read, reports it, and imports it once it can', async () => {
    const business = generateBusiness({ orders: 40, seed: 4 });
    const odd = business.store.orders[5]!;
    odd.currency = 'XYZ';
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const first = await pullStore(db, 'h', h.connector('magento'));
    expect(first.added).toBe(39);
    expect(h.problems).toEqual([
      { orderId: String(odd.number), severity: 'held', message: `API2Cart store "Harbor Goods Co.": order ${odd.number} was not imported: currency "XYZ" is not an ISO 4217 code` },
    ]);
    expect(JSON.parse(readCursor(db, 'h', ORDERS_CURSOR)!).held).toEqual([String(odd.number)]);
    // Still unreadable: reported again, still held.
    h.problems.length = 0;
    expect((await pullStore(db, 'h', h.connector('magento'))).added).toBe(0);
    expect(h.problems.map((p) => p.severity)).toEqual(['held']);
    // Fixed in the store without touching modified_at: the held list still brings it in.
    odd.currency = 'USD';
    expect((await pullStore(db, 'h', h.connector('magento'))).added).toBe(1);
    expect(JSON.parse(readCursor(db, 'h', ORDERS_CURSOR)!).held).toEqual([]);
  });

  it('stops with one clear error when orders are unreadable wholesale, not one by one', async () => {
    const business = generateBusiness({ orders: 300, seed: 4 });
    for (const o of business.store.orders) o.currency = 'XYZ';
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const error = await pullStore(db, 'bad', h.connector('magento', { workers: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreApiError);
    expect((error as StoreApiError).kind).toBe('bad_response');
    expect((error as StoreApiError).message).toMatch(/more than 200 orders could not be read, the latest because currency "XYZ" is not an ISO 4217 code/);
    expect(countOrders(db, 'bad')).toBe(0);
  });

  it('ends a pull with an error naming held orders when nobody listens for problems', async () => {
    const business = generateBusiness({ orders: 40, seed: 4 });
    business.store.orders[7]!.currency = 'XYZ';
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const error = await pullStore(db, 'q', h.connector('etsy', { onProblem: undefined })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreApiError);
    expect((error as StoreApiError).message).toBe(
      `API2Cart store "HarborGoodsCo": 1 order was not imported (order ${FLAVOURS.etsy.orderId(business.store.orders[7]!)} was not imported: currency "XYZ" is not an ISO 4217 code). Every other order is in; the held one is tried again on every pull. Please report this with this message.`,
    );
    expect(countOrders(db, 'q')).toBe(39);
    expect(JSON.parse(readCursor(db, 'q', ORDERS_CURSOR)!)).toMatchObject({ windows: null, held: [FLAVOURS.etsy.orderId(business.store.orders[7]!)] });
  });
});
