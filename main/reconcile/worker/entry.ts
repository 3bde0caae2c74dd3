/**
 * The reconcile worker thread: keeps each company's reconcile session (Reconcilers) and answers
 * refresh requests one at a time, each on its own connection to the company's file. The verdicts
 * it stores are what the app thread's read side reads.
 */
import { parentPort } from 'node:worker_threads';
import { openCompanyDb } from '../../mirror/open';
import { Reconcilers } from '../reconcilers';
import type { FromReconcileWorker, ToReconcileWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the reconcile worker must run in a worker thread');
const reconcilers = new Reconcilers();

port.on('message', (message: ToReconcileWorker) => {
  let reply: FromReconcileWorker;
  try {
    const db = openCompanyDb(message.dataDir, message.realmId);
    try {
      // Sessions are kept per company file: two data folders may hold the same realm.
      const { full } = reconcilers.refresh(`${message.dataDir}\u0000${message.realmId}`, db, message.config, { decisions: message.decisions });
      reply = { type: 'done', id: message.id, full };
    } finally {
      db.close();
    }
  } catch (error) {
    reply = { type: 'failed', id: message.id, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(reply);
});
