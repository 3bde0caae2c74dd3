/**
 * Page cursors: keyset positions (the sort key of the last order sent) plus the query they belong
 * to, base64 encoded. Every cursor starts with bytes that encode as `+/+/`, so a client that fails
 * to decode once and encode once (api2cart.md §2: cursors arrive as `%2F`, `%2B`) breaks visibly:
 * `+` read back from a query string is a space.
 */

export interface CursorState {
  /** The list query without paging: filters, sort, fields. */
  query: Record<string, string>;
  count: number;
  /** Sort key of the last order sent: [primary value, tie-break sequence]; null before the first. */
  after: [number | string, number] | null;
}

const MARK = Buffer.from([0xfb, 0xff, 0xbf]);

export function encodeCursor(state: CursorState): string {
  return Buffer.concat([MARK, Buffer.from(JSON.stringify(state), 'utf8')]).toString('base64');
}

/** The cursor as API2Cart prints it inside JSON: percent-encoded. */
export function printCursor(state: CursorState): string {
  return encodeURIComponent(encodeCursor(state));
}

/** Accepts the raw base64 or a still-percent-encoded copy (fixtures show both); null when invalid. */
export function decodeCursor(text: string): CursorState | null {
  let raw = text;
  if (raw.includes('%')) {
    try {
      raw = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return null;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length <= MARK.length || !bytes.subarray(0, MARK.length).equals(MARK)) return null;
  try {
    const state = JSON.parse(bytes.subarray(MARK.length).toString('utf8')) as CursorState;
    if (typeof state !== 'object' || state === null || (state.after !== null && !Array.isArray(state.after)) || typeof state.count !== 'number') return null;
    return state;
  } catch {
    return null;
  }
}
