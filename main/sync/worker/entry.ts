/** The sync worker thread: runs one pull (HTTP and SQLite writes) and reports back. */
import { parentPort, workerData } from 'node:worker_threads';
import { errorInfo } from '../../platform/error-info';
import { syncCompany } from '../engine';
import { isAbort, isOffline } from '../errors';
import { createSyncClient } from '../metered';
import type { ToWorker, WorkerStart } from './protocol';
import { ParentLink, RemoteLimiter, RemoteTokens } from './remote';

const port = parentPort;
if (!port) throw new Error('the sync worker must run in a worker thread');
const start = (workerData as { start: WorkerStart }).start;
const link = new ParentLink(port, start.realmId);
const controller = new AbortController();

port.on('message', (message: ToWorker) => {
  if (link.receive(message)) return;
  if (message.type === 'cancel') controller.abort(Object.assign(new Error(message.message), { name: 'AbortError' }));
});

const { client, meter } = createSyncClient({
  apiBase: start.apiBase,
  realmId: start.realmId,
  tokens: new RemoteTokens(link),
  limiter: new RemoteLimiter(link),
  retry: start.retry,
});

try {
  const summary = await syncCompany({
    dataDir: start.dataDir,
    realmId: start.realmId,
    client,
    meter,
    full: start.full,
    signal: controller.signal,
    pageSize: start.pageSize,
    concurrency: start.concurrency,
    onProgress: (event) => link.send({ type: 'progress', event }),
  });
  link.send({ type: 'done', summary });
} catch (error) {
  link.send({
    type: 'failed',
    error: {
      ...errorInfo(error),
      offline: isOffline(error),
      cancelled: isAbort(error, controller.signal) && controller.signal.aborted,
    },
  });
}
port.close();
