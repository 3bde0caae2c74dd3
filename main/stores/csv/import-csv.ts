/**
 * Streams an order CSV into a company's mirror. The file is read once: rows are grouped into orders
 * (an order's rows are consecutive), each order is assembled and checked, and good orders are
 * written in batches inside one transaction that spans the whole file. If any problem turns up and
 * the caller did not ask for `validOnly`, that transaction is rolled back, so a file with problems
 * imports nothing; with `validOnly`, only whole, valid orders are kept. Memory stays flat: at most
 * one order's rows and one batch of orders are held, plus one small entry per order id seen.
 */
import { createReadStream } from 'node:fs';
import type { OrderSource, StoreOrder } from '../../orders/store-order';
import type { CompanyDb } from '../../mirror/open';
import { restoreCommittedOrder, upsertOrders, type UpsertOutcome } from '../../mirror/store-orders';
import { assembleOrder } from './assemble-order';
import { ByteGuard } from './byte-guard';
import { CsvReader, type CsvFault } from './csv-reader';
import { resolveHeader, type ResolvedHeader } from './header';
import { FileRefusal, type CsvProblem } from './problems';

export interface ImportCsvOptions {
  /**
   * The company mirror. The import holds one write transaction on it from the first row to the
   * last, across awaits: nothing else may use this connection until the promise settles (open a
   * dedicated connection, as the CLI does).
   */
  db: CompanyDb;
  storeId: string;
  file: string;
  /** Import the orders that are valid and report the rest, instead of importing nothing. */
  validOnly?: boolean;
  /** Orders per write batch. */
  batchSize?: number;
  /** The `source` recorded on each order; CSV imports are `csv` unless a caller knows better. */
  source?: OrderSource;
}

export interface ImportCsvResult {
  /** Which layout the header matched; null when the file was refused before that was known. */
  format: 'shopify' | 'generic' | null;
  added: number;
  updated: number;
  unchanged: number;
  rejected: CsvProblem[];
  /** True when nothing was imported because of the problems listed. */
  refused: boolean;
}

interface Group {
  key: string;
  rows: string[][];
  rowNumbers: number[];
  /** The whole order is rejected regardless of its cells: something made it untrustworthy. */
  poisoned: boolean;
  /** Its first rows are elsewhere (earlier in the file, or unreadable): only line cells are worth checking. */
  continuation: boolean;
}

type Seen = { firstRow: number; outcome: UpsertOutcome | 'rejected' | 'pending' };

