/**
 * Where an incremental pull stopped, for stores whose order list answers "changed since" (Shopify's
 * `updated_at`, WooCommerce's `modified_after`), and the bookkeeping of one pull towards the next
 * stop. API2Cart keeps its own cursor (api2cart/pull-cursor.ts): its pulls run in time windows.
 *
 * Stored after every page as `{"v":1,"since":"<ISO instant>"}`, the newest change the mirror holds.
 * Existing mirrors hold exactly this text, so its shape is fixed. The next pull asks from `since`
 * minus an overlap, because store time filters have been seen to lag and clocks differ
 * (store-apis.md E7); the overlap costs a few re-read orders, which the mirror counts as unchanged.
 */
import { z } from 'zod';

export const DEFAULT_OVERLAP_MS = 5 * 60_000;

const sinceCursorSchema = z.object({
  v: z.literal(1),
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a date' }),
});

type SinceCursor = z.infer<typeof sinceCursorSchema>;

export function encodeSinceCursor(since: string): string {
  return JSON.stringify({ v: 1, since } satisfies SinceCursor);
}

/** null for a first pull; a cursor from another connector kind or version starts over with a full pull. */
export function decodeSinceCursor(text: string | null): SinceCursor | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const result = sinceCursorSchema.safeParse(parsed);
  return result.success ? { v: 1, since: result.data.since } : null;
}

/**
 * One pull on its way to the next stop. It remembers which version of each order this pull has
 * handed over, because the overlap and any restarted query read some orders again, and an order
 * changed mid-pull comes again and must be handed over again.
 */
export class SincePull {
  private readonly handed = new Map<string, string>();
  private newest: string | null;
  // Parsed once: handOver compares against it for every order of the pull.
  private newestMs: number;

  constructor(readonly previous: SinceCursor | null) {
    this.newest = previous?.since ?? null;
    this.newestMs = this.newest === null ? -Infinity : Date.parse(this.newest);
  }

  /** Where to start asking, in ms: the previous stop less the overlap; null reads everything. */
  resumeFromMs(overlapMs: number): number | null {
    return this.previous ? Date.parse(this.previous.since) - overlapMs : null;
  }

  /** The newest change handed over so far (or the previous stop): where a restarted query begins. */
  get since(): string | null {
    return this.newest;
  }

  /** `version` is whatever the store changes with each edit of the order (its modified stamp). */
  isNew(orderId: string, version: string): boolean {
    return this.handed.get(orderId) !== version;
  }

  handOver(orderId: string, version: string, changedAt: string = version): void {
    this.handed.set(orderId, version);
    const changedMs = Date.parse(changedAt);
    if (this.newest === null || changedMs > this.newestMs) {
      this.newest = changedAt;
      this.newestMs = changedMs;
    }
  }

  /** The cursor to store with the page just handed over. */
  cursor(): string {
    if (this.newest === null) throw new Error('a pull cursor needs at least one order handed over');
    return encodeSinceCursor(this.newest);
  }
}
