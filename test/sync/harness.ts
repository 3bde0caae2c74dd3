/**
 * A real QBO stand-in on 127.0.0.1 (port 0) for sync tests, with the Intuit OAuth stand-in on the
 * same origin checking every bearer token, a movable clock, optional latency and real rate limits,
 * a sync client wired to it with the app's token flow, and the record-by-record comparison of a
 * mirror with the stand-in's data. The refresh token lives in the real OS keychain: run these
 * tests under scripts/with-keyring.sh.
 */
import type { IncomingMessage } from 'node:http';
import { expect, onTestFinished } from 'vitest';
import type { TokenSet } from '../../main/connect/intuit-oauth';
import type { CompanyDb } from '../../main/mirror/open';
import { localRecords } from '../../main/mirror/qbo/entity-tables';
import { MIRRORED_ENTITIES, type MirroredEntity } from '../../main/mirror/qbo/write';
import type { RetryPolicy } from '../../main/qbo/backoff';
import { systemClock } from '../../main/qbo/clock';
import { QBO_LIMITS, RealmLimiter, type LimitRule } from '../../main/qbo/limiter';
import { createSyncClient, type RequestMeter } from '../../main/sync';
import type { QboClient } from '../../main/qbo/client';
import type { AccessTokenSource } from '../../main/qbo/transport';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';
import { withFaults } from '../../sandbox/common/faults';
import { qbo500 } from '../../sandbox/common/service-bodies';
import { defaultStandInOptions, type RequestHandler } from '../../sandbox/common/types';
import { createIntuitOAuthStandIn, isOAuthPath } from '../../sandbox/intuit-oauth';
import { createQboStandIn, type QboOptions, type QboStandIn } from '../../sandbox/qbo';
import { rowJson } from '../../sandbox/qbo/table';
import type { SeedBooks } from '../../sandbox/seed/types';
import { listen } from '../../sandbox/common/listen';
import { appTokens, INTUIT_APP } from './app-tokens';

export const REALM = '9341452000000777';

/**
 * Intuit's authorization server for this test file. It outlives each startQbo() as Intuit outlives
 * a QuickBooks outage, so a grant made while the API is down (the offline tests) is honoured once
 * it is back. It runs on real time, not on a MovableClock: that clock ages QuickBooks' data (CDC
 * windows), while the TokenManager judges expiry by the system clock; token expiry under moving
 * time is test/connect/lifecycle.test.ts's subject.
 */
const intuit = createIntuitOAuthStandIn({ options: defaultStandInOptions({ rateLimits: 'off' }), clients: [INTUIT_APP] });

let grants = 0;

/**
 * What connecting a company leaves behind: a refresh token Intuit granted, in the keychain under
 * a service of its own (returned). The token comes straight from the stand-in, as the demo
 * company's does; the consent and code exchange are test/connect/'s subject.
 */
export async function grantAccess(realmId = REALM): Promise<string> {
  const keychainService = `ledgerbridge-test-sync-${process.pid}-${++grants}`;
  const keychain = osKeychain(keychainService);
  const account = keychainAccounts.refreshToken(realmId);
  let stored = false;
  // Registered now, while the test surely still runs (syncClient() does not await this function).
  onTestFinished(async () => {
    if (stored) await keychain.delete(account);
  });
  if (!intuit.companies().some((c) => c.realmId === realmId)) intuit.addCompany({ realmId, name: `Company ${realmId}` });
  const { refresh_token } = intuit.issueTokens(realmId, INTUIT_APP.clientId);
  try {
    await keychain.set(account, refresh_token);
    stored = true;
  } catch (error) {
    throw new Error(`sync tests keep the refresh token in the OS keychain; run them under scripts/with-keyring.sh (${(error as Error).message})`);
  }
  return keychainService;
}

/**
 * A token pair Intuit grants now, for a test that connects a company through the app's connection
 * service as the demo company is (connectWithTokens), which keeps them in that context's keychain.
 */
export function issueTokens(realmId = REALM): TokenSet {
  if (!intuit.companies().some((c) => c.realmId === realmId)) intuit.addCompany({ realmId, name: `Company ${realmId}` });
  const granted = intuit.issueTokens(realmId, INTUIT_APP.clientId);
  return { accessToken: granted.access_token, refreshToken: granted.refresh_token, expiresIn: granted.expires_in, refreshExpiresIn: granted.x_refresh_token_expires_in };
}

const oauthRequest = (req: IncomingMessage): boolean => isOAuthPath(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);

