/**
 * Money is an integer count of the currency's minor unit (cents, yen, fils). Amounts are read from
 * text and written back to text by moving the decimal point in the digit string, so no value ever
 * passes through a binary fraction: "0.29" USD is exactly 29, and "1.005" USD is refused rather
 * than rounded.
 */
import { currencyExponent } from './currencies';

export type MoneyErrorKind = 'empty' | 'not_a_number' | 'too_many_decimals' | 'out_of_range' | 'unknown_currency';

export class MoneyError extends Error {
  readonly kind: MoneyErrorKind;
  constructor(kind: MoneyErrorKind, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.kind = kind;
  }
}

/** The exponent of `currency`, or a MoneyError naming the unknown code. */
export function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new MoneyError('unknown_currency', `unknown currency ${JSON.stringify(currency)} (not an ISO 4217 code)`);
  return exponent;
}

/**
 * Exact decimal text → minor units. Accepts an optional sign, digits, and a fraction of at most the
 * currency's exponent; extra fraction digits are accepted only when they are zeros ("1.500" USD is
 * 150), because dropping them loses nothing. No thousands separators, exponents or symbols.
 */
export function parseDecimal(text: string, currency: string): number {
  const exponent = exponentOf(currency);
  const trimmed = text.trim();
  if (trimmed === '') throw new MoneyError('empty', 'an amount is required');
  // One pass over the characters, reading the digits straight into an integer: an import reads
  // millions of amounts, and a regex match plus string surgery per amount showed in its profile.
  // The grammar is [+-]?digits(.digits)?, digits being ASCII 0-9.
  const length = trimmed.length;
  let i = 0;
  let c = trimmed.charCodeAt(0);
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i = 1;
  let magnitude = 0;
  // Digits from the first non-zero one on, padding included: more than 16 cannot be exact.
  let significant = 0;
  const wholeStart = i;
  for (; i < length; i++) {
    c = trimmed.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (significant > 0 || c !== 0x30) {
      magnitude = magnitude * 10 + (c - 0x30);
      significant += 1;
    }
  }
  let syntax = i > wholeStart;
  let decimals = 0;
  let droppedNonZero = false;
  if (syntax && i < length) {
    syntax = c === 0x2e && i + 1 < length;
    for (i += 1; syntax && i < length; i++) {
      c = trimmed.charCodeAt(i);
      if (c < 0x30 || c > 0x39) syntax = false;
      else if (decimals === exponent) droppedNonZero ||= c !== 0x30;
      else {
        decimals += 1;
        if (significant > 0 || c !== 0x30) {
          magnitude = magnitude * 10 + (c - 0x30);
          significant += 1;
        }
      }
    }
  }
  if (!syntax) throw new MoneyError('not_a_number', `${JSON.stringify(text)} is not a decimal amount`);
  if (droppedNonZero) {
    throw new MoneyError('too_many_decimals', `${JSON.stringify(text)} has more than ${exponent} decimal${exponent === 1 ? '' : 's'}, the most ${currency} allows`);
  }
  if (significant > 0) {
    for (; decimals < exponent; decimals++) {
      magnitude *= 10;
      significant += 1;
    }
  }
  // Below 2^53 every step above was exact; at or past it the result is no safe integer, whatever rounding did.
  if (significant > 16 || !Number.isSafeInteger(magnitude)) throw new MoneyError('out_of_range', `${JSON.stringify(text)} is too large to keep exactly`);
  return magnitude === 0 ? 0 : negative ? -magnitude : magnitude;
}

/** Minor units → plain decimal text with exactly the currency's exponent ("12.30", "-0.05", "1500"). */
export function formatMinor(minor: number, currency: string): string {
  const exponent = exponentOf(currency);
  if (!Number.isSafeInteger(minor)) throw new MoneyError('out_of_range', `${minor} is not a whole number of minor units`);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return minor < 0 ? `-${text}` : text;
}

/**
 * Sum that refuses to leave the range where integers are exact. `amountOf` saves a mapped array:
 * the order totals (net-total.ts) run for every order of a 100,000-order reconcile.
 */
export function sumMinor(values: Iterable<number>): number;
export function sumMinor<T>(items: Iterable<T>, amountOf: (item: T) => number): number;
export function sumMinor<T>(items: Iterable<T>, amountOf: (item: T) => number = (item) => item as unknown as number): number {
  let total = 0;
  for (const item of items) {
    total += amountOf(item);
    if (!Number.isSafeInteger(total)) throw new MoneyError('out_of_range', 'a total is too large to keep exactly');
  }
  return total;
}

/** unit × quantity, refusing results that would no longer be exact. */
export function multiplyMinor(unit: number, quantity: number): number {
  const product = unit * quantity;
  if (!Number.isSafeInteger(product)) throw new MoneyError('out_of_range', 'an amount × quantity is too large to keep exactly');
  return product;
}
