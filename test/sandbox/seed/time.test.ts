import { describe, expect, it } from 'vitest';
import { isoUtc, localDate, qboTime, zonedTimestamp } from '../../../sandbox/seed/time';

/** The wall clock Intl gives for a zone, as "YYYY-MM-DDTHH:MM:SS". */
const formatters = new Map<string, Intl.DateTimeFormat>();
const intlWall = (ms: number, zone: string): string => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f.format(new Date(ms)).replace(' ', 'T');
};

describe('seed clock helpers', () => {
  it('agree with Intl for Chicago and Pacific across the 2025–2027 DST changes, every five hours', () => {
    const start = Date.parse('2025-03-01T00:00:00Z');
    const end = Date.parse('2027-11-30T00:00:00Z');
    const mismatches: string[] = [];
    for (let ms = start; ms < end; ms += 5 * 3_600_000 + 17_000) {
      for (const zone of ['America/Chicago', 'America/Los_Angeles']) {
        const ours = zonedTimestamp(ms, zone);
        if (ours.slice(0, 19) !== intlWall(ms, zone)) mismatches.push(`${zone} ${new Date(ms).toISOString()} ${ours}`);
        if (localDate(ms, zone) !== intlWall(ms, zone).slice(0, 10)) mismatches.push(`date ${zone} ${ms}`);
        // The offset printed is the one that maps the wall clock back to the instant.
        if (Date.parse(ours) !== Math.floor(ms / 1000) * 1000) mismatches.push(`offset ${zone} ${ours}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('formats instants the way Shopify and Intuit serve them', () => {
    expect(isoUtc(Date.parse('2026-08-07T19:42:07.900Z'))).toBe('2026-08-07T19:42:07Z');
    expect(qboTime(Date.parse('2026-08-07T19:42:07Z'))).toBe('2026-08-07T12:42:07-07:00');
    expect(qboTime(Date.parse('2026-01-05T03:04:05Z'))).toBe('2026-01-04T19:04:05-08:00');
    expect(localDate(Date.parse('2026-11-20T05:59:59Z'), 'America/Chicago')).toBe('2026-11-19');
    expect(() => localDate(0, 'Europe/Paris')).toThrow(/unsupported time zone/);
  });
});
