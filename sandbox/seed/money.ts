/**
 * Integer minor-unit arithmetic for the seed. Rates are decimal strings ("0.0825") turned into
 * parts per million so tax is computed with integers only, rounding half up like Shopify does.
 */

export function rateToPpm(rate: string): number {
  const ppm = Math.round(Number(rate) * 1_000_000);
  if (!Number.isFinite(ppm) || ppm < 0) throw new Error(`bad rate ${rate}`);
  return ppm;
}

/** round(amount × ppm / 10^6), half up, for non-negative amounts. */
export function applyPpm(amountMinor: number, ppm: number): number {
  return Math.floor((amountMinor * ppm + 500_000) / 1_000_000);
}

/** Percentage in whole percent applied to an amount, half up. */
export function percentOf(amountMinor: number, percent: number): number {
  return Math.floor((amountMinor * percent + 50) / 100);
}

/** Cents → the JSON number QBO serves (2 decimals, e.g. 1999 → 19.99). */
export function qboAmount(minor: number): number {
  return Math.round(minor) / 100;
}

/** A unit price that may carry more than 2 decimals (net unit price after a discount). */
export function qboUnitPrice(totalMinor: number, quantity: number): number {
  return Math.round((totalMinor / quantity) * 10_000) / 1_000_000;
}

/** Split `total` over `weights` proportionally; the remainder goes to the last share. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    if (i === weights.length - 1) {
      out.push(total - given);
    } else {
      const share = sum === 0 ? 0 : Math.floor((total * (weights[i] as number)) / sum);
      out.push(share);
      given += share;
    }
  }
  return out;
}
