/**
 * Instants are stored as UTC ISO strings (`2025-10-07T07:50:26.000Z`). Sources write them with an
 * offset in various shapes; a time without an offset is refused, because guessing the shop's time
 * zone is how orders end up on the wrong day.
 */

export class InstantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstantError';
  }
}

// 2025-10-07T09:50:26Z, 2025-10-07T09:50:26.123+02:00, 2025-10-07 09:50:26 +0200 (Shopify exports)
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)? ?(Z|z|[+-]\d{2}:?\d{2})$/;

// An export repeats the same few instants (created = paid = processed); remembering recent answers
// skips the regex and two Date constructions for most of them.
const recent = new Map<string, string>();

/** Text with an explicit offset → UTC ISO instant. */
export function parseInstant(text: string): string {
  const known = recent.get(text);
  if (known !== undefined) return known;
  const instant = computeInstant(text);
  if (recent.size >= 64) recent.clear();
  recent.set(text, instant);
  return instant;
}

function computeInstant(text: string): string {
  const match = INSTANT.exec(text.trim());
  if (!match) throw new InstantError(`${JSON.stringify(text)} is not a date and time with a UTC offset (e.g. 2025-10-07 09:50:26 +0200 or 2025-10-07T07:50:26Z)`);
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new InstantError(`${JSON.stringify(text)} is not a real date and time`);
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone!.replace(':', '');
    const offHours = Number(digits.slice(1, 3));
    const offMinutes = Number(digits.slice(3, 5));
    if (offHours > 14 || offMinutes > 59) throw new InstantError(`${JSON.stringify(text)} has an impossible UTC offset`);
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/** The later of two ISO instants (they compare as strings because they share one format). */
export function laterInstant(a: string, b: string | null | undefined): string {
  return b !== null && b !== undefined && b > a ? b : a;
}
