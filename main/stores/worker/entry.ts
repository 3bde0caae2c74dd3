/** A store-pull worker thread: one pull (HTTP, parsing, SQLite writes) into the company's mirror, reported back. */
import { parentPort, workerData } from 'node:worker_threads';
import { errorInfo } from '../../platform/error-info';
import { pullStoreInto } from '../sync-store';
import type { FromStoreWorker, StorePullStart, ToStoreWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the store-pull worker must run in a worker thread');
const { store, dataDir, credentials, tuning } = (workerData as { start: StorePullStart }).start;
const controller = new AbortController();
const send = (message: FromStoreWorker): void => port.postMessage(message);

port.on('message', (message: ToStoreWorker) => {
  if (message.type === 'cancel') controller.abort(Object.assign(new Error('store pull cancelled'), { name: 'AbortError' }));
});

try {
  send({ type: 'done', summary: await pullStoreInto(credentials, { store, dataDir, tuning, signal: controller.signal, onProgress: (progress) => send({ type: 'progress', progress }) }) });
} catch (error) {
  send({ type: 'failed', error: errorInfo(error) });
}
port.close();
