import { describe, expect, it } from 'vitest';
import { demoBusiness, generateBusiness, mulberry32 } from '../../../sandbox/seed';

describe('seed determinism', () => {
  it('the same seed and options give deep-equal businesses', () => {
    expect(generateBusiness({ seed: 7, orders: 150 })).toEqual(generateBusiness({ seed: 7, orders: 150 }));
    expect(demoBusiness()).toEqual(demoBusiness());
  });

  it('a different seed gives a different business', () => {
    const a = generateBusiness({ seed: 7, orders: 150 });
    const b = generateBusiness({ seed: 8, orders: 150 });
    expect(a.store.orders.map((o) => o.totalMinor)).not.toEqual(b.store.orders.map((o) => o.totalMinor));
    expect(a.expected.map((e) => e.status)).not.toEqual(b.expected.map((e) => e.status));
  });

  it('does not read the wall clock: a fixed `now` fixes every instant', () => {
    const now = new Date('2025-05-01T00:00:00Z');
    const b = generateBusiness({ seed: 3, orders: 80, now });
    const latest = Math.max(...b.store.orders.map((o) => Date.parse(o.updatedAt)));
    expect(latest).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...b.store.orders.map((o) => Date.parse(o.createdAt)))).toBeGreaterThanOrEqual(now.getTime() - 120 * 86_400_000);
  });

  it('small and short businesses work: 0, 1 and 15 orders, 5 days of history', () => {
    expect(generateBusiness({ orders: 0 }).store.orders).toEqual([]);
    expect(generateBusiness({ orders: 1 }).expected).toHaveLength(1);
    const short = generateBusiness({ seed: 4, orders: 15, days: 5 });
    expect(short.store.orders).toHaveLength(15);
    const now = Date.parse('2026-11-20T12:00:00Z');
    for (const o of short.store.orders) expect(now - Date.parse(o.createdAt)).toBeLessThanOrEqual(5 * 86_400_000);
  });

  it('mulberry32 is reproducible and spread over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
