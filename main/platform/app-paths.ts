import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The built renderer. From the bundle (out/main/*.js) it is out/renderer; when main/ runs from
 * source (tests), it is the same folder seen from the repository root.
 */
export function rendererDir(): string {
  const candidates = [resolve(here, '../renderer'), resolve(here, '../../out/renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[1]!;
}
