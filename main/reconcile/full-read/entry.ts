/**
 * The reader thread of a full run (reader.ts): its own read-only connection, one read transaction,
 * every part posted as soon as SQLite has built it (at most READ_AHEAD_PARTS ahead of the engine),
 * the shared counter bumped after each.
 */
import { workerData } from 'node:worker_threads';
import { errorInfo } from '../../platform/error-info';
import { READ_AHEAD_PARTS, type ReaderData, type ReaderMessage } from './protocol';

const { file, chunkRows, port, counts } = workerData as ReaderData;
/** How long to wait for the engine to take a part before looking again (it may have stopped reading). */
const WAIT_MS = 1_000;

function post(message: ReaderMessage): void {
  port.postMessage(message);
  const posted = Atomics.add(counts, 0, 1) + 1;
  Atomics.notify(counts, 0);
  for (let taken = Atomics.load(counts, 1); posted - taken >= READ_AHEAD_PARTS; taken = Atomics.load(counts, 1)) Atomics.wait(counts, 1, taken, WAIT_MS);
}

try {
  // Loaded here, not imported above, so that failing to load them is told too: the other side blocks until it hears.
  const [{ default: Database }, { readMirror }] = await Promise.all([import('better-sqlite3'), import('./parts')]);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      for (const part of readMirror(db, chunkRows)) post(part);
    })();
  } finally {
    db.close();
  }
} catch (error) {
  post({ part: 'failed', ...errorInfo(error) });
}
