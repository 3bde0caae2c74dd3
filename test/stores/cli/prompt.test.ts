import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, readSecrets, type SecretInput } from '../../../main/cli/prompt';

/** A terminal-like input: raw mode is recorded, keystrokes are written by the test. */
function terminal(): { source: SecretInput; shown: string[]; raw: boolean[]; type: (keys: string) => void } {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void };
  const raw: boolean[] = [];
  input.isTTY = true;
  input.setRawMode = (mode) => void raw.push(mode);
  const shown: string[] = [];
  return { source: { input, prompt: (t) => void shown.push(t) }, shown, raw, type: (keys) => input.write(keys) };
}

describe('reading secrets', () => {
  it('on a terminal: prompts per secret, echoes nothing, honours backspace', async () => {
    const t = terminal();
    const reading = readSecrets(['Consumer key', 'Consumer secret'], t.source);
    t.type('ck_12x\u007f3\r');
    await new Promise((r) => setTimeout(r, 10));
    t.type('cs_secret\n');
    expect(await reading).toEqual(['ck_123', 'cs_secret']);
    expect(t.shown.join('')).toBe('Consumer key: \nConsumer secret: \n');
    expect(t.raw).toEqual([true, false, true, false]);
  });

  it('on a terminal: Ctrl-C cancels', async () => {
    const t = terminal();
    const reading = readSecrets(['Admin API access token'], t.source);
    t.type('shpat_\u0003');
    await expect(reading).rejects.toThrow('cancelled');
  });

  it('from a pipe: one per line, CRLF tolerated, too few lines refused', async () => {
    const piped = new PassThrough();
    piped.end('ck_1\r\ncs_2\nextra\n');
    expect(await readSecrets(['key', 'secret'], { input: piped, prompt: () => undefined })).toEqual(['ck_1', 'cs_2']);
    const short = new PassThrough();
    short.end('only-one\n');
    await expect(readSecrets(['key', 'secret'], { input: short, prompt: () => undefined })).rejects.toThrow('expected 2 lines on stdin (key, secret), got 1');
    const empty = new PassThrough();
    empty.end('');
    expect(await readLines(1, empty)).toEqual([]);
  });
});
