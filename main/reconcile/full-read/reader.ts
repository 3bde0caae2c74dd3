/**
 * Reads a company for a full run, on the machine's other core when the company is big: a reader
 * thread with its own connection runs SQLite's half (stepping the rows, building each chunk's
 * JSON) while this thread parses the chunks already in and builds the engine's facts. At 100,000
 * orders that halves the read (bench/benchmarks/reconcile.bench.ts).
 *
 * The caller stays synchronous: this thread blocks on a shared counter the reader bumps after each
 * part and takes the parts straight off the port, so the engine pulls them as it goes; the reader
 * waits on the other counter when it is READ_AHEAD_PARTS ahead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CompanyDb } from '../../mirror/open';
import { PASS_THROUGH_LIMITS, workerTarget } from '../../platform/worker-target';
import { fullInput, type FullInput } from './input';
import { CHUNK_ROWS, readMirror, type MirrorPart } from './parts';
import type { ReaderData, ReaderMessage } from './protocol';

/** Below this many orders and documents a thread's start-up costs more than it saves. */
const READER_THREAD_MIN_ROWS = 20_000;

/**
 * How long the reader may stay silent before it is taken for dead. A thread that dies without a
 * word (out of memory) cannot be heard of while this one blocks; a chunk takes milliseconds.
 */
const SILENCE_MS = 30_000;

export interface ReadOptions {
  /** 'auto': the reader thread for a big company in a file, else this thread. */
  where?: 'auto' | 'thread' | 'here';
  /** Rows per chunk (tests cross chunk boundaries with a few). */
  chunkRows?: number;
}

/** Runs `use` over the company's full input: a consistent snapshot, with the change number it goes with. */
export function withFullInput<T>(db: CompanyDb, use: (input: FullInput) => T, { where = 'auto', chunkRows = CHUNK_ROWS }: ReadOptions = {}): T {
  const target = workerTarget(new URL('./entry.ts', import.meta.url), 'reconcile-reader');
  // A build without the reader's file (a broken install) still reconciles, on this thread.
  const here = where === 'here' || db.memory || (where === 'auto' && companyRows(db) < READER_THREAD_MIN_ROWS) || (target.entry === null && !existsSync(fileURLToPath(target.url)));
  if (here) {
    return db.transaction(() => {
      const parts = readMirror(db, chunkRows);
      return use(fullInput(() => nextOf(parts)));
    })();
  }
  const { port1, port2 } = new MessageChannel();
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const data: ReaderData = { entry: target.entry, file: db.name, chunkRows, port: port2, counts };
  const worker = new Worker(target.url, { workerData: data, transferList: [port2], resourceLimits: PASS_THROUGH_LIMITS });
  worker.unref();
  // What went wrong reaches this thread as a 'failed' part, or as silence while it blocks; the
  // event comes only after, and unheard it would end the process.
  worker.on('error', () => {});
  let ended = false;
  try {
    let received = 0;
    return use(fullInput(() => {
      // The input is read inside `use`: once it returns, the thread is gone.
      if (ended) throw new Error('reading the mirror: a part was asked for after the read ended');
      for (;;) {
        const got = receiveMessageOnPort(port1) as { message: ReaderMessage } | undefined;
        if (got) {
          received++;
          Atomics.store(counts, 1, received);
          Atomics.notify(counts, 1);
          const m = got.message;
          if (m.part === 'failed') throw Object.assign(new Error(`reading the mirror: ${m.message}`), { name: m.name });
          return m;
        }
        if (Atomics.wait(counts, 0, received, SILENCE_MS) === 'timed-out') throw new Error(`reading the mirror: the reader thread said nothing for ${SILENCE_MS / 1000} s`);
      }
    }));
  } finally {
    ended = true;
    port1.close();
    void worker.terminate();
  }
}

function nextOf(parts: Iterator<MirrorPart>): MirrorPart {
  const r = parts.next();
  if (r.done) throw new Error('reading the mirror: read past its end');
  return r.value;
}

/** Orders and documents, by their highest row ids: as good as a count for choosing a thread, and free. */
function companyRows(db: CompanyDb): number {
  return db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM store_orders) + (SELECT coalesce(max(rowid), 0) FROM qbo_sales_txns)').pluck().get() as number;
}
