/** Rows the CSV reader cannot read, through the whole import: what is reported, and what is still imported. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/mirror/open';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { detectCsvFormat } from '../../../main/stores/csv/detect-format';
import { tempDir } from '../../helpers/tmp';
import { orderIds } from './helpers';

const HEADER = 'order_id,created_at,currency,total,line_title,line_quantity,line_unit_price\n';
const row = (id: string, title: string) => `${id},2025-01-01T00:00:00Z,EUR,1.00,${title},1,1.00\n`;

async function importText(text: string, validOnly = true) {
  const dir = tempDir();
  const file = join(dir, 'orders.csv');
  writeFileSync(file, text);
  const db = openCompanyDb(dir, '1');
  try {
    const result = await importCsv({ db, storeId: 's', file, validOnly });
    return { result, ids: orderIds(db, 's'), file };
  } finally {
    db.close();
  }
}

describe('unreadable rows', () => {
  it('reports text after a closing quote and keeps the orders around it', async () => {
    const { result, ids } = await importText(HEADER + row('A', '"Mug "large""') + row('B', 'Plate'));
    expect(result.rejected.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, '', 'order A: the row cannot be read as CSV: the quoted field at column 5 has text after its closing quote (line 2); a quote inside a quoted field must be doubled'],
    ]);
    expect(ids).toEqual(['B']);
  });

  it('does not trust the order after a stray quote that swallowed lines', async () => {
    // B's title opens a quote that the first quote of C's row closes: lines 3-4 are one broken row.
    const text = HEADER + row('A', 'Mug') + row('B', '"Plate') + row('C', '"Cup"') + row('D', 'Bowl') + row('E', 'Spoon');
    const { result, ids } = await importText(text);
    expect(result.rejected.map((p) => [p.row, p.reason])).toEqual([
      [3, expect.stringMatching(/^order B: the row cannot be read as CSV: the quoted field at column 5 has text after its closing quote \(line 4\)/)],
      [5, 'order D: follows the unreadable row at line 3, which may have held some of its rows, so the order is not imported'],
    ]);
    expect(ids).toEqual(['A', 'E']);
  });

  it('refuses a file whose header cannot be read', async () => {
    const { result } = await importText('order_id,created"_at,currency\n' + row('A', 'Mug'));
    expect(result.refused).toBe(true);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 1, column: '', reason: expect.stringMatching(/^the header row cannot be read as CSV: a quote appears inside an unquoted field at column 2/) }),
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'order_id,created"_at\n');
    expect(await detectCsvFormat(join(dir, 'bad.csv'))).toBeUndefined();
    writeFileSync(join(dir, 'good.csv'), HEADER.replace('\n', '\r\n') + row('A', '"Mug"'));
    expect(await detectCsvFormat(join(dir, 'good.csv'))).toBe('generic');
  });
});
