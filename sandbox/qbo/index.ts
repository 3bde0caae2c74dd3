/**
 * QuickBooks Online Accounting API v3 stand-in. Serves `/v3/company/{realmId}/...` for the realms
 * it was given; authentication is delegated to a TokenVerifier (the Intuit OAuth stand-in).
 * Generic faults and latency are added around `handler` by the composer (sandbox/start.ts).
 */
import type { ServerResponse } from 'node:http';
import type { Persistable, RequestHandler, StandInOptions, TokenVerifier } from '../common/types';
import type { SeedBooks } from '../seed/types';
import { DEFAULT_QBO_OPTIONS, type QboOptions } from './options';
import type { RealmStore } from './realm';
import { QboService } from './service';

export type { QboOptions } from './options';
export { DEFAULT_QBO_OPTIONS } from './options';
export type { RealmStore } from './realm';
export { LIMITS as QBO_RATE_LIMITS } from './rate-limits';

export interface QboStandIn extends Persistable {
  /** Serves /v3/company/{realmId}/... */
  handler: RequestHandler;
  /** Writes QBO's gateway 429 throttle body (XML, as observed). */
  throttled(res: ServerResponse): void;
  /** Direct access to one realm's data (tests, the composer). Throws for an unknown realm. */
  realm(realmId: string): RealmStore;
  /** Adds a company (OAuth connecting to a new company). */
  addRealm(books: SeedBooks): void;
}

export function createQboStandIn(args: {
  realms: SeedBooks[];
  tokens: TokenVerifier;
  options: StandInOptions;
  /** QBO-specific behaviour where the docs leave a choice (see options.ts). */
  qbo?: Partial<QboOptions>;
}): QboStandIn {
  const service = new QboService(args.tokens, args.options, { ...DEFAULT_QBO_OPTIONS, ...args.qbo });
  for (const books of args.realms) service.addRealm(books);
  return {
    handler: service.handler,
    throttled: (res) => service.throttled(res),
    realm: (realmId) => service.realm(realmId),
    addRealm: (books) => service.addRealm(books),
    exportState: () => service.exportState(),
    importState: (state) => service.importState(state),
  };
}
