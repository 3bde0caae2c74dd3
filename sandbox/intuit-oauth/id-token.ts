/**
 * OpenID Connect ID tokens (only when the `openid` scope was granted), RS256-signed with a key made
 * on first use and published at the JWKS endpoint, so the official client's validateIdToken works.
 */
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { INTUIT_ISSUER } from './paths';

export interface IdTokenSigner {
  sign(input: { clientId: string; realmId: string; nowMs: number }): string;
  jwks(): { keys: Array<Record<string, unknown>> };
}

export function createIdTokenSigner(subjectFor: (realmId: string) => string): IdTokenSigner {
  let key: { privateKey: KeyObject; publicJwk: Record<string, unknown>; kid: string } | null = null;

  function ensureKey() {
    if (!key) {
      // Generated lazily: RSA key generation costs ~100 ms and most runs never ask for openid.
      const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomBytes(8).toString('hex');
      key = {
        privateKey: pair.privateKey,
        kid,
        publicJwk: { ...(pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'RS256', use: 'sig' },
      };
    }
    return key;
  }

  return {
    sign({ clientId, realmId, nowMs }) {
      const k = ensureKey();
      const iat = Math.floor(nowMs / 1000);
      const header = { alg: 'RS256', kid: k.kid };
      const payload = {
        sub: subjectFor(realmId),
        aud: [clientId],
        realmid: realmId,
        auth_time: iat,
        iss: INTUIT_ISSUER,
        exp: iat + 3600,
        iat,
      };
      const signingInput = `${b64(header)}.${b64(payload)}`;
      const signature = createSign('RSA-SHA256').update(signingInput).sign(k.privateKey).toString('base64url');
      return `${signingInput}.${signature}`;
    },
    jwks() {
      return { keys: key ? [key.publicJwk] : [] };
    },
  };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
