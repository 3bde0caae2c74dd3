/**
 * Interfaces shared by the stand-ins (QBO + Intuit OAuth, Shopify, WooCommerce) and the seeded
 * business they serve. Each stand-in is a factory returning a node:http request handler; the
 * sandbox composer (sandbox/start.ts) starts one HTTP server per stand-in on 127.0.0.1.
 * Product code never imports anything under sandbox/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Faults a test or the CLI (`--faults SPEC`) can switch on; all default to off. */
export interface FaultOptions {
  /** Share (0..1) of API requests answered with a 500 before doing anything. */
  error500Share: number;
  /** Every N-th API request starts a burst of 429s (0 = never)… */
  burst429Every: number;
  /** …this many requests long. */
  burst429Length: number;
  /** Share (0..1) of writes whose connection is destroyed *after* the write committed. */
  dropAfterWriteShare: number;
  /** Access tokens expire after this many seconds instead of 3600 (null = real lifetime). */
  accessTokenTtlSeconds: number | null;
  /** Seed of the PRNG that picks which requests fail, so fault runs are repeatable. */
  seed: number;
}

export interface StandInOptions {
  /** Extra delay before every response, in ms (simulates the distance to the real service). */
  latencyMs: number;
  /** 'real' enforces the service's documented limits; 'off' disables them (benchmarks of us). */
  rateLimits: 'real' | 'off';
  faults: FaultOptions;
  /** Clock in ms since the epoch; tests may move time (token expiry, CDC windows). */
  now: () => number;
}

export const NO_FAULTS: FaultOptions = {
  error500Share: 0,
  burst429Every: 0,
  burst429Length: 0,
  dropAfterWriteShare: 0,
  accessTokenTtlSeconds: null,
  seed: 1,
};

export function defaultStandInOptions(overrides: Partial<StandInOptions> = {}): StandInOptions {
  return { latencyMs: 0, rateLimits: 'real', faults: NO_FAULTS, now: Date.now, ...overrides };
}

/** What the Intuit OAuth stand-in tells the QBO API stand-in about a bearer token. */
export type AccessTokenCheck =
  | { ok: true; realmId: string }
  | { ok: false; reason: 'expired' | 'invalid' };

export interface TokenVerifier {
  verifyAccessToken(token: string): AccessTokenCheck;
}

/** Every stand-in can save and restore its whole state (`--state FILE`). */
export interface Persistable {
  exportState(): unknown;
  importState(state: unknown): void;
}
