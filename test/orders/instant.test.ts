import { describe, expect, it } from 'vitest';
import { InstantError, parseInstant } from '../../main/orders/instant';

describe('parseInstant', () => {
  it('turns offset times into UTC ISO instants', () => {
    expect(parseInstant('2025-10-07 09:50:26 +0200')).toBe('2025-10-07T07:50:26.000Z');
    expect(parseInstant('2025-10-09 23:30:00 -0700')).toBe('2025-10-10T06:30:00.000Z');
    expect(parseInstant('2025-10-07T07:50:26Z')).toBe('2025-10-07T07:50:26.000Z');
    expect(parseInstant('2025-10-07T09:50:26.123+02:00')).toBe('2025-10-07T07:50:26.123Z');
    expect(parseInstant('2025-11-01 00:30:00 +0900')).toBe('2025-10-31T15:30:00.000Z');
    expect(parseInstant('2025-10-07T09:50+05:30')).toBe('2025-10-07T04:20:00.000Z');
  });

  it('refuses times without an offset and impossible dates', () => {
    for (const text of ['2025-10-07 09:50:26', '2025-10-07', '07/10/2025 09:50', '2025-02-30T00:00:00Z', '2025-10-07T25:00:00Z', '2025-10-07T10:00:00+1500', '']) {
      expect(() => parseInstant(text), text).toThrow(InstantError);
    }
  });
});

describe('calendar checks', () => {
  it('knows leap years', () => {
    expect(parseInstant('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(parseInstant('2000-02-29T12:00:00Z')).toBe('2000-02-29T12:00:00.000Z');
    expect(() => parseInstant('2025-02-29T12:00:00Z')).toThrow(InstantError);
    expect(() => parseInstant('1900-02-29T12:00:00Z')).toThrow(InstantError);
    expect(() => parseInstant('2025-04-31T12:00:00Z')).toThrow(InstantError);
    expect(() => parseInstant('2025-13-01T12:00:00Z')).toThrow(InstantError);
    expect(() => parseInstant('2025-00-10T12:00:00Z')).toThrow(InstantError);
  });
});
