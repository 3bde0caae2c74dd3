/**
 * A stored verdict's row as it is written: the list row's columns and the verdict's JSON, and the
 * digest a full run compares to tell whether it changed.
 */
import type { Status } from './types';

/** The list row's columns, then the verdict's JSON (results.ts encodes it). */
export type VerdictRow = [
  storeId: string, sourceId: string, number: string, status: Status, orderDate: string, total: number, currency: string,
  customer: string | null, search: string, result: string,
];

/**
 * How the list row's derived columns (customer, search) are made from a verdict. They are left
 * out of the digest, being functions of what it covers; change this when those functions change,
 * so that every stored row is rewritten once.
 */
const DERIVED_COLUMNS = 1;

/**
 * A 53-bit digest (cyrb53) of everything stored for a verdict: a full run compares it with the
 * stored one and rewrites the verdict only when they differ. A changed verdict goes unwritten only
 * if its digest collides with its own previous one, a chance of 2^-53.
 */
function digestOf(parts: ReadonlyArray<string | number | null>): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of parts) {
    const text = part === null ? '\u0001' : typeof part === 'number' ? String(part) : part;
    for (let i = 0; i <= text.length; i++) {
      // Each part ends with a code unit no text holds, so "ab" + "c" and "a" + "bc" differ.
      const ch = i < text.length ? text.charCodeAt(i) : 0x10000;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The digest stored with a row: of everything stored for its verdict. */
export const rowDigest = (r: VerdictRow): number => digestOf([DERIVED_COLUMNS, r[2], r[3], r[4], r[5], r[6], r[9]]);
