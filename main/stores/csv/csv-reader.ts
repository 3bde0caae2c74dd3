/**
 * An RFC 4180 CSV reader over UTF-8 bytes, fed chunk by chunk. It exists because the general
 * parser we used (csv-parse) spent most of a large import copying bytes one at a time and making
 * garbage; this one finds field boundaries in the raw bytes and makes strings only of whole fields
 * (see `settle` for how few native calls that takes).
 *
 * Input must be valid UTF-8 (ByteGuard checks it). Chunks may be cut anywhere, even inside a
 * character: the bytes the reader looks for never occur inside a multi-byte character, and a field
 * cut by a boundary is decoded once it is whole. Comma separates fields; LF, CRLF and lone CR end
 * records; `"` quotes a field, inside which `""` is a quote and line ends are text. Blank lines are
 * skipped, records may have any number of fields. A record that cannot be read is reported as a
 * fault, with the fields read before the fault, and reading resumes on the next line: one bad row
 * must not cost the rest of the file.
 */

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DOUBLED_QUOTE = Buffer.from('""');
/**
 * V8 makes a slice of 13 or more characters a view of the string it was cut from, which keeps that
 * whole string alive; shorter slices are copies.
 */
const SLICED_MIN = 13;

type Decode = (this: Buffer, start: number, end: number) => string;
/**
 * `toString('utf8', start, end)` checks its arguments and looks the encoding up before calling
 * `utf8Slice`; at millions of fields per file that wrapper alone showed in the profile. `utf8Slice`
 * is undocumented but has long been on Buffer in Node and Electron; should it ever go, this falls
 * back to the documented call.
 */
const decode: Decode =
  (Buffer.prototype as unknown as { utf8Slice?: Decode }).utf8Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('utf8', start, end);
  };

// Where a chunk boundary left the reader. Only a field cut by a boundary, or a line being skipped,
// carries over; everything else is finished within its chunk.
const AT_FIELD = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted field, just after a quote: an escaped `""` or the closing quote, depending on the next byte. */
const AFTER_QUOTE = 3;
/** After a fault, discarding the rest of the line. */
const SKIPPING = 4;

type CsvFaultKind = 'quote-in-unquoted-field' | 'text-after-closing-quote' | 'unclosed-quote' | 'field-too-long';

/**
 * A field this long is not data but a quote that opened by mistake and swallows the rows after it
 * (spreadsheets cap a cell at 32,767 characters). Holding it whole would make memory grow with the
 * file, so the reader gives up on it and reads on from the next line.
 */
const MAX_FIELD_BYTES = 16 * 2 ** 20;

export interface CsvFault {
  kind: CsvFaultKind;
  /** 1-based line where the unreadable record starts. */
  line: number;
  /** 1-based position of the faulty field in its record. */
  column: number;
  /** The fields before the faulty one: the row's order id may be among them. */
  fields: string[];
  /** For a person: what is wrong and where. */
  reason: string;
}

export interface CsvSink {
  /** One record; `line` is the 1-based line where it starts (a quoted field can span lines). */
  record(fields: string[], line: number): void;
  fault(fault: CsvFault): void;
}

export class CsvReader {
  /** Line of the byte being read. */
  private line = 1;
  /** Line where the record being read starts. */
  private recordLine = 1;
  /** Fields of the record being read; reused, so a record costs one exact-size array. */
  private readonly fields: string[] = [];
  private count = 0;
  /** Byte ranges, in the current chunk, of the fields not yet made strings. */
  private starts = new Int32Array(128);
  private ends = new Int32Array(128);
  private mode = AT_FIELD;
  /** The previous chunk ended on a CR that ended a line: a LF starting this one belongs to it. */
  private afterCR = false;
  // A field cut by a chunk boundary: its bytes so far (without an opening quote; `""` still doubled),
  // whether it holds a `""`, where its quote opened, and whether its text so far ends on a CR (so
  // that a LF starting the next chunk does not count a second line).
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private escaped = false;
  private quoteLine = 0;
  private pendingCR = false;

