/**
 * Checks the raw bytes of an import before the CSV parser sees them: a UTF-8 BOM is stripped,
 * UTF-16/UTF-32 files and invalid UTF-8 are refused (the parser would otherwise turn them into
 * plausible-looking garbage). Chunk boundaries may split a multi-byte character, so up to three
 * trailing bytes are carried into the next chunk.
 */
import { isUtf8 } from 'node:buffer';
import { FileRefusal } from './problems';

const SAVE_AS = 'save it as "CSV UTF-8" and import again';

export class ByteGuard {
  private first = true;
  private carry: Buffer | undefined;
  private bytesSeen = 0;
  private linesBefore = 0;

  /** Returns the bytes to parse (possibly empty); throws FileRefusal for an encoding the import cannot read. */
  accept(input: Buffer): Buffer {
    let chunk = this.carry ? Buffer.concat([this.carry, input]) : input;
    this.carry = undefined;
    if (this.first) {
      if (chunk.length < 4 && chunk.length > 0) {
        // Too short to judge a BOM; wait for more unless the file really is this short (see finish()).
        this.carry = chunk;
        return Buffer.alloc(0);
      }
      this.first = false;
      chunk = this.checkStart(chunk);
    }
    const cut = completeLength(chunk);
    if (cut < chunk.length) {
      this.carry = chunk.subarray(cut);
      chunk = chunk.subarray(0, cut);
    }
    this.check(chunk);
    return chunk;
  }

  /** Call at end of file; returns any held bytes, refusing a file that ends mid-character. */
  finish(): Buffer {
    let rest = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    if (this.first) {
      this.first = false;
      rest = this.checkStart(rest);
    }
    this.check(rest);
    return rest;
  }

  private checkStart(chunk: Buffer): Buffer {
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      this.bytesSeen += 3;
      return chunk.subarray(3);
    }
    if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
      throw new FileRefusal(0, '', `the file is UTF-16 or UTF-32 encoded (it starts with a ${chunk[0] === 0xff ? 'little' : 'big'}-endian byte-order mark); ${SAVE_AS}`);
    }
    if (chunk.length >= 2 && chunk.subarray(0, Math.min(chunk.length, 4096)).includes(0)) {
      throw new FileRefusal(0, '', `the file contains NUL bytes, so it is binary or UTF-16 without a byte-order mark, not a CSV text file; ${SAVE_AS}`);
    }
    return chunk;
  }

  private check(chunk: Buffer): void {
    if (!isUtf8(chunk)) {
      const at = firstInvalidUtf8(chunk);
      const line = this.linesBefore + countNewlines(chunk, at) + 1;
      throw new FileRefusal(line, '', `the file is not valid UTF-8 (byte ${this.bytesSeen + at + 1} on line ${line} is not part of a UTF-8 character; Excel's plain "CSV" saves in a legacy encoding); ${SAVE_AS}`);
    }
    this.linesBefore += countNewlines(chunk, chunk.length);
    this.bytesSeen += chunk.length;
  }
}

/** Length of the prefix of `chunk` that ends on a character boundary (a split character stays for the next chunk). */
function completeLength(chunk: Buffer): number {
  const n = chunk.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = chunk[n - back]!;
    if (byte < 0x80) return n;
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

function countNewlines(chunk: Buffer, end: number): number {
  let count = 0;
  let at = chunk.indexOf(10);
  while (at !== -1 && at < end) {
    count += 1;
    at = chunk.indexOf(10, at + 1);
  }
  return count;
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence (only called on the error path). */
function firstInvalidUtf8(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; ) {
    const b = chunk[i]!;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0) return i;
    if (need > 1 && !isUtf8(chunk.subarray(i, i + need))) return i;
    i += need;
  }
  return chunk.length;
}
