/** main/reconcile reads the mirror and nothing else: no network, no host layers, no sandbox. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';

function files(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).flatMap((e) => {
    const p = join(dir, e);
    return statSync(join(repoRoot, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);

describe('main/reconcile boundaries', () => {
  const sources = files('main/reconcile');

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('never imports the network, the QBO client, store connectors, sync, host layers, electron or sandbox', () => {
    const forbidden = [/^node:(http|https|net|tls|dgram)$/, /^(undici|electron|node-quickbooks|intuit-oauth|@shopify\/|@woocommerce\/)/, /^(\.\.\/)+(qbo|stores|sync|connect|cli|browser-mode|shell)(\/|$)/ /* main/<layer> or its index, not main/mirror/qbo/ (the mirror reconcile reads) */, /(^|\/)sandbox(\/|$)/];
    const offenders = sources.flatMap((f) => importsOf(f).filter((s) => forbidden.some((r) => r.test(s))).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });
});
