// Starts the TypeScript worker entry when running from source (tests, tsx): registers tsx's loader
// in this thread first. A bundled build starts its compiled entry directly instead.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
