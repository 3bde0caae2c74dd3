/** Which order CSV layout a file is, from its header row alone (used to pick a store before importing). */
import { parse } from 'csv-parse/sync';
import { open } from 'node:fs/promises';
import { ByteGuard } from './byte-guard';
import { resolveHeader } from './header';

const MAX_HEADER_BYTES = 1 << 20;

/** The layout's id, or undefined when the header cannot be read or is neither layout (the import reports why). */
export async function detectCsvFormat(file: string): Promise<'shopify' | 'generic' | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    const guard = new ByteGuard();
    const head = Buffer.concat([guard.accept(buffer.subarray(0, bytesRead)), bytesRead < MAX_HEADER_BYTES ? guard.finish() : Buffer.alloc(0)]);
    const records = parse(head, { to: 1, relax_column_count: true, skip_records_with_error: true }) as string[][];
    const header = records[0];
    return header ? resolveHeader(header).format.id : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
