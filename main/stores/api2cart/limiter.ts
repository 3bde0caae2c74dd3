/**
 * Counting semaphores shared by every connector in the process: API2Cart allows 5 simultaneous calls
 * per store and 10 per account (api2cart.md §6), and two connector objects for the same store (a
 * verify and a pull, say) must share one budget. Keyed by a hash so no key sits in a map as text.
 */
import { createHash } from 'node:crypto';

export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active += 1;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal!.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.active -= 1;
    const next = this.waiters.shift();
    if (next) next();
  }
}

const semaphores = new Map<string, Semaphore>();

/** The process-wide semaphore for `scope` (e.g. base URL + store key), created with `limit` slots. */
export function sharedSemaphore(kind: 'store' | 'account', scope: string, limit: number): Semaphore {
  const id = `${kind}:${limit}:${createHash('sha256').update(scope).digest('hex')}`;
  let found = semaphores.get(id);
  if (!found) {
    found = new Semaphore(limit);
    semaphores.set(id, found);
  }
  return found;
}