  constructor(
    private readonly sink: CsvSink,
    private readonly maxFieldBytes = MAX_FIELD_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    if (chunk.length === 0) return;
    if (this.afterCR) {
      this.afterCR = false;
      if (chunk[0] === LF) pos = 1;
    }
    if (this.mode !== AT_FIELD) {
      pos = this.resume(chunk, pos);
      if (pos < 0) return;
    }
    this.scan(chunk, pos);
  }

  /** End of input: a last record without a line end is still a record; an open quote is a fault. */
  end(): void {
    switch (this.mode) {
      case QUOTED:
        this.report('unclosed-quote', `the quoted field at column ${this.count + 1} opens on line ${this.quoteLine} and is still open at the end of the file`);
        break;
      case UNQUOTED:
      case AFTER_QUOTE:
        this.fields[this.count++] = this.joinPieces(undefined, 0, 0);
        this.emit();
        break;
      case AT_FIELD:
        // A file ending right after a comma: the record's last field is empty.
        if (this.count > 0) {
          this.fields[this.count++] = '';
          this.emit();
        }
        break;
    }
    this.mode = AT_FIELD;
    this.count = 0;
    this.pieces = [];
    this.pieceBytes = 0;
    this.afterCR = false;
  }

  /**
   * The fast path: whole fields within one chunk. Fields are first noted as byte ranges and turned
   * into strings a record at a time (see `settle`). A field that reaches the end of the chunk is
   * handed over to `resume` by saving its bytes and state.
   */
  private scan(buf: Buffer, pos: number): void {
    const n = buf.length;
    // Fields [0, settled) are strings already (read from earlier chunks); [settled, count) are ranges in `buf`.
    let count = this.count;
    let settled = count;
    let starts = this.starts;
    let ends = this.ends;
    while (pos < n) {
      const first = buf[pos]!;
      if (count === 0) {
        if (first === LF || first === CR) {
          pos = this.lineEnd(buf, pos);
          continue;
        }
        this.recordLine = this.line;
      }
      const k = count - settled;
      if (k === starts.length) {
        this.grow();
        starts = this.starts;
        ends = this.ends;
      }
      if (first === COMMA) {
        // Runs of empty fields are most of a wide export; take them in one tight loop.
        const room = starts.length;
        let j = k;
        do {
          starts[j] = pos;
          ends[j] = pos;
          j += 1;
          pos += 1;
        } while (pos < n && j < room && buf[pos] === COMMA);
        count += j - k;
        continue;
      }
      if (first === LF || first === CR) {
        // Only after a comma (a record start was handled above): the last field is empty.
        starts[k] = pos;
        ends[k] = pos;
        this.settle(buf, settled, count + 1);
        this.emit();
        count = settled = 0;
        pos = this.lineEnd(buf, pos);
        continue;
      }
      if (first !== QUOTE) {
        let i = pos + 1;
        let c = 0;
        // Every byte that matters is <= 0x2c; one comparison lets the rest through.
        while (i < n && ((c = buf[i]!) > COMMA || (c !== COMMA && c !== LF && c !== CR && c !== QUOTE))) i++;
        if (i === n) {
          this.settle(buf, settled, count);
          this.mode = UNQUOTED;
          this.keep(buf, pos, n);
          return;
        }
        if (c === QUOTE) {
          this.settle(buf, settled, count);
          this.report('quote-in-unquoted-field', `a quote appears inside an unquoted field at column ${count + 1} (line ${this.line}); a field holding a quote must be quoted whole, its quotes doubled`);
          count = settled = 0;
          this.mode = SKIPPING;
          pos = this.resume(buf, i + 1);
          if (pos < 0) return;
          continue;
        }
        starts[k] = pos;
        ends[k] = i;
        count += 1;
        if (c === COMMA) {
          pos = i + 1;
        } else {
          this.settle(buf, settled, count);
          this.emit();
          count = settled = 0;
          pos = this.lineEnd(buf, i);
        }
        continue;
      }
      // A quoted field.
      const open = pos;
      this.quoteLine = this.line;
      let i = pos + 1;
      let escaped = false;
      for (;;) {
        if (i >= n) {
          this.settle(buf, settled, count);
          this.cutQuoted(buf, open + 1, n, escaped, QUOTED);
          return;
        }
        const c = buf[i]!;
        if (c === QUOTE) {
          if (i + 1 === n) {
            this.settle(buf, settled, count);
            this.cutQuoted(buf, open + 1, i, escaped, AFTER_QUOTE);
            return;
          }
          const next = buf[i + 1]!;
          if (next === QUOTE) {
            escaped = true;
            i += 2;
            continue;
          }
          if (next !== COMMA && next !== LF && next !== CR) {
            this.settle(buf, settled, count);
            this.reportTextAfterQuote();
            count = settled = 0;
            this.mode = SKIPPING;
            pos = this.resume(buf, i + 1);
            if (pos < 0) return;
            break;
          }
          // An escaped field's range is stored negated: its `""` still need undoing.
          starts[k] = escaped ? -(open + 1) - 1 : open + 1;
          ends[k] = i;
          count += 1;
          if (next === COMMA) {
            pos = i + 2;
          } else {
            this.settle(buf, settled, count);
            this.emit();
            count = settled = 0;
            pos = this.lineEnd(buf, i + 1);
          }
          break;
        }
        if (c === LF) {
          this.line += 1;
        } else if (c === CR) {
          // CRLF is one line end; a CR that ends the chunk is settled by the next one.
          if (i + 1 === n) this.pendingCR = true;
          else if (buf[i + 1] !== LF) this.line += 1;
        }
        i += 1;
      }
    }
    this.settle(buf, settled, count);
  }

