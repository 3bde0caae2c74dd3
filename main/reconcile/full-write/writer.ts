/**
 * Stores a full run's verdicts from the machine's other core when the company is big: a writer
 * thread with its own connection runs store.ts there — reading the stored digests, digesting and
 * inserting 100,000 rows (or the few that changed), building the list's indexes and committing —
 * while this thread computes and encodes the next verdicts. The reader thread (full-read/) is
 * done by then, so the core is free.
 *
 * The caller stays synchronous: rows go over in chunks, at most WRITE_AHEAD_CHUNKS ahead of what
 * the writer has stored; the end blocks on the shared counter until the writer has committed (or
 * said why not). Everything is one write transaction on the writer's connection: all the verdicts
 * or none. The caller's connection must not write meanwhile.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CompanyDb } from '../../mirror/open';
import { errorFromInfo, type ErrorInfo } from '../../platform/error-info';
import { PASS_THROUGH_LIMITS, workerTarget } from '../../platform/worker-target';
import type { QboSideResult } from '../types';
import type { VerdictRow } from '../verdict-store';
import type { FullStore } from './store';
import { WRITE_AHEAD_CHUNKS, WRITE_CHUNK_ROWS, type ToWriter, type WriterData } from './protocol';

/**
 * How long the writer may take over a chunk, or over the indexes and the commit at the end,
 * before it is taken for dead (a thread that dies without a word cannot be heard of while this
 * one blocks). The end of 100,000 verdicts takes about a second.
 */
const CHUNK_SILENCE_MS = 30_000;
const END_SILENCE_MS = 300_000;

export interface ThreadStore extends FullStore {
  /** Rolls back what was sent (when the run failed before its end) and lets the thread go. */
  close(): void;
}

const writerTarget = () => workerTarget(new URL('./entry.ts', import.meta.url), 'reconcile-writer');

/** A build without the writer's file (a broken install) still stores, on the caller's thread. */
export function writerThreadAvailable(): boolean {
  const target = writerTarget();
  return target.entry !== null || existsSync(fileURLToPath(target.url));
}

export function fullStoreThread(db: CompanyDb, timeZone: string): ThreadStore {
  const target = writerTarget();
  const { port1, port2 } = new MessageChannel();
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const data: WriterData = { entry: target.entry, file: db.name, timeZone, autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number, port: port2, counts };
  const worker = new Worker(target.url, { workerData: data, transferList: [port2], resourceLimits: PASS_THROUGH_LIMITS });
  worker.unref();
  // A failure reaches this thread as a message before the count that ends the wait; the event comes after, and unheard it would end the process.
  worker.on('error', () => {});

  let sent = 0;
  let ended = false;
  let batch: VerdictRow[] = [];

  const failure = (): Error | null => {
    const got = receiveMessageOnPort(port1) as { message: ErrorInfo } | undefined;
    return got ? errorFromInfo({ name: got.message.name, message: `storing the verdicts: ${got.message.message}` }) : null;
  };
  /** Blocks until no more than `ahead` messages are unfinished; throws the writer's failure. */
  const waitFor = (ahead: number, silenceMs: number): void => {
    for (let done = Atomics.load(counts, 0); sent - done > ahead; done = Atomics.load(counts, 0)) {
      if (Atomics.wait(counts, 0, done, silenceMs) === 'timed-out') throw new Error(`storing the verdicts: the writer thread said nothing for ${silenceMs / 1000} s`);
    }
    const error = failure();
    if (error) throw error;
  };
  const send = (m: ToWriter, ahead: number, silenceMs: number): void => {
    port1.postMessage(m);
    sent++;
    waitFor(ahead, silenceMs);
  };
  const flush = (): void => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    send({ kind: 'rows', rows }, WRITE_AHEAD_CHUNKS, CHUNK_SILENCE_MS);
  };

  return {
    append(row) {
      batch.push(row);
      if (batch.length === WRITE_CHUNK_ROWS) flush();
    },
    finish(qboSide: readonly QboSideResult[], at: string) {
      flush();
      ended = true;
      send({ kind: 'end', qboSide, at }, 0, END_SILENCE_MS);
      return Atomics.load(counts, 1);
    },
    close() {
      try {
        // The rollback is waited for: the caller may write again as soon as this returns.
        if (!ended) send({ kind: 'abort' }, 0, CHUNK_SILENCE_MS);
      } catch {
        // A writer that failed has rolled back; one that went silent loses its transaction with its connection.
      } finally {
        port1.close();
        void worker.terminate();
      }
    },
  };
}
