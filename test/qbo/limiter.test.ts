import { describe, expect, it } from 'vitest';
import { RealmLimiter, type LimitRule } from '../../main/qbo/limiter';
import { VirtualClock } from './virtual-clock';

/** Arrival times a server would see if every request took `latency` ms. */
async function run(limiter: RealmLimiter, clock: VirtualClock, count: number, latency: (i: number) => number, kind: 'request' | 'batch' = 'request') {
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const permit = await limiter.acquire(kind);
      starts.push(clock.now());
      await clock.sleep(latency(i));
      permit.release();
    }),
  );
  return starts.sort((a, b) => a - b);
}

function maxInWindow(stamps: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < stamps.length; hi++) {
    while (stamps[hi]! - stamps[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('RealmLimiter', () => {
  it('keeps 600 requests within 10/s and 500/min and needs no more time than the limits demand', async () => {
    const clock = new VirtualClock();
    const limiter = new RealmLimiter(clock);
    const t0 = clock.now();
    const starts = await run(limiter, clock, 600, () => 0);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(maxInWindow(starts, 60_000)).toBeLessThanOrEqual(500);
    // 500 in the first minute, the rest after it: just over 60 s, not much more.
    const elapsed = clock.now() - t0;
    expect(elapsed).toBeGreaterThan(60_000);
    expect(elapsed).toBeLessThan(75_000);
  });

  it('counts a request until a window after its response, so slow answers cannot bunch arrivals', async () => {
    const clock = new VirtualClock();
    const rules: LimitRule[] = [{ limit: 3, windowMs: 1000, counts: 'all' }];
    const limiter = new RealmLimiter(clock, rules);
    // Request i is "in flight" 0..900 ms: a server sees it arrive at the end (the worst case).
    const arrivals: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const permit = await limiter.acquire();
        const latency = (i * 337) % 900;
        await clock.sleep(latency);
        arrivals.push(clock.now());
        permit.release();
      }),
    );
    arrivals.sort((a, b) => a - b);
    expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(3);
  });

  it('limits batch calls to 40 a minute without holding back plain requests', async () => {
    const clock = new VirtualClock();
    const limiter = new RealmLimiter(clock);
    const t0 = clock.now();
    const batches = await run(limiter, clock, 45, () => 5, 'batch');
    expect(maxInWindow(batches, 60_000)).toBeLessThanOrEqual(40);
    expect(clock.now() - t0).toBeGreaterThan(60_000);
    const clock2 = new VirtualClock();
    const limiter2 = new RealmLimiter(clock2);
    const t1 = clock2.now();
    await run(limiter2, clock2, 45, () => 5, 'request');
    expect(clock2.now() - t1).toBeLessThan(10_000);
  });

  it('never admits more than the limit in flight, and frees a slot only a window after its response', async () => {
    const clock = new VirtualClock();
    const limiter = new RealmLimiter(clock, [{ limit: 2, windowMs: 1000, counts: 'all' }]);
    const a = await limiter.acquire();
    await limiter.acquire();
    let admittedAt: number | null = null;
    const pending = limiter.acquire().then((p) => {
      admittedAt = clock.now();
      return p;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(admittedAt).toBeNull(); // both in flight: no amount of waiting helps, only a release
    clock.advance(5000);
    const releasedAt = clock.now();
    a.release();
    (await pending).release();
    expect(admittedAt).toBe(releasedAt + 1001);
  });

  it('gives up waiting when the caller aborts', async () => {
    const clock = new VirtualClock();
    const limiter = new RealmLimiter(clock, [{ limit: 1, windowMs: 1000, counts: 'all' }]);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire('request', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
