/**
 * An instant's calendar date in the company's time zone (QBO's TxnDate is a local date there).
 * Intl formatting costs ~15 µs per call; zone offsets change on at most a few days a year, and
 * always on a quarter hour (Lord Howe Island changes at 15:30 UTC), so the offset is cached per
 * UTC day when it is the same at both ends of the day, and per quarter hour on the days it changes.
 */
const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;
const CHANGES = Number.NaN;

export class LocalDates {
  private readonly format: Intl.DateTimeFormat;
  private readonly byQuarter = new Map<number, number>();
  /** Offset for the whole UTC day, or CHANGES when it differs somewhere inside the day. */
  private readonly byDay = new Map<number, number>();
  private readonly dayNames = new Map<number, string>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** `YYYY-MM-DD` of `iso` in the zone. */
  dateOf(iso: string): string {
    const ms = Date.parse(iso);
    const local = ms + this.offsetOf(ms);
    // One string per calendar day, shared: the engine keeps one per order.
    const day = Math.floor(local / DAY_MS);
    let date = this.dayNames.get(day);
    if (date === undefined) this.dayNames.set(day, (date = new Date(local).toISOString().slice(0, 10)));
    return date;
  }

  private offsetOf(ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    let offsetMs = this.byDay.get(day);
    if (offsetMs === undefined) {
      const start = this.offsetAt(day * DAY_MS);
      offsetMs = start === this.offsetAt(day * DAY_MS + DAY_MS - QUARTER_MS) ? start : CHANGES;
      this.byDay.set(day, offsetMs);
    }
    if (!Number.isNaN(offsetMs)) return offsetMs;
    const quarter = Math.floor(ms / QUARTER_MS);
    let offset = this.byQuarter.get(quarter);
    if (offset === undefined) {
      offset = this.offsetAt(quarter * QUARTER_MS);
      this.byQuarter.set(quarter, offset);
    }
    return offset;
  }

  /** Local wall time minus UTC at `ms`. */
  private offsetAt(ms: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    // Minutes too: India is +05:30 and the Chatham Islands +12:45.
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    return wall - ms;
  }
}
