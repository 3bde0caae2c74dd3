/**
 * A clock for tests that runs on events, not on wall time: `sleep` parks the caller, and on the
 * next turn of the event loop time jumps to the earliest parked wake-up. The limiter and the
 * stand-ins read the same `now`, so minutes of QBO traffic take a second of real time while every
 * request still lands at a definite instant on both sides.
 */
import type { Clock } from '../../main/qbo/clock';

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private sleepers: Sleeper[] = [];
  private ticking = false;

  /**
   * `isBusy`: while it returns true (e.g. requests in flight) time stands still, as it would for
   * work that takes no time on the virtual scale; the clock looks again a millisecond later.
   */
  constructor(
    start = Date.UTC(2026, 10, 25, 9, 0, 0),
    private readonly isBusy: () => boolean = () => false,
  ) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  /** Moves time forward by hand (token expiry, grace windows). */
  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const sleeper: Sleeper = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
      this.sleepers.push(sleeper);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.ticking) return;
    this.ticking = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    if (this.sleepers.length > 0 && this.isBusy()) {
      setTimeout(() => this.tick(), 1);
      return;
    }
    this.ticking = false;
    if (this.sleepers.length === 0) return;
    this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.sleepers.shift()!;
    this.t = Math.max(this.t, next.at);
    next.resolve();
    if (this.sleepers.length > 0) this.schedule();
  }
}
