/**
 * The process and layer boundaries from DEVELOPERS.md, checked on the source text so that a
 * violation fails CI instead of surfacing only when Electron launches.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(repoRoot, dir))) {
    const path = join(dir, entry);
    if (statSync(join(repoRoot, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) found.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return found;
}

const importsElectron = (file: string) => importsOf(file).some((s) => s === 'electron' || s.startsWith('electron/'));

describe('process boundaries', () => {
  it('only main/shell imports electron inside main/', () => {
    const offenders = sourceFiles('main').filter((f) => !f.startsWith(join('main', 'shell')) && importsElectron(f));
    expect(offenders).toEqual([]);
  });

  it('the shell folder really is where electron is used', () => {
    expect(sourceFiles(join('main', 'shell')).some(importsElectron)).toBe(true);
  });

  it('the renderer never imports electron or main/', () => {
    const offenders = sourceFiles('renderer').filter(
      (f) => importsElectron(f) || importsOf(f).some((s) => /(^|\/)main\//.test(s) && s.startsWith('.')),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches main only through preload/ (contract and browser adapter)', () => {
    const outside = sourceFiles('renderer').flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('../') && s.includes('preload/'))
        .filter((s) => !/preload\/(contract|browser-bridge|review-views|currencies|money)$/.test(s))
        .map((s) => `${f}: ${s}`),
    );
    expect(outside).toEqual([]);
  });

  it('the shared contract imports nothing but zod and its own folder', () => {
    for (const file of ['preload/contract.ts', 'preload/review-views.ts', 'preload/api-object.ts', 'preload/browser-bridge.ts', 'preload/currencies.ts', 'preload/money.ts']) {
      const external = importsOf(file).filter((s) => !s.startsWith('./') && s !== 'zod');
      expect(external, file).toEqual([]);
    }
  });

  it('product code never imports sandbox/', () => {
    const offenders = ['main', 'preload', 'renderer']
      .flatMap(sourceFiles)
      .filter((f) => importsOf(f).some((s) => /(^|\/)sandbox(\/|$)/.test(s)));
    expect(offenders).toEqual([]);
  });

  it('domain code never imports the shell, the CLI or the HTTP layer', () => {
    const hostFolders = ['shell', 'cli', 'browser-mode'];
    const domain = sourceFiles('main').filter((f) => !hostFolders.some((h) => f.startsWith(join('main', h))));
    const offenders = domain.flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && hostFolders.some((h) => new RegExp(`(^|/)${h}/`).test(s)))
        .map((s) => `${relative('.', f)}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('worker threads', () => {
  it('every worker a module starts is an entry of the build, under the name it is looked for by', () => {
    const config = readFileSync(join(repoRoot, 'electron.vite.config.ts'), 'utf8');
    const entries = new Map([...config.matchAll(/'([\w-]+)':\s*resolve\('([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]));
    const started = sourceFiles('main').flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      return [...text.matchAll(/workerTarget\(new URL\('([^']+)', import\.meta\.url\), '([\w-]+)'\)/g)].map((m) => ({
        name: m[2]!, entry: join(file, '..', m[1]!).replace(/\\/g, '/'),
      }));
    });
    expect(started.length).toBeGreaterThanOrEqual(5);
    for (const { name, entry } of started) expect(entries.get(name), name).toBe(entry);
  });
});
