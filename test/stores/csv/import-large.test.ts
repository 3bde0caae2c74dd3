import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/mirror/open';
import { loadOrder } from '../../../main/mirror/store-orders';
import { importCsv } from '../../../main/stores/csv/import-csv';
import { tempDir } from '../../helpers/tmp';
import { mirrorDigest } from './helpers';


/** A generic CSV larger than one read chunk (1 MiB), full of multi-byte characters that chunks split. */
function writeBigFile(file: string, orders: number, changed = -1): void {
  const header = 'order_id,created_at,currency,total,customer_name,line_sku,line_title,line_quantity,line_unit_price\n';
  const rows: string[] = [header];
  for (let n = 0; n < orders; n++) {
    const total = n === changed ? '99.99' : '30.00';
    const title = `"Crème brûlée “${n}”, 寿司 🍣 ${'é'.repeat(n % 97)}"`;
    rows.push(`O-${n},2025-01-01T00:00:00Z,EUR,${total},Zoë Ångström,A-${n},${title},1,10.00\n`);
    rows.push(`O-${n},,,,,B-${n},"Second line\nwith a break",2,10.00\n`);
  }
  writeFileSync(file, rows.join(''));
}

describe('streaming a file larger than one chunk', () => {
  it('imports every order in batches, keeps split characters intact, and re-imports as unchanged', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    writeBigFile(file, 5000);
    const db = openCompanyDb(dir, '1');
    const first = await importCsv({ db, storeId: 's', file, batchSize: 250 });
    expect(first).toMatchObject({ format: 'generic', added: 5000, updated: 0, unchanged: 0, rejected: [], refused: false });
    const order = loadOrder(db, 's', 'O-4999')!;
    expect(order.lines.map((l) => l.title)).toEqual([`Crème brûlée “4999”, 寿司 🍣 ${'é'.repeat(4999 % 97)}`, 'Second line\nwith a break']);
    expect(order.customer.name).toBe('Zoë Ångström');
    const titles = db.prepare("SELECT count(*) AS n FROM store_order_lines WHERE title LIKE 'Crème brûlée “%”, 寿司 🍣%'").get() as { n: number };
    expect(titles.n).toBe(5000);

    const digest = mirrorDigest(db);
    expect(await importCsv({ db, storeId: 's', file })).toMatchObject({ added: 0, updated: 0, unchanged: 5000 });
    expect(mirrorDigest(db)).toBe(digest);

    writeBigFile(file, 5001, 1234);
    expect(await importCsv({ db, storeId: 's', file })).toMatchObject({ added: 1, updated: 1, unchanged: 4999, rejected: [] });
    expect(loadOrder(db, 's', 'O-1234')!.total).toBe(9999);
    db.close();
  });

  it('reports the start line of rows whose quoted fields span lines', async () => {
    const dir = tempDir();
    const file = join(dir, 'multiline.csv');
    writeFileSync(
      file,
      'order_id,created_at,currency,total,line_title,line_quantity,line_unit_price\n' +
        'A,2025-01-01T00:00:00Z,EUR,1.00,"two\nlines",1,1.00\n' +
        '\n' +
        'B,2025-01-01T00:00:00Z,EUR,1.00,"x\ny\nz",1,abc\n',
    );
    const db = openCompanyDb(dir, '1');
    const result = await importCsv({ db, storeId: 's', file });
    expect(result.rejected).toEqual([{ file, row: 5, column: 'line_unit_price', reason: 'order B: "abc" is not a decimal amount' }]);
    db.close();
  });
});
