/**
 * The writer thread of a full run (writer.ts): its own connection and one write transaction,
 * holding every verdict of the run or none; what is stored is read inside it (store.ts). Each
 * message is counted once it is done with, after any failure is posted (the only thing it sends
 * back), so the run always learns how the writer ended.
 */
import { workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { errorInfo, type ErrorInfo } from '../../platform/error-info';
import type { FullStore } from './store';
import type { ToWriter, WriterData } from './protocol';

const { file, timeZone, autocheckpoint, port, counts } = workerData as WriterData;

let db: Database.Database | null = null;
let store: FullStore | null = null;
let failed = false;

function fail(error: unknown): void {
  failed = true;
  try {
    if (db?.inTransaction) db.exec('ROLLBACK');
  } catch {
    // Closing the connection below rolls back as well.
  }
  port.postMessage(errorInfo(error) satisfies ErrorInfo);
}

function finish(): void {
  db?.close();
  db = null;
  port.close();
}

try {
  // Loaded here, not imported above, so that failing to load them is told too.
  const [{ default: Sqlite }, { fullStore }] = await Promise.all([import('better-sqlite3'), import('./store')]);
  db = new Sqlite(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  db.exec('BEGIN IMMEDIATE');
  store = fullStore(db, timeZone);
} catch (error) {
  fail(error);
}

// Listening only once the connection is open: until then messages wait on the port. Every one is counted.
port.on('message', (m: ToWriter) => {
  if (!failed && store !== null && db !== null) {
    try {
      if (m.kind === 'rows') for (const r of m.rows) store.append(r);
      else if (m.kind === 'end') {
        const written = store.finish(m.qboSide, m.at);
        db.exec('COMMIT');
        Atomics.store(counts, 1, written);
      } else db.exec('ROLLBACK');
    } catch (error) {
      fail(error);
    }
  }
  Atomics.add(counts, 0, 1);
  Atomics.notify(counts, 0);
  if (m.kind !== 'rows') finish();
});
