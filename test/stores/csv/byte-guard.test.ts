import { describe, expect, it } from 'vitest';
import { ByteGuard } from '../../../main/stores/csv/byte-guard';
import { FileRefusal } from '../../../main/stores/csv/problems';

function feed(bytes: Buffer, cuts: number[]): Buffer {
  const guard = new ByteGuard();
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(guard.accept(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(guard.finish());
  return Buffer.concat(out);
}

describe('ByteGuard', () => {
  const text = 'Name,Title\n#1,Café “crème” 寿司 🍣\n';
  const bytes = Buffer.from(text, 'utf8');

  it('passes UTF-8 through whole whichever byte a chunk ends on', () => {
    for (let a = 0; a <= bytes.length; a++) {
      for (const b of [a, Math.min(bytes.length, a + 1), Math.min(bytes.length, a + 3)]) {
        expect(feed(bytes, [a, b]).toString('utf8'), `cut at ${a}/${b}`).toBe(text);
      }
    }
  });

  it('strips a UTF-8 byte-order mark, even split across chunks', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    expect(feed(withBom, []).toString('utf8')).toBe(text);
    expect(feed(withBom, [1, 2]).toString('utf8')).toBe(text);
  });

  it('refuses UTF-16 with or without a byte-order mark, and invalid UTF-8 with its line', () => {
    expect(() => feed(Buffer.from('\ufeff' + text, 'utf16le'), [])).toThrow(/UTF-16/);
    expect(() => feed(Buffer.from(text, 'utf16le'), [])).toThrow(/NUL bytes/);
    const latin1 = Buffer.from('a,b\n1,2\nCaf\xe9,3\n', 'latin1');
    let error: unknown;
    try {
      feed(latin1, [5]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileRefusal);
    expect((error as FileRefusal).row).toBe(3);
    expect((error as FileRefusal).message).toMatch(/byte 12 on line 3/);
    // A file that ends in the middle of a multi-byte character is not valid UTF-8 either.
    expect(() => feed(bytes.subarray(0, bytes.length - 3), [])).toThrow(FileRefusal);
  });
});
