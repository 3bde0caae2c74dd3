/**
 * The connector's own resume point, stored by `pullStore` with each page. Between pulls it is a
 * high-water `modified_at` plus the orders seen within the overlap window before it (so the overlap
 * re-reads them without re-importing them). During a pull split into time windows it also holds
 * each window's progress, so a killed pull resumes every window where its last committed page
 * ended. Orders that could not be read (unknown status…) are held by id and retried next pull.
 */
export interface WindowState {
  /** Inclusive bounds in ms; null `from` = from the beginning, null `to` = open-ended. */
  from: number | null;
  to: number | null;
  /** Latest `modified_at` committed from this window. */
  hw: number | null;
  /** `orderId@modifiedMs` of committed orders within the overlap before `hw`. */
  edge: string[];
  done: boolean;
}

export interface PullCursor {
  v: 1;
  since: number | null;
  edge: string[];
  windows: WindowState[] | null;
  held: string[];
}

export const EMPTY_CURSOR: PullCursor = { v: 1, since: null, edge: [], windows: null, held: [] };

export function encodePullCursor(cursor: PullCursor): string {
  return JSON.stringify(cursor);
}

export class CursorError extends Error {}

export function decodePullCursor(text: string | null): PullCursor {
  if (text === null) return { ...EMPTY_CURSOR };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CursorError('the stored API2Cart cursor is not JSON');
  }
  const c = parsed as Partial<PullCursor>;
  if (!c || c.v !== 1 || !Array.isArray(c.edge) || !Array.isArray(c.held) || (c.windows !== null && !Array.isArray(c.windows))) {
    throw new CursorError('the stored API2Cart cursor has an unknown shape');
  }
  return { v: 1, since: typeof c.since === 'number' ? c.since : null, edge: c.edge, windows: c.windows ?? null, held: c.held };
}

export const orderKey = (orderId: string, modifiedMs: number) => `${orderId}@${modifiedMs}`;
export const keyMs = (key: string) => Number(key.slice(key.lastIndexOf('@') + 1));

/** API2Cart's documented filter form, `Y-m-d\TH:i:sO`, in UTC: 2026-06-15T00:00:00+0000. */
export function a2cFilterDate(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+0000`;
}
