/**
 * A queue of tasks with at most `concurrency` running; tasks may push more tasks. The first
 * failure stops new tasks from starting, calls `onFailure` (the engine aborts requests in flight)
 * and is rethrown by `drain()` once the running ones settled, so nothing is left writing.
 */
export class TaskQueue {
  private readonly pending: (() => Promise<void>)[] = [];
  private running = 0;
  private failure: { error: unknown } | null = null;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  push(task: () => Promise<void>): void {
    if (this.failure) return;
    this.pending.push(task);
    this.pump();
  }

  /** Resolves when every task pushed so far (and every task they pushed) is done. */
  drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.settle();
    });
  }

  private pump(): void {
    while (this.failure === null && this.running < this.concurrency && this.pending.length > 0) {
      const task = this.pending.shift()!;
      this.running += 1;
      void task().then(
        () => this.done(),
        (error: unknown) => {
          if (this.failure === null) {
            this.failure = { error };
            this.pending.length = 0;
            this.onFailure(error);
          }
          this.done();
        },
      );
    }
  }

  private done(): void {
    this.running -= 1;
    this.pump();
    this.settle();
  }

  private settle(): void {
    if (this.running > 0 || (this.pending.length > 0 && this.failure === null)) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (this.failure) w.reject(this.failure.error);
      else w.resolve();
    }
  }
}
