/** Which order CSV layout a file is, from its header row alone (used to pick a store before importing). */
import { open } from 'node:fs/promises';
import { ByteGuard } from './byte-guard';
import { CsvReader } from './csv-reader';
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
    // Only the first record matters; one that cannot be read leaves the layout unknown.
    let header: string[] | undefined;
    let settled = false;
    const reader = new CsvReader({
      record(fields) {
        if (!settled) header = fields;
        settled = true;
      },
      fault() {
        settled = true;
      },
    });
    reader.push(guard.accept(buffer.subarray(0, bytesRead)));
    if (bytesRead < MAX_HEADER_BYTES) {
      reader.push(guard.finish());
      reader.end();
    }
    return header ? resolveHeader(header).format.id : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
