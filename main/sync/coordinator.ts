/**
 * Never two QuickBooks pulls of one company at once (a request while one runs joins it and gets
 * its result), and every running pull cancelled on stop. It has no timer: the app's one schedule
 * is CompanySync's, which syncs whole companies (stores, QuickBooks, reconcile) at each company's
 * interval; a second schedule here once pulled offline companies behind that one's back.
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
}

interface Company {
  running: Promise<SyncSummary> | null;
  controller: AbortController | null;
  status: CompanyRunStatus;
}

export class SyncCoordinator {
  private readonly companies = new Map<string, Company>();
  private stopped = false;

  constructor(private readonly options: { run: SyncRunner }) {}

  private company(realmId: string): Company {
    let c = this.companies.get(realmId);
    if (!c) {
      c = {
        running: null,
        controller: null,
        status: { realmId, running: false, lastSuccessAt: null, lastError: null, offline: false },
      };
      this.companies.set(realmId, c);
    }
    return c;
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
        c.status.lastSuccessAt = new Date().toISOString();
        c.status.lastError = null;
        c.status.offline = false;
        return summary;
      } catch (error) {
        c.status.lastError = error instanceof Error ? error.message : String(error);
        c.status.offline = isOffline(error);
        throw error;
      } finally {
        c.running = null;
        c.controller = null;
        c.status.running = false;
      }
    })();
    c.running = run;
    return run;
  }

  cancel(realmId: string): void {
    this.companies.get(realmId)?.controller?.abort(Object.assign(new Error('sync cancelled'), { name: 'AbortError' }));
  }

  status(realmId: string): CompanyRunStatus {
    return { ...this.company(realmId).status };
  }

  /** Cancels running pulls; waits for them to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<unknown>[] = [];
    for (const [realmId, c] of this.companies) {
      if (c.running) {
        running.push(c.running.catch(() => {}));
        this.cancel(realmId);
      }
    }
    await Promise.all(running);
  }
}
