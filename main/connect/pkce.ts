/** Random values for one OAuth attempt: PKCE (RFC 7636, S256), `state`, the callback path. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, 256 bits. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkce(): Pkce {
  const verifier = randomToken();
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url'), method: 'S256' };
}

/** Compares two secrets in time independent of where they first differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0 && a.length === b.length;
}
