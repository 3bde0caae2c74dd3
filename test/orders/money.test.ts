import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCurrencyCodes, currencyExponent } from '../../main/orders/currencies';
import { MoneyError, formatMinor, multiplyMinor, parseDecimal, sumMinor } from '../../main/orders/money';

const byExponent = { 0: 'JPY', 2: 'USD', 3: 'KWD' } as const;

function errorKind(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof MoneyError ? error.kind : 'other';
  }
}

describe('currency exponents (ISO 4217)', () => {
  it('knows the zero-, two- and three-decimal currencies', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('CLP')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('OMR')).toBe(3);
    expect(currencyExponent('XXX')).toBeUndefined();
    expect(currencyExponent('usd')).toBeUndefined();
    expect(allCurrencyCodes().length).toBeGreaterThan(150);
  });
});

describe('parseDecimal', () => {
  it('reads exact decimals into minor units without floating point', () => {
    expect(parseDecimal('0.29', 'USD')).toBe(29);
    expect(parseDecimal('0.1', 'USD')).toBe(10);
    expect(parseDecimal('53.91', 'EUR')).toBe(5391);
    expect(parseDecimal('-3.00', 'USD')).toBe(-300);
    expect(parseDecimal('+7', 'USD')).toBe(700);
    expect(parseDecimal(' 12.5 ', 'USD')).toBe(1250);
    expect(parseDecimal('163056', 'CLP')).toBe(163056);
    expect(parseDecimal('1500', 'JPY')).toBe(1500);
    expect(parseDecimal('12.345', 'KWD')).toBe(12345);
    expect(parseDecimal('-0.00', 'USD')).toBe(0);
    expect(Object.is(parseDecimal('-0.00', 'USD'), 0)).toBe(true);
    expect(parseDecimal('90071992547409.91', 'USD')).toBe(9007199254740991);
  });

  it('accepts extra decimals only when they are zeros', () => {
    expect(parseDecimal('1.500', 'USD')).toBe(150);
    expect(parseDecimal('1500.00', 'JPY')).toBe(1500);
    expect(errorKind(() => parseDecimal('1.005', 'USD'))).toBe('too_many_decimals');
    expect(errorKind(() => parseDecimal('1500.5', 'JPY'))).toBe('too_many_decimals');
    expect(errorKind(() => parseDecimal('1.2345', 'KWD'))).toBe('too_many_decimals');
  });

  it('refuses what is not a plain decimal, with the reason', () => {
    for (const text of ['3,00', '1,234.56', 'abc', '1e3', '$5', '.5', '5.', '--1', '0x10', 'NaN', 'Infinity', '1 000']) {
      expect(errorKind(() => parseDecimal(text, 'USD')), text).toBe('not_a_number');
    }
    expect(errorKind(() => parseDecimal('', 'USD'))).toBe('empty');
    expect(errorKind(() => parseDecimal('   ', 'USD'))).toBe('empty');
    expect(errorKind(() => parseDecimal('90071992547409.92', 'USD'))).toBe('out_of_range');
    expect(errorKind(() => parseDecimal('99999999999999999999', 'JPY'))).toBe('out_of_range');
    expect(errorKind(() => parseDecimal('1.00', 'EUX'))).toBe('unknown_currency');
    expect(() => parseDecimal('1.005', 'USD')).toThrow(/more than 2 decimals/);
  });

  for (const [exponent, currency] of Object.entries(byExponent)) {
    it(`round-trips every minor-unit amount through text (${currency}, exponent ${exponent})`, () => {
      fc.assert(
        fc.property(fc.maxSafeInteger(), (minor) => {
          const text = formatMinor(minor, currency);
          expect(parseDecimal(text, currency)).toBe(minor);
          const fraction = text.split('.')[1] ?? '';
          expect(fraction.length).toBe(Number(exponent));
        }),
        { numRuns: 500 },
      );
    });

    it(`reads any digit string exactly as integer arithmetic on the digits would (${currency})`, () => {
      const exp = Number(exponent);
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9]{1,12}$/), fc.stringMatching(exp === 0 ? /^$/ : new RegExp(`^[0-9]{1,${exp}}$`)), (whole, fraction) => {
          const text = fraction === '' ? whole : `${whole}.${fraction}`;
          const expected = BigInt(whole) * 10n ** BigInt(exp) + (fraction === '' ? 0n : BigInt(fraction.padEnd(exp, '0')));
          expect(BigInt(parseDecimal(text, currency))).toBe(expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('formatMinor and arithmetic', () => {
  it('writes the currency exponent', () => {
    expect(formatMinor(29, 'USD')).toBe('0.29');
    expect(formatMinor(-5, 'USD')).toBe('-0.05');
    expect(formatMinor(1500, 'JPY')).toBe('1500');
    expect(formatMinor(12345, 'KWD')).toBe('12.345');
    expect(formatMinor(0, 'KWD')).toBe('0.000');
    expect(() => formatMinor(1.5, 'USD')).toThrow(MoneyError);
  });

  it('refuses sums and products that would stop being exact', () => {
    expect(sumMinor([1, 2, 3])).toBe(6);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
    expect(multiplyMinor(1250, 3)).toBe(3750);
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(MoneyError);
  });
});
