/**
 * Background sync for every company: a schedule per company, never two pulls of one company at
 * once (a request while one runs joins it and gets its result), and when QuickBooks is
 * unreachable the company is marked offline and, if it is scheduled here, retried sooner, with
 * backoff, while everything else (the mirror, the UI, other companies) carries on. A company
 * nobody scheduled here is never pulled on a timer: the app schedules whole company syncs (stores,
 * QuickBooks, reconcile) itself and only uses this class so that two pulls never overlap.
 */
import type { SyncSummary } from './engine';
import { isOffline } from './errors';

export interface RunRequest {
  realmId: string;
  full: boolean;
  signal: AbortSignal;
}

/** Runs one pull: in the app, `syncInWorker`; in the CLI, `syncCompany`. */
export type SyncRunner = (request: RunRequest) => Promise<SyncSummary>;

export interface CompanyRunStatus {
  realmId: string;
  running: boolean;
  lastSuccessAt: string | null;
  lastError: string | null;
  offline: boolean;
  nextRunAt: string | null;
}

interface Company {
  running: Promise<SyncSummary> | null;
  controller: AbortController | null;
  intervalMs: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  nextRunAt: number | null;
  offlineRetries: number;
  status: CompanyRunStatus;
}

export const DEFAULT_SYNC_INTERVAL_MINUTES = 15;
/** Retry delays while offline; the last one repeats (never longer than the company's interval). */
export const OFFLINE_RETRY_MS: readonly number[] = [30_000, 60_000, 120_000, 300_000];

export class SyncCoordinator {
  private readonly companies = new Map<string, Company>();
  private stopped = false;

  constructor(
    private readonly options: {
      run: SyncRunner;
      now?: () => number;
      offlineRetryMs?: readonly number[];
      /** Told after every pull (success or failure), e.g. to emit companiesChanged. */
      onStatus?: (status: CompanyRunStatus) => void;
    },
  ) {}

  private company(realmId: string): Company {
    let c = this.companies.get(realmId);
    if (!c) {
      c = {
        running: null,
        controller: null,
        intervalMs: null,
        timer: null,
        nextRunAt: null,
        offlineRetries: 0,
        status: { realmId, running: false, lastSuccessAt: null, lastError: null, offline: false, nextRunAt: null },
      };
      this.companies.set(realmId, c);
    }
    return c;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Pulls now, or joins the pull of this company already running. */
  sync(realmId: string, opts: { full?: boolean } = {}): Promise<SyncSummary> {
    const c = this.company(realmId);
    if (c.running) return c.running;
    if (this.stopped) return Promise.reject(new Error('sync is stopped'));
    const controller = new AbortController();
    c.controller = controller;
    c.status.running = true;
    const run = (async () => {
      try {
        const summary = await this.options.run({ realmId, full: opts.full ?? false, signal: controller.signal });
        c.status.lastSuccessAt = new Date(this.now()).toISOString();
        c.status.lastError = null;
        c.status.offline = false;
        c.offlineRetries = 0;
        this.plan(realmId, c.intervalMs);
        return summary;
      } catch (error) {
        c.status.lastError = error instanceof Error ? error.message : String(error);
        c.status.offline = isOffline(error);
        if (c.status.offline && c.intervalMs !== null) {
          const delays = this.options.offlineRetryMs ?? OFFLINE_RETRY_MS;
          const delay = delays[Math.min(c.offlineRetries, delays.length - 1)]!;
          c.offlineRetries += 1;
          this.plan(realmId, c.intervalMs === null ? delay : Math.min(delay, c.intervalMs));
        } else this.plan(realmId, c.intervalMs);
        throw error;
      } finally {
        c.running = null;
        c.controller = null;
        c.status.running = false;
        this.options.onStatus?.(this.status(realmId));
      }
    })();
    c.running = run;
    return run;
  }

  /** Pulls every `intervalMs` (after each pull ends), starting after `firstInMs`. */
  schedule(realmId: string, intervalMs: number, firstInMs = 0): void {
    const c = this.company(realmId);
    c.intervalMs = intervalMs;
    if (!c.running) this.plan(realmId, firstInMs);
  }

  unschedule(realmId: string): void {
    const c = this.company(realmId);
    c.intervalMs = null;
    this.plan(realmId, null);
  }

  cancel(realmId: string): void {
    this.companies.get(realmId)?.controller?.abort(Object.assign(new Error('sync cancelled'), { name: 'AbortError' }));
  }

  status(realmId: string): CompanyRunStatus {
    const c = this.company(realmId);
    return { ...c.status, nextRunAt: c.nextRunAt === null ? null : new Date(c.nextRunAt).toISOString() };
  }

  /** Cancels running pulls and timers; waits for the pulls to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<unknown>[] = [];
    for (const [realmId, c] of this.companies) {
      this.plan(realmId, null);
      if (c.running) {
        running.push(c.running.catch(() => {}));
        this.cancel(realmId);
      }
    }
    await Promise.all(running);
  }

  private plan(realmId: string, inMs: number | null): void {
    const c = this.company(realmId);
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    c.nextRunAt = null;
    if (inMs === null || this.stopped) return;
    c.nextRunAt = this.now() + inMs;
    c.timer = setTimeout(() => {
      c.timer = null;
      c.nextRunAt = null;
      // Failures are in the status; the timer has no one to tell.
      this.sync(realmId).catch(() => {});
    }, inMs);
    c.timer.unref?.();
  }
}

/** The interval a company's settings ask for, in ms. */
export function syncIntervalMs(setting: { syncIntervalMinutes?: number }): number {
  return (setting.syncIntervalMinutes ?? DEFAULT_SYNC_INTERVAL_MINUTES) * 60_000;
}
