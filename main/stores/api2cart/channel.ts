/**
 * A bounded queue between the page fetchers (several time windows at once) and the one consumer
 * that hands pages to `pullStore`: fetchers wait when it is full, so memory stays a few pages deep
 * however far ahead the network could run.
 */
export class Channel<T> {
  private readonly items: T[] = [];
  private takers: Array<(item: T) => void> = [];
  private putters: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  /** Adds an item, waiting for room; `force` skips the wait (errors must always get through). */
  async put(item: T, signal?: AbortSignal, force = false): Promise<void> {
    while (!force && this.items.length >= this.capacity && this.takers.length === 0) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.putters = this.putters.filter((p) => p !== wake);
          reject(signal!.reason);
        };
        this.putters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  take(): Promise<T> {
    if (this.items.length > 0) {
      const item = this.items.shift()!;
      this.putters.shift()?.();
      return Promise.resolve(item);
    }
    return new Promise((resolve) => this.takers.push(resolve));
  }
}
