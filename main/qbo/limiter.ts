/**
 * Client-side QBO rate limiter, one per realm, shared by every caller of that realm (sync pulls,
 * posting, company info). QBO counts requests on its own clock at *arrival*, which we never see:
 * a request arrives somewhere between when we send it and when its response is complete. So a
 * request holds its place in a window from the moment it is sent until `window` after its
 * response completed. With that rule any window of QBO's (sliding or fixed, on any clock that
 * runs at the same rate) holds at most `limit` arrivals, whatever the latency and its jitter.
 * The price is throughput lost to latency (a 10/s rule admits ~10 per (1 s + latency)), cheap
 * next to a 60-second 429 penalty.
 */
import type { Clock } from './clock';

export type RequestKind = 'request' | 'batch';

export interface LimitRule {
  /** Requests admitted per window. */
  limit: number;
  windowMs: number;
  /** Which requests count: every request, or only batch requests. */
  counts: 'all' | 'batch';
}

/** qbo-api.md §6: 500/min and 10/s per realm (batch calls included), 40 batch calls/min per realm + app. */
export const QBO_LIMITS: readonly LimitRule[] = [
  { limit: 500, windowMs: 60_000, counts: 'all' },
  { limit: 10, windowMs: 1_000, counts: 'all' },
  { limit: 40, windowMs: 60_000, counts: 'batch' },
];

interface Slot {
  kind: RequestKind;
  /** When the response completed; null while in flight. */
  end: number | null;
}

interface Waiter {
  kind: RequestKind;
  resolve: (permit: Permit) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export interface Permit {
  /** Call once the response is complete (or the request failed); frees nothing early. */
  release(): void;
}

export class RealmLimiter {
  private readonly slots: Slot[] = [];
  private readonly queue: Waiter[] = [];
  private timerAt: number | null = null;
  private readonly longestWindow: number;

  constructor(
    private readonly clock: Clock,
    private readonly rules: readonly LimitRule[] = QBO_LIMITS,
  ) {
    this.longestWindow = Math.max(...rules.map((r) => r.windowMs));
  }

  /** Waits (first come, first served) until a request of this kind may be sent. */
  acquire(kind: RequestKind = 'request', signal?: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = { kind, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Requests sent whose response is not complete yet. */
  get inFlight(): number {
    return this.slots.reduce((n, s) => (s.end === null ? n + 1 : n), 0);
  }

  /** Requests currently in flight or still counted in a window (for tests and diagnostics). */
  get counted(): number {
    this.prune(this.clock.now());
    return this.slots.length;
  }

  private pump(): void {
    const now = this.clock.now();
    this.prune(now);
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const wait = this.waitFor(head.kind, now);
      if (wait === 0) {
        this.queue.shift();
        if (head.signal && head.onAbort) head.signal.removeEventListener('abort', head.onAbort);
        const slot: Slot = { kind: head.kind, end: null };
        this.slots.push(slot);
        let released = false;
        head.resolve({
          release: () => {
            if (released) return;
            released = true;
            slot.end = this.clock.now();
            this.pump();
          },
        });
        continue;
      }
      // null: blocked by requests still in flight; their release() pumps again.
      if (wait !== null) this.wakeAt(now + wait);
      return;
    }
  }

  /** 0 when a request may go now, ms to wait when only time is needed, null when a release is. */
  private waitFor(kind: RequestKind, now: number): number | null {
    let longest = 0;
    for (const rule of this.rules) {
      if (rule.counts === 'batch' && kind !== 'batch') continue;
      let inFlight = 0;
      const ends: number[] = [];
      for (const slot of this.slots) {
        if (rule.counts === 'batch' && slot.kind !== 'batch') continue;
        if (slot.end === null) inFlight += 1;
        else if (slot.end + rule.windowMs >= now) ends.push(slot.end);
      }
      const excess = inFlight + ends.length - rule.limit + 1;
      if (excess <= 0) continue;
      if (excess > ends.length) return null;
      ends.sort((a, b) => a - b);
      // The slot frees strictly after end + window, so it can no longer share a window with us.
      longest = Math.max(longest, ends[excess - 1]! + rule.windowMs + 1 - now);
    }
    return longest;
  }

  private wakeAt(at: number): void {
    if (this.timerAt !== null && this.timerAt <= at) return;
    this.timerAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.timerAt === at) this.timerAt = null;
      this.pump();
    });
  }

  private prune(now: number): void {
    let write = 0;
    for (const slot of this.slots) {
      if (slot.end === null || slot.end + this.longestWindow >= now) this.slots[write++] = slot;
    }
    this.slots.length = write;
  }
}

/** One limiter per realm for the whole process, so every caller shares the same budget. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, RealmLimiter>();
  constructor(
    private readonly clock: Clock,
    private readonly rules: readonly LimitRule[] = QBO_LIMITS,
  ) {}

  forRealm(realmId: string): RealmLimiter {
    let limiter = this.limiters.get(realmId);
    if (!limiter) {
      limiter = new RealmLimiter(this.clock, this.rules);
      this.limiters.set(realmId, limiter);
    }
    return limiter;
  }
}
