/**
 * An instant's calendar date in the company's time zone (QBO's TxnDate is a local date there).
 * Intl formatting costs microseconds per call; zone offsets only change on hour boundaries in
 * every zone in use, so the answer is cached per UTC hour.
 */
const HOUR_MS = 3_600_000;

export class LocalDates {
  private readonly format: Intl.DateTimeFormat;
  private readonly byHour = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  }

  /** `YYYY-MM-DD` of `iso` in the zone. */
  dateOf(iso: string): string {
    const ms = Date.parse(iso);
    const hour = Math.floor(ms / HOUR_MS);
    let offsetMs = this.byHour.get(hour);
    if (offsetMs === undefined) {
      offsetMs = this.offsetAt(hour * HOUR_MS);
      this.byHour.set(hour, offsetMs);
    }
    return new Date(ms + offsetMs).toISOString().slice(0, 10);
  }

  /** Local wall time minus UTC at `ms`. */
  private offsetAt(ms: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!);
    return wall - ms;
  }
}

/** Whole days from date `a` to date `b` (`YYYY-MM-DD`), absolute. */
export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}
