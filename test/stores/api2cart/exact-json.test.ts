import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorFromLiteral, plainDecimal } from '../../../main/stores/api2cart/decimal';
import { parseExactJson } from '../../../main/stores/api2cart/exact-json';

describe('exact JSON numbers', () => {
  it('keeps every number literal as its text and leaves strings alone', () => {
    const parsed = parseExactJson('{"total":57.65,"n":-0.1,"e":1.5e-7,"s":"12.5 \\"30\\" 7","a":[0,1E3],"t":true,"z":null}');
    expect(parsed).toEqual({ total: '57.65', n: '-0.1', e: '1.5e-7', s: '12.5 "30" 7', a: ['0', '1E3'], t: true, z: null });
  });

  it('reads amounts that binary floating point gets wrong exactly', () => {
    // 1.15 * 100 = 114.99999999999999 and 0.29 * 100 = 28.999999999999996 in floating point.
    const body = parseExactJson('{"a":1.15,"b":0.29,"c":4.35,"d":1234567.89}') as Record<string, string>;
    expect(minorFromLiteral(body.a!, 'USD')).toBe(115);
    expect(minorFromLiteral(body.b!, 'USD')).toBe(29);
    expect(minorFromLiteral(body.c!, 'USD')).toBe(435);
    expect(minorFromLiteral(body.d!, 'USD')).toBe(123456789);
    expect(Math.trunc(1.15 * 100)).not.toBe(115);
  });

  it('expands exponents without floating point and refuses extra precision', () => {
    expect(plainDecimal('1.5e1')).toBe('15');
    expect(plainDecimal('2.5E-3')).toBe('0.0025');
    expect(plainDecimal('-1.0e-2')).toBe('-0.010');
    expect(minorFromLiteral('1.0e-2', 'USD')).toBe(1);
    expect(minorFromLiteral('12', 'JPY')).toBe(12);
    expect(() => minorFromLiteral('0.30000000000000004', 'USD')).toThrow(/more than 2 decimals/);
  });

  it('agrees with the cents a server printed, for any amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), (cents) => {
        // What a PHP or JS server prints for the float nearest the decimal value.
        const printed = JSON.stringify({ v: Number((cents / 100).toFixed(2)) });
        const parsed = parseExactJson(printed) as { v: string };
        expect(minorFromLiteral(parsed.v, 'USD')).toBe(cents);
      }),
    );
  });
});
