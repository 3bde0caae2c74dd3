/**
 * CSV import throughput: a Shopify-style export of 100,000 orders (3 line items each, the full
 * 79-column header) imported into a fresh company mirror, against the floor of a bare csv-parse
 * (`columns: false`) pass over the same file in the same run.
 */
import { parse } from 'csv-parse';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { openCompanyDb } from '../../main/mirror/open';
import { importCsv } from '../../main/stores/csv/import-csv';

const ORDERS = Number(process.env.CSV_BENCH_ORDERS ?? 100_000);
const LINES_PER_ORDER = 3;

const HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,' +
  'Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,' +
  'Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,' +
  'Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,' +
  'Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,' +
  'Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount,' +
  'Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,' +
  'Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References';
const WIDTH = HEADER.split(',').length;

function money(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function orderRows(n: number): string {
  const created = new Date(Date.UTC(2024, 0, 1) + n * 60_000);
  const stamp = created.toISOString().replace('T', ' ').slice(0, 19) + ' +0000';
  const prices = [1250 + (n % 700), 899 + (n % 50), 4999];
  const subtotal = prices.reduce((a, b) => a + b, 0);
  const tax = Math.floor(subtotal / 5);
  const shipping = 490;
  const total = subtotal + tax + shipping;
  const rows: string[] = [];
  for (let line = 0; line < LINES_PER_ORDER; line++) {
    const cells = new Array<string>(WIDTH).fill('');
    cells[0] = `#${100000 + n}`;
    cells[1] = `customer${n % 5000}@example.com`;
    cells[16] = '1';
    cells[17] = `"Product ${line}, size ${n % 7}"`;
    cells[18] = money(prices[line]!);
    cells[20] = `SKU-${line}-${n % 300}`;
    cells[21] = 'true';
    cells[22] = 'true';
    cells[23] = 'fulfilled';
    cells[55] = '0.00';
    if (line === 0) {
      Object.assign(cells, {
        2: 'paid', 3: stamp, 4: 'fulfilled', 5: stamp, 6: 'no', 7: 'USD', 8: money(subtotal), 9: money(shipping), 10: money(tax),
        11: money(total), 14: 'Standard', 15: stamp, 24: 'Jane Doe', 25: '1 Main St', 26: '1 Main St', 29: 'Springfield', 30: "'01234",
        31: 'MA', 32: 'US', 33: '555-0100', 34: 'Jane Doe', 35: '1 Main St', 36: '1 Main St', 39: 'Springfield', 40: "'01234", 41: 'MA',
        42: 'US', 47: 'Shopify Payments', 48: `ref${n}`, 49: '0.00', 51: String(5_000_000_000 + n), 53: 'Low', 54: 'web',
        56: 'State tax', 57: money(tax), 71: `pay${n}`,
      });
    }
    rows.push(cells.join(','));
  }
  return rows.join('\n') + '\n';
}

export async function generateShopifyExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER + '\n');
  let chunk = '';
  for (let n = 0; n < ORDERS; n++) {
    chunk += orderRows(n);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

interface Pass {
  wallSeconds: number;
  cpuSeconds: number;
}

async function timed(work: () => Promise<void>): Promise<Pass> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallSeconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function csvParseFloor(file: string): Promise<Pass> {
  let rows = 0;
  const pass = await timed(async () => {
    const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ columns: false }));
    for await (const _record of parser) rows += 1;
  });
  if (rows !== ORDERS * LINES_PER_ORDER + 1) throw new Error(`floor pass read ${rows} rows`);
  return pass;
}

export default async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-csv-bench-'));
  try {
    const file = join(dir, 'orders_export.csv');
    await generateShopifyExport(file);
    // The floor is measured before and after the import and averaged, so that load from other
    // processes on a shared machine weighs on both sides of the ratio alike.
    const floorBefore = await csvParseFloor(file);
    (globalThis as { gc?: () => void }).gc?.();

    const db = openCompanyDb(dir, '4620816365000000001');
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 10);
    let result: Awaited<ReturnType<typeof importCsv>> | undefined;
    const imported = await timed(async () => {
      result = await importCsv({ db, storeId: 'bench-store', file });
    });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    db.close();
    if (!result || result.refused || result.added !== ORDERS) throw new Error(`import went wrong: ${JSON.stringify({ ...result, rejected: result?.rejected.slice(0, 3) })}`);
    const floorAfter = await csvParseFloor(file);

    const floorWall = (floorBefore.wallSeconds + floorAfter.wallSeconds) / 2;
    const floorCpu = (floorBefore.cpuSeconds + floorAfter.cpuSeconds) / 2;
    return {
      ordersPerSecond: Math.round(ORDERS / imported.wallSeconds),
      peakRssMB: Math.round(peak / 2 ** 20),
      csvParseFloorOrdersPerSecond: Math.round(ORDERS / floorWall),
      ratioToFloor: Number((floorWall / imported.wallSeconds).toFixed(3)),
      // Per CPU-second figures: steadier than wall time when other processes share the cores.
      ordersPerCpuSecond: Math.round(ORDERS / imported.cpuSeconds),
      csvParseFloorOrdersPerCpuSecond: Math.round(ORDERS / floorCpu),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
