/**
 * API2Cart's concurrency limits (api2cart.md §6): at most 5 simultaneous calls per store (code 7)
 * and 10 per account (code 10). A call is in flight from the moment it arrives until its answer
 * is written, latency included. Peaks are recorded — rejected calls too — so tests can assert on
 * what a client really did.
 */
export interface ConcurrencyLimits {
  perStore: number;
  perAccount: number;
}

export const DEFAULT_LIMITS: ConcurrencyLimits = { perStore: 5, perAccount: 10 };

export interface Observed {
  /** Highest number of calls open at once, per store key. */
  peakPerStore: Record<string, number>;
  peakAccount: number;
  /** Calls answered with a non-zero return code, by code. */
  errors: Record<number, number>;
  calls: Record<string, number>;
  /** `page_cursor` values as they reached the server, after the query string was decoded. */
  cursorsReceived: string[];
}

export function emptyObserved(): Observed {
  return { peakPerStore: {}, peakAccount: 0, errors: {}, calls: {}, cursorsReceived: [] };
}

export class InFlight {
  private perStore = new Map<string, number>();
  private account = 0;

  constructor(private readonly observed: () => Observed) {}

  /** Registers an arriving call; returns the limit code it breaks (7 or 10), or 0. */
  enter(storeKey: string | null, limits: ConcurrencyLimits | null): number {
    this.account += 1;
    const obs = this.observed();
    obs.peakAccount = Math.max(obs.peakAccount, this.account);
    let storeCount = 0;
    if (storeKey !== null) {
      storeCount = (this.perStore.get(storeKey) ?? 0) + 1;
      this.perStore.set(storeKey, storeCount);
      obs.peakPerStore[storeKey] = Math.max(obs.peakPerStore[storeKey] ?? 0, storeCount);
    }
    if (!limits) return 0;
    if (storeKey !== null && storeCount > limits.perStore) return 7;
    if (this.account > limits.perAccount) return 10;
    return 0;
  }

  leave(storeKey: string | null): void {
    this.account -= 1;
    if (storeKey !== null) this.perStore.set(storeKey, (this.perStore.get(storeKey) ?? 1) - 1);
  }
}
