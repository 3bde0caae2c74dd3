/**
 * The resume point stored after each page: the newest `updatedAt` the mirror holds for this
 * store. The next pull asks for orders updated at or after it minus an overlap window, because
 * Shopify's time filters have been seen to lag and clocks differ; the overlap costs only a few
 * re-read orders, which the mirror counts as unchanged.
 */
export interface ShopifyCursor {
  v: 1;
  since: string;
}

export function encodeCursor(since: string): string {
  return JSON.stringify({ v: 1, since } satisfies ShopifyCursor);
}

/** null for a first pull; a cursor from another connector kind or version starts over. */
export function decodeCursor(cursor: string | null): ShopifyCursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(cursor) as Partial<ShopifyCursor>;
    if (parsed.v === 1 && typeof parsed.since === 'string' && !Number.isNaN(Date.parse(parsed.since))) return { v: 1, since: parsed.since };
  } catch {
    /* not ours: a full pull rebuilds it */
  }
  return null;
}

/** Shopify search syntax: dates quoted, UTC with Z (store-apis.md A1, E7). */
export function updatedSince(isoInstant: string): string {
  return `updated_at:>='${isoInstant.replace(/\.\d{3}Z$/, 'Z')}'`;
}