  /**
   * Turns the byte ranges of fields [from, to) into strings. Each decode from a Buffer is a call
   * into native code, and with one per field those calls were most of the cost of reading; so the
   * stretch of an ASCII record (the usual case) is decoded once and its short fields are copied out
   * of that string in JavaScript. Longer fields are still decoded on their own: cut from the
   * record's string they would be views that keep all of it alive as long as they live.
   */
  private settle(buf: Buffer, from: number, to: number): void {
    const fields = this.fields;
    const starts = this.starts;
    const ends = this.ends;
    const k = to - from;
    this.count = to;
    if (k === 0) return;
    const first = starts[0]!;
    const low = first < 0 ? -first - 1 : first;
    const high = ends[k - 1]!;
    const text = high > low ? decode.call(buf, low, high) : '';
    const ascii = text.length === high - low;
    for (let j = 0; j < k; j++) {
      let start = starts[j]!;
      const end = ends[j]!;
      const escaped = start < 0;
      if (escaped) start = -start - 1;
      const length = end - start;
      let field = length === 0 ? '' : ascii && length < SLICED_MIN ? text.slice(start - low, end - low) : decode.call(buf, start, end);
      if (escaped) field = field.replaceAll('""', '"');
      fields[from + j] = field;
    }
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The slow path, byte by byte: finishes a field that began in an earlier chunk, or the skipping
   * of a bad line. Returns where the fast path may go on, or -1 when the whole chunk was used.
   */
  private resume(buf: Buffer, pos: number): number {
    const n = buf.length;
    let i = pos;
    for (;;) {
      switch (this.mode) {
        case SKIPPING: {
          while (i < n && buf[i] !== LF && buf[i] !== CR) i++;
          if (i === n) return -1;
          this.mode = AT_FIELD;
          this.count = 0;
          return this.lineEnd(buf, i);
        }
        case UNQUOTED: {
          const start = i;
          let c = 0;
          while (i < n && (c = buf[i]!) !== COMMA && c !== LF && c !== CR && c !== QUOTE) i++;
          if (i === n) {
            this.keep(buf, start, n);
            return -1;
          }
          if (c === QUOTE) {
            this.pieces = [];
            this.pieceBytes = 0;
            this.report('quote-in-unquoted-field', `a quote appears inside an unquoted field at column ${this.count + 1} (line ${this.line}); a field holding a quote must be quoted whole, its quotes doubled`);
            this.mode = SKIPPING;
            i += 1;
            continue;
          }
          this.fields[this.count++] = this.joinPieces(buf, start, i);
          return this.afterField(buf, i);
        }
        case QUOTED: {
          const start = i;
          if (this.pendingCR) {
            this.pendingCR = false;
            if (i < n && buf[i] !== LF) this.line += 1;
          }
          let c = 0;
          while (i < n && (c = buf[i]!) !== QUOTE) {
            if (c === LF) this.line += 1;
            else if (c === CR) {
              if (i + 1 === n) this.pendingCR = true;
              else if (buf[i + 1] !== LF) this.line += 1;
            }
            i++;
          }
          if (i === n) {
            this.keep(buf, start, n);
            return -1;
          }
          if (!this.keep(buf, start, i)) continue;
          this.mode = AFTER_QUOTE;
          i += 1;
          if (i === n) return -1;
          continue;
        }
        case AFTER_QUOTE: {
          const c = buf[i]!;
          if (c === QUOTE) {
            this.pieces.push(DOUBLED_QUOTE);
            this.pieceBytes += 2;
            this.escaped = true;
            this.mode = QUOTED;
            i += 1;
            if (i === n) return -1;
            continue;
          }
          if (c !== COMMA && c !== LF && c !== CR) {
            this.pieces = [];
            this.pieceBytes = 0;
            this.reportTextAfterQuote();
            this.mode = SKIPPING;
            continue;
          }
          this.fields[this.count++] = this.joinPieces(undefined, 0, 0);
          return this.afterField(buf, i);
        }
        default:
          return i;
      }
    }
  }

  /** A field just ended at `buf[i]`, a comma or a line end. */
  private afterField(buf: Buffer, i: number): number {
    this.mode = AT_FIELD;
    if (buf[i] === COMMA) return i + 1;
    this.emit();
    return this.lineEnd(buf, i);
  }

  /** Consumes the line end at `buf[i]` (LF, CR, or CRLF), returning where the next line starts. */
  private lineEnd(buf: Buffer, i: number): number {
    this.line += 1;
    if (buf[i] === CR) {
      if (i + 1 === buf.length) this.afterCR = true;
      else if (buf[i + 1] === LF) return i + 2;
    }
    return i + 1;
  }

  private cutQuoted(buf: Buffer, from: number, to: number, escaped: boolean, mode: number): void {
    this.escaped = escaped;
    this.mode = mode;
    this.keep(buf, from, to);
  }

  /**
   * Saves `buf[from, to)` as part of the field being read. A field that grows past the limit is
   * reported and dropped, and the reader skips to the next line; false then.
   */
  private keep(buf: Buffer, from: number, to: number): boolean {
    this.pieceBytes += to - from;
    if (this.pieceBytes > this.maxFieldBytes) {
      this.pieces = [];
      this.pieceBytes = 0;
      this.report('field-too-long', `the field at column ${this.count + 1} is longer than ${size(this.maxFieldBytes)} by line ${this.line}: most likely a quote opens it by mistake`);
      this.mode = SKIPPING;
      return false;
    }
    this.pieces.push(Buffer.from(buf.subarray(from, to)));
    return true;
  }

  /** The text of a field cut by chunk boundaries: its saved pieces, then `buf[start, end)`. */
  private joinPieces(buf: Buffer | undefined, start: number, end: number): string {
    if (buf && end > start) this.pieces.push(buf.subarray(start, end));
    const bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    const text = bytes.toString('utf8');
    this.pieces = [];
    this.pieceBytes = 0;
    const escaped = this.escaped;
    this.escaped = false;
    return escaped ? text.replaceAll('""', '"') : text;
  }

  private emit(): void {
    const record = this.fields.slice(0, this.count);
    this.count = 0;
    this.sink.record(record, this.recordLine);
  }

  private reportTextAfterQuote(): void {
    this.report(
      'text-after-closing-quote',
      `the quoted field at column ${this.count + 1} has text after its closing quote (line ${this.line}); a quote inside a quoted field must be doubled`,
    );
  }

  private report(kind: CsvFaultKind, reason: string): void {
    const fields = this.fields.slice(0, this.count);
    const column = this.count + 1;
    this.count = 0;
    this.escaped = false;
    this.pendingCR = false;
    this.sink.fault({ kind, line: this.recordLine, column, fields, reason });
  }
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.floor(bytes / 2 ** 20)} MiB` : `${bytes} bytes`;
}