/** Real time plus a movable offset: CDC windows are tested by moving it days ahead. */
export class MovableClock {
  offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface RunningQbo {
  standIn: QboStandIn;
  apiBase: string;
  port: number;
  clock: MovableClock;
  close(): Promise<void>;
}

export async function startQbo(opts: {
  books: SeedBooks;
  clock?: MovableClock;
  latencyMs?: number;
  rateLimits?: 'real' | 'off';
  qbo?: Partial<QboOptions>;
  port?: number;
  /** Sees every request's URL before the stand-in does (request accounting in tests). */
  onRequest?: (url: URL) => void;
}): Promise<RunningQbo> {
  const clock = opts.clock ?? new MovableClock();
  const options = defaultStandInOptions({ rateLimits: opts.rateLimits ?? 'off', latencyMs: opts.latencyMs ?? 0, now: clock.now });
  const name = opts.books.CompanyInfo.CompanyName;
  intuit.addCompany({ realmId: opts.books.realmId, name: typeof name === 'string' && name !== '' ? name : `Company ${opts.books.realmId}` });
  const standIn = createQboStandIn({ realms: [opts.books], tokens: intuit, options, qbo: opts.qbo });
  // One origin for OAuth and the API, as in the sandbox; OAuth requests get the latency, not the API's faults.
  const intuitHandler: RequestHandler = (req, res) => (oauthRequest(req) ? intuit.handler(req, res) : standIn.handler(req, res));
  const handler = options.latencyMs > 0
    ? withFaults(intuitHandler, { options, error500: qbo500(clock.now), throttled: (res) => standIn.throttled(res), isApiRequest: (req) => !oauthRequest(req) })
    : intuitHandler;
  const { port, origin, close } = await listen((req, res) => {
    opts.onRequest?.(new URL(req.url ?? '/', 'http://127.0.0.1'));
    handler(req, res);
  }, opts.port);
  return { standIn, apiBase: origin, port, clock, close };
}

/**
 * The app's tokens for a company granted now. syncClient() hands them out at once (its callers
 * destructure it synchronously) while storing the grant is async, so each call waits for that.
 */
function grantedTokens(apiBase: string, realmId: string): AccessTokenSource {
  const manager = grantAccess(realmId).then((service) => appTokens(apiBase, realmId, service));
  // A failed grant is reported by the first token request, not as an unhandled rejection.
  manager.catch(() => {});
  return {
    accessToken: async () => (await manager).accessToken(),
    renewAfterRejection: async (rejected) => (await manager).renewAfterRejection(rejected),
  };
}

/** Fast retries for tests: three attempts, a few ms apart. */
export const QUICK_RETRY: RetryPolicy = { maxAttempts: 3, baseMs: 5, capMs: 20 };

export function syncClient(
  apiBase: string,
  opts: { realmId?: string; limits?: readonly LimitRule[]; retry?: RetryPolicy; limiter?: RealmLimiter } = {},
): { client: QboClient; meter: RequestMeter; limiter: RealmLimiter } {
  const limiter = opts.limiter ?? new RealmLimiter(systemClock, opts.limits ?? QBO_LIMITS);
  const { client, meter } = createSyncClient({
    apiBase,
    realmId: opts.realmId ?? REALM,
    tokens: grantedTokens(apiBase, opts.realmId ?? REALM),
    limiter,
    retry: opts.retry ?? QUICK_RETRY,
  });
  return { client, meter, limiter };
}

/** Limits loose enough that tests are not paced (the stand-in runs with limits off). */
export const NO_LIMITS: readonly LimitRule[] = [{ limit: 1_000_000, windowMs: 1_000, counts: 'all' }];

export interface RemoteRecord {
  id: string;
  syncToken: string | null;
  raw: string;
}

export function standInRecords(standIn: QboStandIn, entity: MirroredEntity, realmId = REALM): RemoteRecord[] {
  const table = standIn.realm(realmId).tables[entity];
  return table.rows
    .map((row) => ({
      id: row.key,
      // The mirror keeps '0' for list entries QBO serves without a SyncToken (seeded tax codes).
      syncToken: entity === 'CompanyInfo' || entity === 'Preferences' ? null : String(row.obj.SyncToken ?? '0'),
      raw: rowJson(row),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The mirror holds exactly the stand-in's data: same Ids, SyncTokens and JSON, entity by entity. */
export function expectMirrorEqualsStandIn(db: CompanyDb, standIn: QboStandIn, realmId = REALM): void {
  for (const entity of MIRRORED_ENTITIES) {
    const remote = standInRecords(standIn, entity, realmId);
    const local = localRecords(db, entity);
    expect(local.map((r) => r.id), `${entity} Ids`).toEqual(remote.map((r) => r.id));
    expect(local.map((r) => r.syncToken), `${entity} SyncTokens`).toEqual(remote.map((r) => r.syncToken));
    const differing = local.filter((r, i) => r.raw !== remote[i]!.raw).map((r) => r.id);
    expect(differing, `${entity} raw JSON differs`).toEqual([]);
  }
}
