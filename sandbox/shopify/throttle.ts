/**
 * The GraphQL Admin API leaky bucket (store-apis.md A2). Defaults: 1000 points (the bucket seen
 * in real payloads) restoring at 100 points/s (today's Standard plan); both configurable since
 * the reference could not confirm the current bucket size.
 */
export interface ThrottleConfig {
  maximumAvailable: number;
  restoreRate: number;
  /** Largest requested cost a single query may have. */
  singleQueryMaxCost: number;
}

export const DEFAULT_THROTTLE: ThrottleConfig = { maximumAvailable: 1000, restoreRate: 100, singleQueryMaxCost: 1000 };

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface BucketState {
  available: number;
  atMs: number;
}

export class CostBucket {
  private available: number;
  private atMs: number;

  constructor(
    readonly config: ThrottleConfig,
    private readonly now: () => number,
    private readonly enforced: boolean,
  ) {
    this.available = config.maximumAvailable;
    this.atMs = now();
  }

  private refill(): void {
    const t = this.now();
    const elapsed = Math.max(0, t - this.atMs) / 1000;
    this.available = Math.min(this.config.maximumAvailable, this.available + elapsed * this.config.restoreRate);
    this.atMs = t;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.config.maximumAvailable,
      // Shopify prints whole points; the bucket itself refills continuously.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.config.restoreRate,
    };
  }

  /** Takes `cost` points if the bucket holds them (always, when limits are off). */
  take(cost: number): boolean {
    this.refill();
    if (!this.enforced) return true;
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back the difference between requested and actual cost after a query ran. */
  refund(points: number): void {
    if (!this.enforced) return;
    this.refill();
    this.available = Math.min(this.config.maximumAvailable, this.available + Math.max(0, points));
  }

  exportState(): BucketState {
    return { available: this.available, atMs: this.atMs };
  }

  importState(state: BucketState): void {
    this.available = state.available;
    this.atMs = state.atMs;
  }
}
