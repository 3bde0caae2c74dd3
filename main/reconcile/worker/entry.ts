/**
 * The reconcile worker thread: keeps each company's reconcile session (Reconcilers) and answers
 * refresh requests one at a time, each on its own connection to the company's file. The verdicts
 * it stores are what the app thread's read side reads.
 */
import { parentPort } from 'node:worker_threads';
import { errorInfo } from '../../platform/error-info';
import { openCompanyDb, type CompanyDb } from '../../mirror/open';
import { Reconcilers } from '../reconcilers';
import type { FromReconcileWorker, ToReconcileWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the reconcile worker must run in a worker thread');
const reconcilers = new Reconcilers();

const failed = (id: number, error: unknown): FromReconcileWorker => ({
  type: 'failed', id, error: errorInfo(error),
});

port.on('message', (message: ToReconcileWorker) => {
  let db: CompanyDb;
  try {
    db = openCompanyDb(message.dataDir, message.realmId);
  } catch (error) {
    port.postMessage(failed(message.id, error));
    return;
  }
  // Sessions are kept per company file: two data folders may hold the same realm.
  const company = `${message.dataDir}\u0000${message.realmId}`;
  let full = false;
  try {
    // The write-ahead log is copied into the file after the answer is out, not inside the commit:
    // after a full run that copy is a fifth of a second nobody needs to wait for.
    db.pragma('wal_autocheckpoint = 0');
    full = reconcilers.refresh(company, db, message.config, { decisions: message.decisions }).full;
    port.postMessage({ type: 'done', id: message.id, full } satisfies FromReconcileWorker);
  } catch (error) {
    port.postMessage(failed(message.id, error));
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Not a failed reconcile: the log is copied by a later checkpoint (any connection's commit or close).
  } finally {
    db.close();
  }
  // The indexes catch-ups follow are built now, while nobody waits, rather than in the first one after a sync.
  if (full) setImmediate(() => reconcilers.prepare(company));
});
