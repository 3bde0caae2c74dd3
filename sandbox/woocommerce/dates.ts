/**
 * WordPress date handling as the REST API shows it (store-apis.md B "Dates", E5): responses carry
 * `YYYY-MM-DDTHH:MM:SS` without offset, once in the site's zone and once in GMT; list filters
 * compare wall clocks the way WP_Date_Query does.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An instant as the site's local wall clock, `YYYY-MM-DDTHH:MM:SS`. */
export function localWallClock(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

/** An instant as the GMT wall clock, `YYYY-MM-DDTHH:MM:SS`. */
export function gmtWallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** WordPress's rest_parse_date pattern for `format: date-time` arguments. */
const REST_DATE = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function isRestDate(value: string): boolean {
  return REST_DATE.test(value);
}

/**
 * The wall clock WP_Date_Query compares a column against: a value with an offset is moved into
 * the site's zone; a value without one is taken as site-local as written. Which column (local
 * or GMT) it meets is decided by `dates_are_gmt`, so an offset value against GMT columns is
 * shifted by the site offset, as in real WordPress.
 */
export function filterWallClock(value: string, timeZone: string): string {
  const m = REST_DATE.exec(value)!;
  if (!m[4]) return `${m[1]}T${m[2]}`;
  const offset = m[4].toUpperCase() === 'Z' ? 'Z' : m[4].length === 3 ? `${m[4]}:00` : m[4].includes(':') ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  return localWallClock(Date.parse(`${m[1]}T${m[2]}${m[3] ?? ''}${offset}`), timeZone);
}
