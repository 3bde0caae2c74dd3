/**
 * Clock helpers for the seed: UTC ISO instants for the store, and the US-zone wall-clock forms QBO
 * uses (TxnDate in the company's zone, MetaData times with an offset like Intuit's "-07:00").
 * US DST rules (second Sunday of March to first Sunday of November, 02:00 local) are computed
 * directly because Intl formatting is far too slow for 200k orders.
 */

const STANDARD_OFFSET_HOURS: Record<string, number> = {
  'America/New_York': -5,
  'America/Chicago': -6,
  'America/Denver': -7,
  'America/Los_Angeles': -8,
};

/** Intuit's servers stamp MetaData in Pacific time. */
export const QBO_METADATA_ZONE = 'America/Los_Angeles';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const dstCache = new Map<string, [number, number]>();

function nthSunday(year: number, month: number, n: number): number {
  const firstDow = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
}

function dstWindowUtc(year: number, stdHours: number): [number, number] {
  const key = `${year}:${stdHours}`;
  let w = dstCache.get(key);
  if (!w) {
    const start = Date.UTC(year, 2, nthSunday(year, 2, 2), 2 - stdHours);
    const end = Date.UTC(year, 10, nthSunday(year, 10, 1), 2 - (stdHours + 1));
    w = [start, end];
    dstCache.set(key, w);
  }
  return w;
}

/** Offset from UTC in minutes of `zone` at instant `ms`. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const std = STANDARD_OFFSET_HOURS[zone];
  if (std === undefined) throw new Error(`unsupported time zone ${zone}`);
  const year = new Date(ms).getUTCFullYear();
  const [start, end] = dstWindowUtc(year, std);
  return (ms >= start && ms < end ? std + 1 : std) * 60;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const ZERO = 48;

/*
 * Timestamps are built as flat strings from character codes: a template literal of several parts
 * leaves a tree of cons-strings behind, and at 200k orders those trees are a sizeable share of the
 * heap and of the garbage collector's work.
 */
function stamp(d: Date, tail: number[]): string {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const se = d.getUTCSeconds();
  return String.fromCharCode(
    ZERO + Math.floor(y / 1000), ZERO + (Math.floor(y / 100) % 10), ZERO + (Math.floor(y / 10) % 10), ZERO + (y % 10), 45,
    ZERO + Math.floor(mo / 10), ZERO + (mo % 10), 45, ZERO + Math.floor(da / 10), ZERO + (da % 10), 84,
    ZERO + Math.floor(h / 10), ZERO + (h % 10), 58, ZERO + Math.floor(mi / 10), ZERO + (mi % 10), 58,
    ZERO + Math.floor(se / 10), ZERO + (se % 10), ...tail,
  );
}

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const Z_TAIL = [90];

/** "2026-08-07T19:42:07Z" — whole seconds, as Shopify serves instants. */
export function isoUtc(ms: number): string {
  return stamp(new Date(ms), Z_TAIL);
}

/** Local calendar date "YYYY-MM-DD" of `ms` in `zone`. */
export function localDate(ms: number, zone: string): string {
  return ymd(new Date(ms + zoneOffsetMinutes(ms, zone) * MINUTE_MS));
}

const OFFSET_TAILS = new Map<number, number[]>();

/** "2026-08-07T14:42:07-05:00" — the wall clock in `zone` with its offset. */
export function zonedTimestamp(ms: number, zone: string): string {
  const off = zoneOffsetMinutes(ms, zone);
  let tail = OFFSET_TAILS.get(off);
  if (!tail) {
    const abs = Math.abs(off);
    tail = [...`${off < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`].map((c) => c.charCodeAt(0));
    OFFSET_TAILS.set(off, tail);
  }
  return stamp(new Date(ms + off * MINUTE_MS), tail);
}

/** QBO MetaData timestamp (Pacific wall clock with offset). */
export function qboTime(ms: number): string {
  return zonedTimestamp(ms, QBO_METADATA_ZONE);
}

/** Add whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  return ymd(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}
