/**
 * Reading secrets for CLI commands. A secret never comes from argv (it would sit in shell
 * history and in `ps`): on a terminal it is typed at a prompt with echo off; otherwise it is read
 * one per line from stdin, so scripts can pipe it in (`printf '%s\n' "$TOKEN" | ledgerbridge …`).
 */
import { createInterface } from 'node:readline';

export interface SecretInput {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  /** Where the prompt is written (never the secret itself). */
  prompt: (text: string) => void;
}

export function processSecretInput(): SecretInput {
  return { input: process.stdin, prompt: (text) => process.stderr.write(text) };
}

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptError';
  }
}

/** Reads `count` secrets: prompted one by one on a TTY, else the next `count` lines of stdin. */
export async function readSecrets(labels: readonly string[], source: SecretInput = processSecretInput()): Promise<string[]> {
  if (source.input.isTTY && source.input.setRawMode) {
    const values: string[] = [];
    for (const label of labels) values.push(await readSecret(label, source));
    return values;
  }
  const lines = await readLines(labels.length, source.input);
  if (lines.length < labels.length) {
    throw new PromptError(`expected ${labels.length} line${labels.length === 1 ? '' : 's'} on stdin (${labels.join(', ')}), got ${lines.length}`);
  }
  return lines;
}

/** One secret typed at a terminal with echo off; Ctrl-C aborts. */
export function readSecret(label: string, source: SecretInput = processSecretInput()): Promise<string> {
  const input = source.input;
  if (!input.isTTY || !input.setRawMode) return readLines(1, input).then((l) => l[0] ?? '');
  source.prompt(`${label}: `);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      source.prompt('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new PromptError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode!(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The first `count` lines of a stream (fewer if it ends first), trailing CR removed. */
export function readLines(count: number, input: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    if (count <= 0) return resolve(lines);
    const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      rl.close();
      resolve(lines);
    };
    rl.on('line', (line) => {
      if (finished) return;
      lines.push(line.replace(/\r$/, ''));
      if (lines.length >= count) finish();
    });
    rl.on('close', finish);
    input.on('error', (e) => {
      if (!finished) {
        finished = true;
        reject(e);
      }
    });
  });
}