export async function importCsv(options: ImportCsvOptions): Promise<ImportCsvResult> {
  const { db, storeId, file } = options;
  const validOnly = options.validOnly === true;
  const batchSize = options.batchSize ?? 1000;
  const source = options.source ?? 'csv';

  if (db.inTransaction) throw new Error('importCsv needs a connection with no open transaction: it commits or rolls back the whole file itself');
  const problems: CsvProblem[] = [];
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const seen = new Map<string, Seen>();
  let header: ResolvedHeader | undefined;
  let refusal: FileRefusal | undefined;
  let internal: unknown;
  let group: Group | undefined;
  let batch: StoreOrder[] = [];
  let lineColumns = new Set<string>();

  const report = (row: number, column: string, reason: string) => {
    problems.push({ file, row, column, reason });
  };
  // Without validOnly, the first problem means nothing will be kept; stop spending time on writes.
  const writing = () => validOnly || problems.length === 0;

  const onOutcome = (sourceId: string, outcome: UpsertOutcome) => {
    const entry = seen.get(sourceId);
    if (entry) entry.outcome = outcome;
  };

  const flush = () => {
    if (batch.length === 0) return;
    if (writing()) {
      const result = upsertOrders(db, storeId, batch, { trusted: true, onOutcome });
      counts.added += result.added;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
    }
    batch = [];
  };

  /** Undo an order already written by this import (its rows turned out not to be all in one place). */
  const retract = (key: string, entry: Seen) => {
    if (entry.outcome === 'pending') {
      batch = batch.filter((o) => o.sourceId !== key);
    } else if (entry.outcome !== 'rejected') {
      counts[entry.outcome] -= 1;
      if (entry.outcome !== 'unchanged' && writing()) restoreCommittedOrder(db, storeId, key);
    }
    entry.outcome = 'rejected';
  };

  const finishGroup = () => {
    if (!group) return;
    const g = group;
    group = undefined;
    const entry = seen.get(g.key)!;
    // Even an order already rejected is checked, so that every problem in the file is reported at once.
    const assembled = g.rows.length > 0 ? assembleOrder(header!, source, g.key, g.rows, g.rowNumbers) : { order: undefined, problems: [] };
    for (const p of assembled.problems) {
      if (!g.continuation || lineColumns.has(p.column)) report(p.row, p.column, `order ${g.key}: ${p.reason}`);
    }
    if (g.poisoned || !assembled.order) {
      entry.outcome = 'rejected';
      return;
    }
    entry.outcome = 'pending';
    batch.push(assembled.order);
    if (batch.length >= batchSize) flush();
  };

  const startGroup = (key: string, row: string[] | undefined, rowNo: number) => {
    const earlier = seen.get(key);
    group = { key, rows: row ? [row] : [], rowNumbers: row ? [rowNo] : [], poisoned: false, continuation: row === undefined };
    if (earlier) {
      group.poisoned = true;
      group.continuation = true;
      report(rowNo, header!.order.key.name, `order ${key}: its rows are not together (it also appears from row ${earlier.firstRow}); the rows of one order must be consecutive, so the order is not imported`);
      retract(key, earlier);
    } else {
      seen.set(key, { firstRow: rowNo, outcome: 'rejected' });
    }
  };

  /**
   * After a row the reader could not read: whether the next new order may have lost rows to it.
   * That is so when the broken row's order could not be told, or when the broken stretch covered
   * more than one line (a stray quote can swallow the lines after it).
   */
  let broken: { line: number; keyKnown: boolean } | undefined;

  const onRow = (row: string[], rowNo: number) => {
    const keyColumn = header!.order.key;
    const key = (row[keyColumn.index] ?? '').trim();
    const after = broken;
    broken = undefined;
    if (key === '') {
      report(rowNo, keyColumn.name, `${keyColumn.name} is empty, so the row belongs to no order${group ? `; order ${group.key} above it is not imported either, since the row may be one of its lines` : ''}`);
      if (group) group.poisoned = true;
      return;
    }
    if (group && group.key === key) {
      group.rows.push(row);
      group.rowNumbers.push(rowNo);
      return;
    }
    finishGroup();
    startGroup(key, row, rowNo);
    if (after && (!after.keyKnown || rowNo - after.line > 1) && !group!.poisoned) {
      group!.poisoned = true;
      report(rowNo, '', `order ${key}: follows the unreadable row at line ${after.line}, which may have held some of its rows, so the order is not imported`);
    }
  };

  const onFault = (fault: CsvFault) => {
    const line = fault.line;
    if (!header) {
      refusal = new FileRefusal(line, '', `the header row cannot be read as CSV: ${fault.reason}`);
      return;
    }
    const what =
      fault.kind === 'unclosed-quote'
        ? `a quoted field is never closed (the file is cut short or a quote is missing): ${fault.reason}`
        : `the row cannot be read as CSV: ${fault.reason}`;
    // The order id may be among the fields read before the fault.
    const keyIndex = header.order.key.index;
    const key = keyIndex < fault.fields.length ? (fault.fields[keyIndex] ?? '').trim() : '';
    broken = { line, keyKnown: key !== '' };
    if (key === '') {
      report(line, '', `${what}; the row's order cannot be told${group ? `, so order ${group.key} above it is not imported either` : ''}`);
      if (group) group.poisoned = true;
      return;
    }
    report(line, '', `order ${key}: ${what}`);
    if (!group || group.key !== key) {
      finishGroup();
      startGroup(key, undefined, line);
    }
    group!.poisoned = true;
  };

  const reader = new CsvReader({
    record(fields, line) {
      if (refusal || internal) return;
      try {
        if (!header) {
          header = resolveHeader(fields);
          lineColumns = new Set(['', ...Object.values(header.line).map((c) => c.name)]);
        } else {
          onRow(fields, line);
        }
      } catch (error) {
        if (error instanceof FileRefusal) refusal = error;
        else internal = error;
      }
    },
    fault(fault) {
      if (refusal || internal) return;
      try {
        onFault(fault);
      } catch (error) {
        internal = error;
      }
    },
  });

  const guard = new ByteGuard();
  // The whole file is one transaction. With the default page cache (16 MB in better-sqlite3) the
  // index pages of a large import are evicted and re-read from the WAL over and over; 32 MB wrote
  // 100k orders ~1.4× faster in our measurements, and 64 MB more so but at ~290 MB peak memory.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -32768');
  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    try {
      const stream = createReadStream(file, { highWaterMark: 1 << 20 });
      let sawBytes = false;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        sawBytes ||= chunk.length > 0;
        reader.push(guard.accept(chunk));
        if (refusal || internal) {
          stream.destroy();
          break;
        }
      }
      if (!refusal && !internal) {
        reader.push(guard.finish());
        reader.end();
        if (!header && !refusal) refusal = new FileRefusal(0, '', sawBytes ? 'the file holds no rows, not even a header' : 'the file is empty');
      }
    } catch (error) {
      if (error instanceof FileRefusal) refusal = error;
      else if (isFsError(error)) refusal = new FileRefusal(0, '', `the file cannot be read: ${error.message}`);
      else internal ??= error;
    }
    if (internal) throw internal;
    if (!refusal) {
      finishGroup();
      flush();
    }
    const refused = refusal !== undefined || (problems.length > 0 && !validOnly);
    problems.sort((a, b) => a.row - b.row);
    if (refusal) problems.unshift({ file, row: refusal.row, column: refusal.column, reason: refusal.message });
    if (refused) {
      db.exec('ROLLBACK');
      committed = true;
      return { format: header?.format.id ?? null, added: 0, updated: 0, unchanged: 0, rejected: problems, refused: true };
    }
    db.exec('COMMIT');
    committed = true;
    return { format: header!.format.id, ...counts, rejected: problems, refused: false };
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined;
}
