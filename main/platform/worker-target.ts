/**
 * Where a worker thread's code is. From source (`.ts`, under tsx or vitest) a tiny bootstrap
 * registers tsx in the worker first, then imports the TypeScript entry. A build ships each entry
 * as out/main/<name>.js (electron.vite.config.ts); the calling code itself lands in a chunk one
 * folder down, so the file is found from the app's root, not from here.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { appRoot } from './app-paths';

export interface WorkerTarget {
  /** What `new Worker()` starts. */
  url: URL;
  /** For the bootstrap (from source): the entry to import; null in a build. */
  entry: string | null;
}

export function workerTarget(sourceEntry: URL, builtName: string): WorkerTarget {
  if (import.meta.url.endsWith('.ts')) return { url: new URL('./worker-boot.mjs', import.meta.url), entry: sourceEntry.href };
  return { url: pathToFileURL(join(appRoot(), 'out', 'main', `${builtName}.js`)), entry: null };
}

/**
 * For a thread that passes rows through (a full run's reader and writer): little of what it
 * allocates lives on, so a small young generation costs it no time and keeps ~20 MB out of a
 * 100,000-order run's peak memory (bench/benchmarks/reconcile.bench.ts).
 */
export const PASS_THROUGH_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
