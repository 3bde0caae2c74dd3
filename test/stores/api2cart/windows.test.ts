import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsTimeSpan, splitIntoWindows, type WindowPlanInput } from '../../../main/stores/api2cart/windows';

const DAY = 86_400_000;
const base: WindowPlanInput = { from: null, total: 50_000, pageSize: 250, workers: 5, maxWindows: 20 };

describe('time windows of a pull', () => {
  it('uses one open window for a small pull and splits a large one into more windows than workers', () => {
    expect(needsTimeSpan({ ...base, total: 900 })).toBe(false);
    expect(needsTimeSpan({ ...base, total: 900, maxRangeMs: 30 * DAY })).toBe(true);
    const lo = Date.parse('2026-07-23T00:00:00Z');
    const windows = splitIntoWindows(base, lo, lo + 120 * DAY);
    expect(windows).toHaveLength(20);
    expect(windows[0]!.from).toBeNull();
    expect(windows[19]!.to).toBeNull();
  });

  it('covers the whole range without gaps, and keeps range-limited windows within the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: null }),
        fc.boolean(),
        (span, total, before, limited) => {
          const lo = Date.parse('2026-01-01T00:00:00Z') + 123;
          const from = before === null ? null : lo - before;
          const input = { ...base, total, from, ...(limited ? { maxRangeMs: 30 * DAY } : {}) };
          const windows = splitIntoWindows(input, lo, lo + span);
          expect(windows[windows.length - 1]!.to).toBeNull();
          for (let i = 1; i < windows.length; i++) expect(windows[i]!.from).toBe(windows[i - 1]!.to);
          const first = windows[0]!.from;
          if (first !== null) expect(first).toBeLessThanOrEqual(lo);
          if (limited) for (const w of windows) if (w.to !== null) expect(w.to - w.from!).toBeLessThanOrEqual(30 * DAY);
          if (!limited) expect(first).toBe(from);
        },
      ),
    );
  });
});
