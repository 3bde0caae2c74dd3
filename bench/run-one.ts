/** Child process of bench/run.ts: runs one benchmark module and prints its figures as one JSON line. */
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: run-one.ts <benchmark file>');
const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<Record<string, unknown>> };
const figures = await mod.default();
process.stdout.write('\n' + JSON.stringify({ ...figures, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
