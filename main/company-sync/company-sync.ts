/**
 * "Sync now" for one company, as the app does it: the connected stores first, then QuickBooks
 * (each pull in a worker thread, so the main process stays responsive), then a reconcile from the mirror.
 * One sync per company at a time: a second request joins the running one. Stopping cancels what
 * runs (store pulls and QuickBooks pulls alike) and waits for it to end.
 */
import type { AppContext } from '../app/context';
import { openCompanyDb } from '../mirror/open';
import { isProgrammingError } from '../platform/programming-error';
import type { RetryPolicy } from '../qbo/backoff';
import { summary, type Summary } from '../reconcile/read';
import { reconcileWorker } from '../reconcile/worker/host';
import { configFromSettings } from '../reconcile/service';
import type { StoreSyncSummary } from '../stores/sync-store';
import { syncStoreInWorker } from '../stores/worker/host';
import { isOffline, syncInWorker, type SyncSummary } from '../sync';

export interface CompanySyncOutcome {
  qbo: { status: 'synced' | 'offline' | 'failed'; error: string | null; summary: SyncSummary | null };
  stores: StoreSyncSummary[];
  reconciliation: Summary;
}

const DEFAULT_SYNC_INTERVAL_MINUTES = 15;

function syncIntervalMs(setting: { syncIntervalMinutes?: number }): number {
  return (setting.syncIntervalMinutes ?? DEFAULT_SYNC_INTERVAL_MINUTES) * 60_000;
}

export class CompanySync {
  private readonly running = new Map<string, { outcome: Promise<CompanySyncOutcome>; controller: AbortController }>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    /** Tests shorten the pull's request retries so that an offline pull fails in milliseconds. */
    private readonly options: { retry?: RetryPolicy } = {},
  ) {}

  /** Syncs the company now, or joins its sync already running. */
  sync(realmId: string, full = false): Promise<CompanySyncOutcome> {
    const running = this.running.get(realmId);
    if (running) return running.outcome;
    if (this.stopped) return Promise.reject(new Error('sync is stopped'));
    const controller = new AbortController();
    const outcome = this.run(realmId, full, controller.signal).finally(() => this.running.delete(realmId));
    this.running.set(realmId, { outcome, controller });
    return outcome;
  }

  private async run(realmId: string, full: boolean, signal: AbortSignal): Promise<CompanySyncOutcome> {
    const { ctx } = this;
    const stores: StoreSyncSummary[] = [];
    // Read once: each read is a file read, a parse and a schema check.
    const settings = ctx.settings.read();
    for (const store of settings.stores.filter((s) => s.realmId === realmId && s.kind !== 'csv')) {
      signal.throwIfAborted();
      stores.push(
        await syncStoreInWorker({
          store,
          dataDir: ctx.dataDir,
          keychain: ctx.keychain,
          signal,
          onProgress: (p) =>
            ctx.events.emit('syncProgress', { realmId, source: store.name, entity: 'orders', phase: 'pulling', done: p.done, total: p.total, ratePerSecond: null }),
        }),
      );
    }
    signal.throwIfAborted();
    let qbo: CompanySyncOutcome['qbo'];
    try {
      const summary = await syncInWorker({
        dataDir: ctx.dataDir,
        realmId,
        apiBase: ctx.connections.apiBase(realmId),
        tokens: ctx.connections.tokens(realmId),
        limiter: ctx.connections.limiter(realmId),
        full,
        signal,
        onProgress: (event) => ctx.events.emit('syncProgress', event),
        retry: this.options.retry,
      });
      qbo = { status: 'synced', error: null, summary };
    } catch (error) {
      if (!(error instanceof Error) || isProgrammingError(error) || signal.aborted) throw error;
      qbo = isOffline(error)
        ? { status: 'offline', error: 'QuickBooks is unreachable (offline); review keeps working and the next sync continues.', summary: null }
        : { status: 'failed', error: error.message, summary: null };
    }
    // Only what the sync changed is re-reconciled (everything the first time, or after a full pull),
    // in the reconcile worker: the app keeps answering meanwhile.
    await reconcileWorker().refresh(ctx.dataDir, realmId, configFromSettings(settings, realmId));
    const db = openCompanyDb(ctx.dataDir, realmId);
    try {
      return { qbo, stores, reconciliation: summary(db) };
    } finally {
      db.close();
    }
  }

  /**
   * Background sync: each connected company is synced again once its interval (setting
   * `syncIntervalMinutes`, default 15) has passed since its last sync, counted from now. The app's
   * only schedule. A company QuickBooks could not reach waits its interval like any other: sooner
   * retries would pull it again and again while offline, for nothing the user asked for.
   */
  startSchedule(now: () => number = Date.now, tickMs = 60_000): void {
    if (this.timer) return;
    const last = new Map<string, number>();
    this.timer = setInterval(() => {
      for (const company of this.ctx.settings.read().companies) {
        if (company.disconnectedAt || company.reconnectNeeded) continue;
        const previous = last.get(company.realmId);
        if (previous === undefined) last.set(company.realmId, now());
        else if (now() - previous >= syncIntervalMs(company)) {
          last.set(company.realmId, now());
          // Expected failures (offline, refused) come back in the outcome; anything thrown is a bug,
          // except the app stopping it.
          this.sync(company.realmId).catch((error: unknown) => {
            if (!this.stopped) process.stderr.write(`ledgerbridge: scheduled sync of ${company.realmId} failed: ${String(error)}\n`);
          });
        }
      }
    }, tickMs);
    this.timer.unref();
  }

  /** Stops the schedule, cancels every running sync and waits for each to end; later requests are refused. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    const ending: Array<Promise<unknown>> = [];
    for (const { outcome, controller } of this.running.values()) {
      controller.abort(Object.assign(new Error('sync stopped'), { name: 'AbortError' }));
      ending.push(outcome.catch(() => {}));
    }
    await Promise.all(ending);
  }
}

const services = new WeakMap<AppContext, CompanySync>();

/** The app's one CompanySync (per context), made on first use. */
export function companySync(ctx: AppContext): CompanySync {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = new CompanySync(ctx)));
  return service;
}
