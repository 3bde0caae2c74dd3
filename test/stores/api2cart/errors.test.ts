import { describe, expect, it } from 'vitest';
import { StoreApiError, type StoreErrorKind } from '../../../main/stores/connector';
import { knownReturnCodes, RETRYABLE_CODES } from '../../../main/stores/api2cart/return-codes';
import { backoffDelayMs } from '../../../main/stores/api2cart/client';
import { countOrders } from '../../../main/mirror/store-orders';
import { pullStore } from '../../../main/stores/pull-store';
import { demoBusiness, generateBusiness } from '../../../sandbox/seed/index';
import { API_KEY, companyDb, startApi2Cart } from './harness';

// Every code in the reference (api2cart.md §3) and the kind of failure it is for the bookkeeper.
const EXPECTED_KIND: Record<number, StoreErrorKind> = {
  1: 'unavailable', 2: 'auth', 3: 'bad_request', 4: 'auth', 5: 'auth', 6: 'auth', 7: 'throttled', 8: 'bad_request',
  9: 'unavailable', 10: 'throttled', 12: 'unavailable', 100: 'auth', 101: 'auth', 102: 'unavailable', 103: 'unavailable',
  104: 'unavailable', 105: 'unavailable', 106: 'unavailable', 107: 'unavailable', 109: 'bad_request', 110: 'throttled',
  111: 'bad_request', 112: 'not_found', 113: 'bad_request', 114: 'bad_request', 115: 'bad_request', 116: 'bad_request',
};

async function failure(promise: Promise<unknown>): Promise<StoreApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreApiError) return error;
    throw error;
  }
  throw new Error('expected a StoreApiError');
}

describe('API2Cart return codes', () => {
  it('maps every code in the reference', () => {
    expect(knownReturnCodes().sort((a, b) => a - b)).toEqual(Object.keys(EXPECTED_KIND).map(Number));
  });

  it('turns each non-zero code into an error that names the store, quotes API2Cart and says what to do', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    for (const code of knownReturnCodes()) {
      const times = RETRYABLE_CODES.has(code) ? 6 : 1; // retried codes fail only when retries run out
      h.standIn.inject({ code, method: 'cart.info', times, message: `stand-in message ${code}` });
      const error = await failure(h.connector('magento', { storeName: 'Harbor on Magento' }).verify());
      expect(error.kind, `code ${code}`).toBe(EXPECTED_KIND[code]);
      expect(error.storeName).toBe('API2Cart store "Harbor on Magento"');
      expect(error.message).toMatch(/^API2Cart store "Harbor on Magento": /);
      expect(error.message).toContain(`API2Cart said: "stand-in message ${code}" (code ${code}).`);
      expect(error.message).toMatch(/\.\s[A-Z][^.]*\.?$/); // ends with an instruction sentence
    }
  });

  it('says what to do for the common ones', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const says = async (code: number) => {
      h.standIn.inject({ code, method: 'cart.info' });
      return (await failure(h.connector('ebay', { storeName: 'S' }).verify())).message;
    };
    expect(await says(2)).toMatch(/API key.*connect the store again/);
    expect(await says(101)).toMatch(/store key.*connect the store again/);
    expect(await says(106)).toMatch(/cannot reach the store's URL.*online/);
    expect(await says(109)).toMatch(/refused a parameter.*report/);
    expect(await says(999)).toMatch(/return code 999, which Ledgerbridge does not know/);
  });

  it('refuses a wrong API key or store key at connect time with API2Cart\'s own message', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const badApi = await failure(h.connector('magento', { apiKey: 'wrong-api-key' }).verify());
    expect(badApi.kind).toBe('auth');
    expect(badApi.message).toContain('"Incorrect API Key" (code 2)');
    const badStore = await failure(h.connector('magento', { storeKey: 'wrong-store-key' }).verify());
    expect(badStore.kind).toBe('auth');
    expect(badStore.message).toContain('(code 101)');
    expect(badStore.message).toMatch(/store key/);
  });

  it('never repeats a key in a message, even when API2Cart echoes it', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const storeKey = h.standIn.storeKeys.magento!;
    h.standIn.inject({ code: 4, method: 'cart.info', message: `Store ${storeKey} denied for ${API_KEY}` });
    const error = await failure(h.connector('magento').verify());
    expect(error.message).not.toContain(storeKey);
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).toContain('Store [key] denied for [key]');
  });
});

