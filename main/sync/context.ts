/** What every step of one company's pull shares. */
import type { CompanyDb } from '../mirror/open';
import type { MirroredEntity } from '../mirror/qbo/write';
import type { QboClient } from '../qbo/client';
import type { ProgressReporter } from './progress';

export interface EntityTally {
  /** How this sync brought the entity up to date. */
  mode: 'full' | 'resumed' | 'cdc' | 'fallback' | 'refresh';
  /** Objects received from QBO (pages, CDC, repair). */
  fetched: number;
  /** Objects written (inserted or replaced) into the mirror. */
  written: number;
  deleted: number;
  /** Objects found missing or extra by the count check and repaired. */
  repaired: number;
}

/** What the engine needs of QboClient (the real client satisfies it). */
export type SyncQboClient = Pick<QboClient, 'realmId' | 'queryPage' | 'count' | 'cdc'>;

export interface PullContext {
  db: CompanyDb;
  client: SyncQboClient;
  realmId: string;
  signal: AbortSignal;
  pageSize: number;
  /** Requests in flight at once (the realm limiter still decides when each may go). */
  concurrency: number;
  /** Safety overlap before a cursor, in ms. */
  overlapMs: number;
  /** Largest answer QBO gives one CDC request (1000); an answer this big may be truncated. */
  cdcCap: number;
  /** Local wall clock (bookkeeping times). */
  now: () => number;
  progress: ProgressReporter;
  tally(entity: MirroredEntity): EntityTally;
}

export function nowIso(ctx: PullContext): string {
  return new Date(ctx.now()).toISOString();
}
