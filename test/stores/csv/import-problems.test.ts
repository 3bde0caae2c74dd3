import { describe, expect, it } from 'vitest';
import { openCompanyDb, type CompanyDb } from '../../../main/mirror/open';
import { loadOrder } from '../../../main/mirror/store-orders';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { tempDir } from '../../helpers/tmp';
import { fixture, mirrorDigest, orderIds } from './helpers';


/** A mirror that already holds a previous import, so "nothing changed" is a real check. */
async function seededDb(): Promise<CompanyDb> {
  const db = openCompanyDb(tempDir(), '1');
  await importCsv({ db, storeId: 's', file: fixture('shopify-reordered.csv') });
  return db;
}

const cases: Array<{ file: string; problems: Array<{ row: number; column: string; reason: RegExp }>; format: string | null }> = [
  { file: 'shopify-malformed-row.csv', format: 'shopify', problems: [{ row: 5, column: '', reason: /order #1002: the row cannot be read as CSV: a quote appears inside an unquoted field at column 18 \(line 5\)/ }] },
  { file: 'shopify-unknown-currency.csv', format: 'shopify', problems: [{ row: 5, column: 'Currency', reason: /order #1002: unknown currency "EUX"/ }] },
  { file: 'shopify-non-numeric.csv', format: 'shopify', problems: [{ row: 6, column: 'Lineitem price', reason: /order #1003: "3,00" is not a decimal amount/ }] },
  { file: 'products.csv', format: null, problems: [{ row: 1, column: '', reason: /not the header of an order export.*found "Handle", "Title"/ }] },
  { file: 'shopify-utf16.csv', format: null, problems: [{ row: 0, column: '', reason: /UTF-16.*save it as "CSV UTF-8"/ }] },
  { file: 'shopify-latin1.csv', format: null, problems: [{ row: 5, column: '', reason: /not valid UTF-8 \(byte \d+ on line 5/ }] },
  { file: 'empty.csv', format: null, problems: [{ row: 0, column: '', reason: /the file is empty/ }] },
  { file: 'shopify-truncated.csv', format: 'shopify', problems: [{ row: 7, column: '', reason: /order #1003: a quoted field is never closed \(the file is cut short/ }] },
  {
    file: 'shopify-many-problems.csv',
    format: 'shopify',
    problems: [
      { row: 5, column: 'Created at', reason: /order #1002: "2025-10-09 23:10:00" is not a date and time with a UTC offset/ },
      { row: 5, column: 'Financial Status', reason: /order #1002: "half_paid" is not a financial status/ },
      { row: 7, column: '', reason: /order #1003: the row has 20 fields but the header has 75/ },
      { row: 8, column: 'Name', reason: /Name is empty.*order #1003 above it is not imported either/ },
    ],
  },
  { file: 'shopify-split-order.csv', format: 'shopify', problems: [{ row: 5, column: 'Name', reason: /order #1001: its rows are not together \(it also appears from row 2\)/ }] },
];

describe('import problems', () => {
  for (const c of cases) {
    it(`${c.file}: reports every problem with file, row, column and reason, and changes nothing`, async () => {
      const db = await seededDb();
      const before = mirrorDigest(db);
      const result = await importCsv({ db, storeId: 's', file: fixture(c.file) });
      expect(result.refused).toBe(true);
      expect(result.format).toBe(c.format);
      expect({ added: result.added, updated: result.updated, unchanged: result.unchanged }).toEqual({ added: 0, updated: 0, unchanged: 0 });
      expect(result.rejected).toHaveLength(c.problems.length);
      result.rejected.forEach((problem, i) => {
        const want = c.problems[i]!;
        expect(problem.file).toBe(fixture(c.file));
        expect(problem.row).toBe(want.row);
        expect(problem.column).toBe(want.column);
        expect(problem.reason).toMatch(want.reason);
      });
      expect(mirrorDigest(db)).toBe(before);
      expect(db.inTransaction).toBe(false);
      db.close();
    });
  }

  it('refuses a missing file and a header that lacks required columns', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const missing = await importCsv({ db, storeId: 's', file: fixture('no-such-file.csv') });
    expect(missing.refused).toBe(true);
    expect(missing.rejected[0]!.reason).toMatch(/cannot be read.*ENOENT/);
    const lacking = await importCsv({ db, storeId: 's', file: fixture('shopify-missing-columns.csv') });
    expect(lacking.refused).toBe(true);
    expect(lacking.rejected).toEqual([
      { file: fixture('shopify-missing-columns.csv'), row: 1, column: 'Currency', reason: 'the header looks like a Shopify order export but lacks the required columns "Currency", "Total", "Created at"' },
    ]);
    db.close();
  });
});

describe('transaction ownership', () => {
  it('refuses to run inside a transaction it does not own (its rollback would take the caller\'s writes with it)', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const cacheSize = db.pragma('cache_size', { simple: true });
    db.exec('BEGIN');
    await expect(importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') })).rejects.toThrow(/no open transaction/);
    db.exec('ROLLBACK');
    expect(await importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') })).toMatchObject({ added: 3 });
    // The larger page cache the import uses is given back.
    expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    db.close();
  });
});

describe('validOnly', () => {
  it('imports the valid orders of a file with problems and reports the rest', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-non-numeric.csv'), validOnly: true });
    expect(result).toMatchObject({ format: 'shopify', added: 2, updated: 0, unchanged: 0, refused: false });
    expect(result.rejected.map((p) => [p.row, p.column])).toEqual([[6, 'Lineitem price']]);
    expect(orderIds(db, 's')).toEqual(['#1001', '#1004']);
    db.close();
  });

  it('keeps the orders around an unreadable row but never the order the row belonged to', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-malformed-row.csv'), validOnly: true });
    expect(result).toMatchObject({ added: 3, refused: false });
    expect(orderIds(db, 's')).toEqual(['#1001', '#1003', '#1004']);
    expect(loadOrder(db, 's', '#1001')!.lines).toHaveLength(3);
    db.close();
  });

  it('never imports the order a truncated file cut off', async () => {
    const db = openCompanyDb(tempDir(), '1');
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-truncated.csv'), validOnly: true });
    expect(result).toMatchObject({ added: 2, refused: false });
    expect(orderIds(db, 's')).toEqual(['#1001', '#1002']);
    db.close();
  });

  it('takes back an order already written when more of its rows turn up later, restoring what the mirror had', async () => {
    const db = openCompanyDb(tempDir(), '1');
    await importCsv({ db, storeId: 's', file: fixture('shopify-export.csv') });
    const before = loadOrder(db, 's', '#1001')!;
    expect(before.lines).toHaveLength(3);
    const digestBefore = mirrorDigest(db);
    // batchSize 1 writes #1001 with its first two lines before its third row turns up after #1002.
    const result = await importCsv({ db, storeId: 's', file: fixture('shopify-split-order.csv'), validOnly: true, batchSize: 1 });
    expect(result.rejected.map((p) => [p.row, p.column])).toEqual([[5, 'Name']]);
    expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 2, refused: false });
    expect(loadOrder(db, 's', '#1001')).toEqual(before);
    expect(mirrorDigest(db)).toBe(digestBefore);

    const fresh = openCompanyDb(tempDir(), '2');
    const again = await importCsv({ db: fresh, storeId: 's', file: fixture('shopify-split-order.csv'), validOnly: true, batchSize: 1 });
    expect(again).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect(orderIds(fresh, 's')).toEqual(['#1002', '#1003']);
    fresh.close();
    db.close();
  });

  it('still refuses a file whose encoding or header cannot be read', async () => {
    const db = openCompanyDb(tempDir(), '1');
    for (const file of ['shopify-utf16.csv', 'products.csv', 'empty.csv']) {
      expect((await importCsv({ db, storeId: 's', file: fixture(file), validOnly: true })).refused).toBe(true);
    }
    expect(orderIds(db, 's')).toEqual([]);
    db.close();
  });
});
