import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalDates } from '../../main/reconcile/local-date';

/** The calendar date straight from Intl, with no caching: what LocalDates must always agree with. */
function intlDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

const ZONES = ['America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];

describe('LocalDates', () => {
  it('gives Intl\'s calendar date for any instant, in zones with DST and half-hour offsets', () => {
    const cached = new Map(ZONES.map((z) => [z, new LocalDates(z)]));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(cached.get(zone)!.dateOf(new Date(ms).toISOString())).toBe(intlDate(ms, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('gets every minute of the days around DST changes right, including Lord Howe\'s half-hour change at 15:30 UTC', () => {
    const days: Array<[string, number]> = [
      ['America/Chicago', Date.UTC(2026, 2, 8)], ['America/Chicago', Date.UTC(2026, 10, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4)], ['Australia/Lord_Howe', Date.UTC(2026, 9, 3)],
    ];
    for (const [zone, day] of days) {
      const dates = new LocalDates(zone);
      for (let ms = day - 86_400_000; ms < day + 2 * 86_400_000; ms += 60_000) {
        expect(dates.dateOf(new Date(ms).toISOString())).toBe(intlDate(ms, zone));
      }
    }
  });
});
