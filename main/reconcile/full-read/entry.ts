/**
 * The reader thread of a full run (reader.ts): its own read-only connection, one read transaction,
 * every part posted as soon as SQLite has built it (at most READ_AHEAD_PARTS ahead of the engine),
 * the shared counter bumped after each.
 */
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import { readMirror } from './parts';
import { READ_AHEAD_PARTS, type ReaderData, type ReaderMessage } from './protocol';

const { file, port, counts } = workerData as ReaderData;
/** How long to wait for the engine to take a part before looking again (it may have stopped reading). */
const WAIT_MS = 1_000;

function post(message: ReaderMessage): void {
  port.postMessage(message);
  const posted = Atomics.add(counts, 0, 1) + 1;
  Atomics.notify(counts, 0);
  for (let taken = Atomics.load(counts, 1); posted - taken >= READ_AHEAD_PARTS; taken = Atomics.load(counts, 1)) Atomics.wait(counts, 1, taken, WAIT_MS);
}

try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      for (const part of readMirror(db)) post(part);
    })();
  } finally {
    db.close();
  }
} catch (error) {
  // Anything, even opening the file: the other side blocks until it hears.
  post({ part: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
}