describe('API2Cart throttling and concurrency', () => {
  it('retries codes 7, 10 and 110 with backoff and imports everything', async () => {
    const business = demoBusiness();
    const h = await startApi2Cart(business.store);
    const db = companyDb();
    const connector = h.connector('etsy', { pageSize: 20, workers: 1 });
    await connector.verify();
    h.standIn.inject({ code: 7, method: 'order.list', times: 2 });
    h.standIn.inject({ code: 10, method: 'order.list', times: 1 });
    h.standIn.inject({ code: 110, method: 'order.list', times: 2 });
    const result = await pullStore(db, 'etsy', connector);
    expect(result.added).toBe(120);
    expect(h.standIn.observed().errors).toEqual({ 7: 2, 10: 1, 110: 2 });
  });

  it('gives up after its attempts with a throttled error and keeps what it committed', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const db = companyDb();
    const connector = h.connector('magento', { pageSize: 20, workers: 1, retry: { attempts: 3, baseMs: 1, capMs: 5 } });
    let pages = 0;
    const error = await failure(
      pullStore(db, 'm', connector, {
        onProgress: (p) => {
          if (p.done === 40 && pages++ === 0) h.standIn.inject({ code: 110, method: 'order.list', times: 3 });
        },
      }),
    );
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/throttling/);
    // Whole pages only: the two committed pages, nothing of the third.
    expect(countOrders(db, 'm')).toBe(40);
  });

  it('never has more than 5 calls in flight per store, even with two pulls of the same store at once', async () => {
    const business = generateBusiness({ orders: 500, seed: 7 });
    const h = await startApi2Cart(business.store, { options: { latencyMs: 15 } });
    const [a, b] = [h.connector('ebay', { pageSize: 25 }), h.connector('ebay', { pageSize: 25 })];
    const [ra, rb] = await Promise.all([pullStore(companyDb(), 'a', a), pullStore(companyDb(), 'b', b)]);
    expect(ra.added).toBe(500);
    expect(rb.added).toBe(500);
    const observed = h.standIn.observed();
    // The limit holds (the stand-in would answer code 7 past 5); how close the peak gets to it
    // depends on the machine's load, so only "in parallel, never past 5" is asserted.
    expect(observed.peakPerStore[h.standIn.storeKeys.ebay!]).toBeGreaterThanOrEqual(2);
    expect(observed.peakPerStore[h.standIn.storeKeys.ebay!]).toBeLessThanOrEqual(5);
    expect(observed.errors[7]).toBeUndefined();
    // Cursors were decoded once and encoded once: they reached the server with their / and + intact.
    expect(observed.cursorsReceived.length).toBeGreaterThan(10);
    expect(observed.cursorsReceived.every((c) => /^[A-Za-z0-9+/]+=*$/.test(c))).toBe(true);
    expect(observed.cursorsReceived.some((c) => c.includes('/') && c.includes('+'))).toBe(true);
  });

  it('keeps the account under 10 calls when pulling three stores at once', async () => {
    const h = await startApi2Cart(generateBusiness({ orders: 300, seed: 3 }).store, { options: { latencyMs: 10 } });
    const results = await Promise.all((['magento', 'ebay', 'etsy'] as const).map((f) => pullStore(companyDb(), f, h.connector(f, { pageSize: 25 }))));
    expect(results.map((r) => r.added)).toEqual([300, 300, 300]);
    expect(h.standIn.observed().peakAccount).toBeLessThanOrEqual(10);
    expect(h.standIn.observed().errors).toEqual({});
  });
});

describe('API2Cart backoff', () => {
  it('waits a random share of an exponential ceiling (full jitter), capped', () => {
    const policy = (r: number) => ({ attempts: 8, baseMs: 100, capMs: 1000, random: () => r });
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, policy(0.999999)))).toEqual([99, 199, 399, 799, 999, 999]);
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy(0.5)))).toEqual([50, 100, 200, 400]);
    expect(backoffDelayMs(3, policy(0))).toBe(0);
  });

  it('really sleeps between retries', async () => {
    const h = await startApi2Cart(demoBusiness().store);
    const connector = h.connector('magento', { retry: { attempts: 4, baseMs: 60, capMs: 1000, random: () => 0.99 } });
    h.standIn.inject({ code: 110, method: 'cart.info', times: 2 });
    const started = Date.now();
    await connector.verify();
    // 0.99 × 60 + 0.99 × 120 ≈ 178 ms of waiting before the third try got through.
    expect(Date.now() - started).toBeGreaterThanOrEqual(175);
    expect(h.standIn.observed().errors).toEqual({ 110: 2 });
  });
});
