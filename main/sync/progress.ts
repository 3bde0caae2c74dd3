/**
 * Per-entity progress in the shape of the contract's `syncProgress` event: one 'pulling' event per
 * page written (a full pull of 100,000 invoices sends 100), rates in rows per second since the
 * entity started.
 */

export type SyncPhaseName = 'starting' | 'pulling' | 'writing' | 'done' | 'failed' | 'cancelled';

export interface SyncProgressEvent {
  realmId: string;
  source: string;
  entity: string;
  phase: SyncPhaseName;
  done: number;
  total: number | null;
  ratePerSecond: number | null;
}

export type ProgressListener = (event: SyncProgressEvent) => void;

interface EntityProgress {
  startedAt: number;
  done: number;
  total: number | null;
}

export class ProgressReporter {
  private readonly entities = new Map<string, EntityProgress>();

  constructor(
    private readonly realmId: string,
    private readonly listener: ProgressListener | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(entity: string, total: number | null, done = 0): void {
    this.entities.set(entity, { startedAt: this.now(), done, total });
    this.send(entity, 'starting');
  }

  has(entity: string): boolean {
    return this.entities.has(entity);
  }

  setTotal(entity: string, total: number): void {
    const p = this.entities.get(entity);
    if (p) p.total = total;
  }

  /** `rows` more rows of `entity` are in the mirror. */
  advance(entity: string, rows: number): void {
    const p = this.entities.get(entity);
    if (!p) return;
    p.done += rows;
    this.send(entity, 'pulling');
  }

  finish(entity: string, phase: 'done' | 'failed' | 'cancelled'): void {
    if (!this.entities.has(entity)) return;
    this.send(entity, phase);
  }

  /** Every entity started and not finished yet ends with `phase`. */
  finishAll(phase: 'failed' | 'cancelled', except: ReadonlySet<string>): void {
    for (const entity of this.entities.keys()) if (!except.has(entity)) this.send(entity, phase);
  }

  private send(entity: string, phase: SyncPhaseName): void {
    const p = this.entities.get(entity)!;
    const seconds = (this.now() - p.startedAt) / 1000;
    const rate = phase === 'starting' || seconds <= 0 ? null : Math.round((p.done / seconds) * 10) / 10;
    try {
      this.listener?.({ realmId: this.realmId, source: 'qbo', entity, phase, done: p.done, total: p.total, ratePerSecond: rate });
    } catch {
      // A broken listener must not fail the pull.
    }
  }
}
