/**
 * Exact number literal → minor units. JSON allows exponents (`1.5e1`, PHP prints tiny floats as
 * `1.0e-5`), which `parseDecimal` does not, so the decimal point is moved in the digit string
 * first: no value passes through a binary fraction.
 */
import { parseDecimal } from '../../orders/money';

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Plain decimal text for a JSON number literal ("1.5e1" → "15", "2.5E-3" → "0.0025"). */
export function plainDecimal(literal: string): string {
  const match = NUMBER.exec(literal.trim());
  if (!match) return literal;
  const [, sign, whole, fraction = '', exponentText] = match;
  if (exponentText === undefined) return literal.trim();
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return literal.trim();
  const digits = whole! + fraction;
  const point = whole!.length + exponent;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  return `${sign}${intPart}${fracPart === '' ? '' : `.${fracPart}`}`;
}

/** A money value as API2Cart sends it (number literal, numeric string) → minor units of `currency`. */
export function minorFromLiteral(literal: string, currency: string): number {
  return parseDecimal(plainDecimal(literal), currency);
}
