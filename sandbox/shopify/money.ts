/**
 * Integer minor units → the decimal strings each store API prints. Shared by the Shopify and
 * WooCommerce stand-ins (both mine); logic never touches floats except WooCommerce's `price`,
 * which really is a float on the wire.
 */

/** ISO 4217 minor-unit exponents that differ from 2 (the currencies a store plausibly uses). */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Exact fixed-point text of `minor / 10^exponent`, e.g. (1230, 2) → "12.30", (1200, 0) → "1200". */
export function fixedDecimal(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const frac = exponent === 0 ? '' : digits.slice(-exponent);
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * Shopify's `Decimal` scalar as the Admin GraphQL API prints it: Ruby BigDecimal style, trailing
 * zeros dropped but always one fractional digit — "12.3", "0.0", "13.78", "1200.0" (JPY).
 * Real responses show "0.0", "259.0", "151.6" for these fields.
 */
export function shopifyDecimal(minor: number, currency: string): string {
  const fixed = fixedDecimal(minor, currencyExponent(currency));
  const [whole, frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${whole}.${trimmed === '' ? '0' : trimmed}`;
}

/**
 * WooCommerce's wc_format_decimal(x, dp): fixed to the store's decimals ("12.30", JPY "1200"), or
 * to the request's `dp`, rounding half away from zero like PHP's round().
 */
export function wooDecimal(minor: number, currency: string, dp?: number): string {
  const exponent = currencyExponent(currency);
  const places = dp ?? exponent;
  if (places >= exponent) return fixedDecimal(minor * 10 ** (places - exponent), places);
  const div = 10 ** (exponent - places);
  const rounded = Math.sign(minor) * Math.floor((Math.abs(minor) + div / 2) / div);
  return fixedDecimal(rounded, places);
}

/** An unrounded PHP float printed as text: "0.9", "13.78", "5" (WooCommerce's taxes[] values). */
export function phpFloatText(minor: number, currency: string): string {
  const fixed = fixedDecimal(minor, currencyExponent(currency));
  if (!fixed.includes('.')) return fixed;
  const trimmed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** A float in major units, only where the wire format itself is a JSON number. */
export function majorNumber(minor: number, currency: string): number {
  return Number(fixedDecimal(minor, currencyExponent(currency)));
}

/**
 * Converts shop minor units to presentment minor units: round(shop × rate), rate given as
 * decimal text, across currencies with different exponents; half away from zero, in BigInt.
 */
export function toPresentmentMinor(shopMinor: number, shopCurrency: string, presentmentCurrency: string, rate: string): number {
  if (shopCurrency === presentmentCurrency && (rate === '1' || Number(rate) === 1)) return shopMinor;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new Error(`bad presentment rate: ${rate}`);
  const rateScale = (m[2] ?? '').length;
  const rateInt = BigInt(`${m[1]}${m[2] ?? ''}`);
  const shift = currencyExponent(presentmentCurrency) - currencyExponent(shopCurrency);
  let num = BigInt(shopMinor) * rateInt;
  let den = 10n ** BigInt(rateScale);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const rounded = (abs * 2n + den) / (2n * den);
  return Number(negative ? -rounded : rounded);
}
