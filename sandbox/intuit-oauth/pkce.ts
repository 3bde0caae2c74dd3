/** RFC 7636 S256 check: BASE64URL(SHA256(verifier)) must equal the challenge sent at authorize. */
import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function pkceVerifierMatches(challenge: string, verifier: string): boolean {
  return VERIFIER.test(verifier) && s256Challenge(verifier) === challenge;
}
