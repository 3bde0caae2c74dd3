/**
 * Client-side view of Shopify's cost bucket (store-apis.md A2). Every response reports how many
 * points are left and how fast they come back; waiting for exactly the missing points before
 * the next query keeps a long pull at the budget's pace without ever being turned away.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBudget {
  private status: ThrottleStatus | null = null;
  private atMs = 0;

  constructor(private readonly now: () => number) {}

  observe(status: ThrottleStatus | null | undefined): void {
    if (!status || typeof status.currentlyAvailable !== 'number' || typeof status.restoreRate !== 'number') return;
    this.status = status;
    this.atMs = this.now();
  }

  get maximum(): number | null {
    return this.status?.maximumAvailable ?? null;
  }

  get restoreRate(): number | null {
    return this.status?.restoreRate ?? null;
  }

  /** Points the bucket holds now, by the last report and the time since. */
  available(): number | null {
    if (!this.status) return null;
    const elapsed = Math.max(0, this.now() - this.atMs) / 1000;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + elapsed * this.status.restoreRate);
  }

  /** Milliseconds until `cost` points are there (0 when they are, or when nothing is known yet). */
  waitFor(cost: number): number {
    const available = this.available();
    if (available === null || !this.status || this.status.restoreRate <= 0) return 0;
    const missing = cost - available;
    // Shopify prints whole points and refills continuously: a few ms more avoids a needless THROTTLED.
    return missing <= 0 ? 0 : Math.ceil((missing / this.status.restoreRate) * 1000) + 5;
  }
}
