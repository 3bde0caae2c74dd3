import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's root folder (the one holding our package.json): the repository when run from source
 * or the CLI, `resources/app.asar` when packaged. Found by walking up, because bundling moves
 * this module into a chunk whose depth we do not control.
 */
export function appRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ledgerbridge') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find Ledgerbridge's package.json above ${start}`);
  }
}

/** The built renderer (made by `npm run build`). */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}

/** The built preload script for the Electron window. */
export function preloadPath(): string {
  return join(appRoot(), 'out', 'preload', 'index.cjs');
}
