/** Amounts arrive as JSON numbers with up to 2 decimals; all arithmetic is on integer cents. */

export function toMinor(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
}

export function fromMinor(minor: number): number {
  return minor / 100;
}
