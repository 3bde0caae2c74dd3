/** Between a full run and its reader thread (reader.ts ↔ entry.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { MirrorPart } from './parts';

/** What the reader thread sends: the parts, or why it stopped. */
export type ReaderMessage = MirrorPart | { part: 'failed'; name: string; message: string };

export interface ReaderData {
  entry: string | null;
  file: string;
  chunkRows: number;
  port: MessagePort;
  /** [0]: messages posted so far; [1]: messages taken. */
  counts: Int32Array;
}

/**
 * How far the reader may run ahead of the engine, in parts: SQLite builds chunks faster than they
 * are parsed, and a whole company's worth of waiting JSON would count against the peak memory a
 * full run is allowed.
 */
export const READ_AHEAD_PARTS = 8;

