/**
 * Display formatting. Money arrives as integer minor units of the currency's ISO 4217 exponent
 * (the same table main uses: Intl's display digits differ for HUF, IDR, COP and a dozen more); it
 * is turned into a decimal string by moving the point in the digits, and Intl formats that string
 * exactly (no float on the way).
 */
import { currencyExponent } from '../../preload/currencies';

const formats = new Map<string, (value: string) => string>();

export function formatMoney(minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const decimal = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  let format = formats.get(currency);
  if (!format) {
    const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formats.set(currency, (format = intl.format.bind(intl) as (value: string) => string));
  }
  return format(`${minor < 0 ? '-' : ''}${decimal}`);
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * An amount typed by the bookkeeper ("1,234.5") as integer minor units of `currency`, exactly (the
 * digits are moved, never multiplied as a float); null when empty, NaN when it is not an amount
 * or has more decimals than the currency.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(t);
  const exponent = currencyExponent(currency) ?? 2;
  if (!m || (m[2] === '' && !m[3]) || (m[3]?.length ?? 0) > exponent) return Number.NaN;
  const minor = Number(`${m[2] || '0'}${(m[3] ?? '').padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) return Number.NaN;
  return m[1] ? -minor : minor;
}
