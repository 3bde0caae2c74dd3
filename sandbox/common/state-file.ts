/**
 * `--state FILE`: the sandbox's whole state as one JSON file. Writes go to a temporary file first
 * and are renamed into place, so a crash mid-save never leaves half a file; saves after writes are
 * debounced so a burst of API writes costs one save.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export function readStateFile(path: string): unknown | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`state file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function writeStateFile(path: string, state: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

export interface DebouncedSaver {
  /** Schedule a save; repeated calls within the delay collapse into one. */
  schedule(): void;
  /** Save now if anything is pending (or always, with force). */
  flush(force?: boolean): void;
  cancel(): void;
}

export function debouncedSaver(save: () => void, delayMs: number, onError: (e: unknown) => void): DebouncedSaver {
  let timer: NodeJS.Timeout | null = null;
  let lastSaveMs = 0;
  const run = () => {
    timer = null;
    const started = performance.now();
    try {
      save();
    } catch (e) {
      onError(e);
    }
    lastSaveMs = performance.now() - started;
  };
  return {
    schedule() {
      if (timer === null) {
        // A big business (200,000 orders) takes a while to serialise: never spend more than
        // about a tenth of the time saving under a steady stream of writes.
        timer = setTimeout(run, Math.max(delayMs, lastSaveMs * 10));
        timer.unref();
      }
    },
    flush(force = false) {
      const pending = timer !== null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (pending || force) run();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
