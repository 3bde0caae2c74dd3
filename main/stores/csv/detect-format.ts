/** Which order CSV layout a file is, from its header row alone (used to pick a store before importing). */
import { open } from 'node:fs/promises';
import { ByteGuard } from './byte-guard';
import { CsvReader } from './csv-reader';
import { resolveHeader } from './header';

const MAX_HEADER_BYTES = 1 << 20;
// A header row is a few hundred bytes: reading the whole allowance at once would parse up to 1 MiB
// of rows nobody looks at.
const SLICE_BYTES = 64 * 1024;

/** The layout's id, or undefined when the header cannot be read or is neither layout (the import reports why). */
export async function detectCsvFormat(file: string): Promise<'shopify' | 'generic' | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
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
    for (let offset = 0; !settled && offset < MAX_HEADER_BYTES; ) {
      const want = Math.min(SLICE_BYTES, MAX_HEADER_BYTES - offset);
      // A fresh buffer each time: ByteGuard keeps the tail of a split character as a view into it.
      const slice = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(slice, 0, want, offset);
      offset += bytesRead;
      reader.push(guard.accept(slice.subarray(0, bytesRead)));
      if (bytesRead < want) {
        reader.push(guard.finish());
        reader.end();
        break;
      }
    }
    return header ? resolveHeader(header).format.id : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
