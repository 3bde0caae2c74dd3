/**
 * Display formatting. Money arrives as integer minor units of the currency's ISO 4217 exponent
 * (the same table main uses: Intl's display digits differ for HUF, IDR, COP and a dozen more); it
 * becomes exact decimal text through main's own formatMinor (preload/money.ts), and Intl formats
 * that string (no float on the way).
 */
import { currencyExponent } from '../../preload/currencies';
import { formatMinor, MoneyError, parseDecimal } from '../../preload/money';

const formats = new Map<string, (value: string) => string>();

export function formatMoney(minor: number, currency: string): string {
  const known = currencyExponent(currency);
  const exponent = known ?? 0;
  let format = formats.get(currency);
  if (!format) {
    const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formats.set(currency, (format = intl.format.bind(intl) as (value: string) => string));
  }
  // A code ISO does not list (none reaches here: imports check it) is shown as whole units.
  return format(known === undefined ? String(minor) : formatMinor(minor, currency));
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
 * An amount typed by the bookkeeper ("1,234.5") as integer minor units of `currency`, read by the
 * same exact parser imports use (grouping commas and a bare leading point allowed); null when
 * empty, NaN when it is not an amount or has more decimals than the currency.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  try {
    return parseDecimal(t.replace(/^(-?)\./, '$10.'), currency);
  } catch (error) {
    if (error instanceof MoneyError) return Number.NaN;
    throw error;
  }
}
