/**
 * QBO's documented per-realm limits (shared/reference/qbo-api.md §6): 10 requests/second,
 * 500 requests/minute (batch requests included), 40 batch requests/minute. Sliding windows over
 * the accepted requests' timestamps; a refused request does not count.
 */

export const LIMITS = {
  perSecond: 10,
  perMinute: 500,
  batchPerMinute: 40,
} as const;

class Window {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(
    private readonly spanMs: number,
    private readonly max: number,
  ) {}

  full(nowMs: number): boolean {
    while (this.head < this.stamps.length && this.stamps[this.head]! <= nowMs - this.spanMs) this.head++;
    if (this.head > 1024) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head >= this.max;
  }

  add(nowMs: number): void {
    this.stamps.push(nowMs);
  }
}

interface RealmWindows {
  second: Window;
  minute: Window;
  batch: Window;
}

export class RateLimiter {
  private readonly realms = new Map<string, RealmWindows>();

  /** True when the request may proceed (and is then counted). */
  admit(realmId: string, isBatch: boolean, nowMs: number): boolean {
    let w = this.realms.get(realmId);
    if (!w) {
      w = {
        second: new Window(1000, LIMITS.perSecond),
        minute: new Window(60_000, LIMITS.perMinute),
        batch: new Window(60_000, LIMITS.batchPerMinute),
      };
      this.realms.set(realmId, w);
    }
    if (w.second.full(nowMs) || w.minute.full(nowMs) || (isBatch && w.batch.full(nowMs))) return false;
    w.second.add(nowMs);
    w.minute.add(nowMs);
    if (isBatch) w.batch.add(nowMs);
    return true;
  }
}
