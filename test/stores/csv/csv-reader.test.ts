import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvFault } from '../../../main/stores/csv/csv-reader';

type Event = { line: number; fields: string[] } | { fault: Omit<CsvFault, 'reason'>; reason: string };

/** Everything the reader reports for `input`, fed in pieces cut at the given byte offsets. */
function read(input: string | Buffer, cuts: readonly number[] = [], maxFieldBytes?: number): Event[] {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const events: Event[] = [];
  const reader = new CsvReader(
    {
      record: (fields, line) => events.push({ line, fields }),
      fault: ({ reason, ...fault }) => events.push({ fault, reason }),
    },
    maxFieldBytes,
  );
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(from, cut));
    from = cut;
  }
  reader.end();
  return events;
}

const rec = (line: number, ...fields: string[]): Event => ({ line, fields });

describe('CsvReader', () => {
  it('reads plain, empty and quoted fields', () => {
    expect(read('a,b,c\n1,,3\n,\n"x, y","",z\n')).toEqual([rec(1, 'a', 'b', 'c'), rec(2, '1', '', '3'), rec(3, '', ''), rec(4, 'x, y', '', 'z')]);
  });

  it('undoes doubled quotes, only inside quoted fields', () => {
    expect(read('"say ""hi""","""",""""""\n')).toEqual([rec(1, 'say "hi"', '"', '""')]);
  });

  it('reads LF, CRLF and lone CR line ends, with or without a last line end', () => {
    expect(read('a,b\r\nc,d\re,f\ng,h')).toEqual([rec(1, 'a', 'b'), rec(2, 'c', 'd'), rec(3, 'e', 'f'), rec(4, 'g', 'h')]);
    expect(read('a,b\r\n')).toEqual([rec(1, 'a', 'b')]);
    // A file ending right after a comma: the last field is empty, not missing.
    expect(read('a,')).toEqual([rec(1, 'a', '')]);
  });

  it('keeps line ends inside quoted fields and reports the line each record starts on', () => {
    const events = read('h\n"one\ntwo",x\n"three\r\nfour\rfive"\nlast\n');
    expect(events).toEqual([rec(1, 'h'), rec(2, 'one\ntwo', 'x'), rec(4, 'three\r\nfour\rfive'), rec(7, 'last')]);
  });

  it('skips blank lines but counts them', () => {
    expect(read('\n\r\na\n\n\r\rb\r\n\n')).toEqual([rec(3, 'a'), rec(7, 'b')]);
    // A quoted empty field is a record, not a blank line.
    expect(read('""\n')).toEqual([rec(1, '')]);
    expect(read('')).toEqual([]);
  });

  it('accepts records of any width', () => {
    expect(read('a\nb,c,d\n\ne,f\n')).toEqual([rec(1, 'a'), rec(2, 'b', 'c', 'd'), rec(4, 'e', 'f')]);
    const wide = Array.from({ length: 1000 }, (_, i) => String(i));
    expect(read(wide.join(',') + '\n' + wide.join(','))).toEqual([rec(1, ...wide), rec(2, ...wide)]);
  });

  it('decodes multi-byte UTF-8, in ASCII and non-ASCII records alike', () => {
    expect(read('Zoë,"寿司, 🍣",plain\nascii,only,here\n"“q”""",é\n')).toEqual([
      rec(1, 'Zoë', '寿司, 🍣', 'plain'),
      rec(2, 'ascii', 'only', 'here'),
      rec(3, '“q”"', 'é'),
    ]);
  });

  it('reports a quote inside an unquoted field with the fields before it, and goes on at the next line', () => {
    expect(read('#1,ok\n#2,Tea "towel,10.00\n#3,fine\n')).toEqual([
      rec(1, '#1', 'ok'),
      { fault: { kind: 'quote-in-unquoted-field', line: 2, column: 2, fields: ['#2'] }, reason: expect.stringMatching(/a quote appears inside an unquoted field at column 2 \(line 2\)/) },
      rec(3, '#3', 'fine'),
    ]);
  });

  it('reports text after a closing quote, and goes on at the next line even if that line ends in an open quote', () => {
    expect(read('#1,"12" pizza",x\r\n#2,"a\nb"c,"never closed\n#3,fine\n')).toEqual([
      { fault: { kind: 'text-after-closing-quote', line: 1, column: 2, fields: ['#1'] }, reason: expect.stringMatching(/quoted field at column 2 has text after its closing quote \(line 1\)/) },
      { fault: { kind: 'text-after-closing-quote', line: 2, column: 2, fields: ['#2'] }, reason: expect.stringMatching(/\(line 3\)/) },
      rec(4, '#3', 'fine'),
    ]);
  });

  it('reports a quoted field still open at the end of the file', () => {
    expect(read('#1,ok\n#2,"cut\nshort')).toEqual([
      rec(1, '#1', 'ok'),
      { fault: { kind: 'unclosed-quote', line: 2, column: 2, fields: ['#2'] }, reason: expect.stringMatching(/quoted field at column 2 opens on line 2 and is still open at the end of the file/) },
    ]);
    // A closing quote as the very last byte closes the field.
    expect(read('a,"b"')).toEqual([rec(1, 'a', 'b')]);
  });

  it('gives up on a field that grows past the limit across chunks, and goes on at the next line', () => {
    const input = 'a,b\n#1,"runaway\n#2,ok\n#3,ok\n#4,ok\n#5,' + 'x'.repeat(40) + '\n#6,end\n';
    const every5 = Array.from({ length: 20 }, (_, i) => 5 * (i + 1));
    expect(read(input, every5, 20)).toEqual([
      rec(1, 'a', 'b'),
      // The quoted field has passed 20 bytes at the cut at byte 30, inside line 5; reading goes on from line 6.
      { fault: { kind: 'field-too-long', line: 2, column: 2, fields: ['#1'] }, reason: 'the field at column 2 is longer than 20 bytes by line 5: most likely a quote opens it by mistake' },
      { fault: { kind: 'field-too-long', line: 6, column: 2, fields: ['#5'] }, reason: expect.stringMatching(/by line 6/) },
      rec(7, '#6', 'end'),
    ]);
    // Under the default limit the runaway quote runs to the end of the file.
    expect(read(input, every5)).toEqual([
      rec(1, 'a', 'b'),
      { fault: { kind: 'unclosed-quote', line: 2, column: 2, fields: ['#1'] }, reason: expect.stringMatching(/opens on line 2/) },
    ]);
  });

  it('gives the same result whatever byte offsets chunks are cut at', () => {
    const input =
      'Name,Title,Price\r\n#1,"Crème ""brûlée"", 寿司 🍣",1.00\r\n\r\n#2,"two\r\nlines\nthree",\n#3,Tea "towel,2\n' +
      '#4,"ok"x,3\r#5,"lone\rCR",\n\n"",🍣\n#6,"open\nto the end';
    const bytes = Buffer.from(input, 'utf8');
    const whole = read(bytes);
    expect(whole.length).toBe(8);
    for (let a = 0; a <= bytes.length; a++) {
      expect(read(bytes, [a]), `cut at ${a}`).toEqual(whole);
      for (let b = a; b <= Math.min(bytes.length, a + 3); b++) expect(read(bytes, [a, b]), `cut at ${a}, ${b}`).toEqual(whole);
    }
    expect(read(bytes, Array.from({ length: bytes.length }, (_, i) => i))).toEqual(whole);
  });

  it('reads back any records written per RFC 4180, however the bytes are cut', () => {
    const char = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', 'a', 'é', '寿', '🍣', '""') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    );
    const field = fc.array(char, { maxLength: 8 }).map((parts) => parts.join(''));
    const record = fc.array(field, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (records, quoteAll, eol, finalEol, cutSeeds) => {
          let text = '';
          const expected: Event[] = [];
          records.forEach((fields, i) => {
            expected.push({ line: 1 + lineBreaks(text), fields });
            // A lone empty field must be quoted, or its line would be blank and skipped.
            const quote = (f: string) => quoteAll || /[",\r\n]/.test(f) || (fields.length === 1 && f === '');
            text += fields.map((f) => (quote(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
            if (i < records.length - 1 || finalEol) text += eol;
          });
          const bytes = Buffer.from(text, 'utf8');
          const cuts = [...new Set(cutSeeds.map((s) => s % (bytes.length + 1)))].sort((x, y) => x - y);
          expect(read(bytes, cuts)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
