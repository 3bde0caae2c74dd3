/**
 * `npm run bench [-- NAME...]`: runs every bench/benchmarks/*.bench.ts in its own Node process
 * (so peak memory is the benchmark's own), and writes bench/results/<name>.json plus
 * bench/results/summary.json. A benchmark module exports `default async function run()`
 * returning a flat record of figures, floors measured in the same run and their ratios.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = join(benchDir, 'results');
const filters = process.argv.slice(2);
const files = readdirSync(join(benchDir, 'benchmarks'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

function runOne(file: string): Promise<{ ok: true; figures: Record<string, unknown> } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, 'run-one.ts'), join(benchDir, 'benchmarks', file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve({ ok: true, figures: JSON.parse(last) as Record<string, unknown> });
      } catch (error) {
        resolve({ ok: false, error: `${error instanceof Error ? error.message : String(error)}; output: ${last.slice(0, 500)}` });
      }
    });
  });
}

mkdirSync(resultsDir, { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
const summary: Record<string, unknown> = { date: new Date().toISOString(), machine, results: {} };
let failed = 0;
for (const file of files) {
  const name = basename(file, '.bench.ts');
  process.stderr.write(`bench ${name} …\n`);
  const result = await runOne(file);
  const record = { name, date: new Date().toISOString(), machine, ...result };
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  (summary.results as Record<string, unknown>)[name] = result.ok ? result.figures : { error: result.error };
  if (!result.ok) failed++;
  process.stdout.write(`${name}: ${JSON.stringify(result.ok ? result.figures : result)}\n`);
}
writeFileSync(join(resultsDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(`wrote ${join(resultsDir, 'summary.json')}\n`);
process.exitCode = failed > 0 ? 1 : 0;
