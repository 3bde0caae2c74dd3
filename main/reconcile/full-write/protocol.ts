/** Between a full run and its writer thread (writer.ts ↔ entry.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { QboSideResult } from '../types';
import type { VerdictRow } from '../verdict-store';

/** What the full run sends, in order: chunks of rows, then the end (commit) or an abort (roll back). */
export type ToWriter =
  | { kind: 'rows'; rows: VerdictRow[] }
  | { kind: 'end'; qboSide: readonly QboSideResult[]; at: string }
  | { kind: 'abort' };

export interface WriterData {
  entry: string | null;
  file: string;
  /** The books' zone: verdicts stored in another are not comparable (store.ts). */
  timeZone: string;
  /** The caller's wal_autocheckpoint: whoever checkpoints after the run, the writer's commit must not do it instead. */
  autocheckpoint: number;
  port: MessagePort;
  /** [0]: messages the writer has finished with (a failure is posted before its count); [1]: rows written or removed, once committed. */
  counts: Int32Array;
}

/**
 * How far the full run may run ahead of the writer, in chunks: verdicts are computed faster than
 * SQLite stores them only in bursts, and a company's worth of waiting rows would count against
 * the peak memory a full run is allowed.
 */
export const WRITE_AHEAD_CHUNKS = 8;
export const WRITE_CHUNK_ROWS = 1_000;
