/**
 * The Intuit OAuth state machine: consent requests, authorization codes, grants ("connections" of a
 * client app to a company) and their access/refresh tokens. Pure logic on top of an injected clock,
 * so tests move time instead of waiting. HTTP lives in handler.ts.
 */
import { randomBytes } from 'node:crypto';
import type { AccessTokenCheck } from '../common/types';
import { type ClientApp, validateRegistration } from './clients';
import {
  ACCESS_TOKEN_TTL_S,
  AUTH_CODE_TTL_S,
  PENDING_CONSENT_TTL_S,
  REFRESH_TOKEN_HARD_TTL_S,
  REFRESH_TOKEN_TTL_S,
} from './lifetimes';
import { pkceVerifierMatches } from './pkce';

export interface Company {
  realmId: string;
  name: string;
}

export interface PendingConsent {
  id: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  codeChallenge: string | null;
  expiresAt: number;
}

interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  realmId: string;
  scope: string;
  codeChallenge: string | null;
  expiresAt: number;
  /** Set on first exchange: a second exchange revokes what the first produced (oauth-jsclient#173). */
  grantId: string | null;
}

interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  scope: string;
  revoked: boolean;
  latestRefreshToken: string;
  /** Absolute end of the connection (Intuit's 5-year cap); refreshing never extends it. */
  hardExpiresAt: number;
}

interface RefreshRecord {
  token: string;
  grantId: string;
  expiresAt: number;
  /** When a newer refresh token replaced this one; it keeps working for the grace period after. */
  supersededAt: number | null;
}

interface AccessRecord {
  token: string;
  grantId: string;
  expiresAt: number;
}

export interface TokenResponseBody {
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  access_token: string;
  /** Only when asked for with `x-include-refresh-token-hard-expires-in: true`. */
  x_refresh_token_hard_expires_in?: number;
}

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type';

export type TokenOutcome =
  | { ok: true; body: TokenResponseBody; grant: { realmId: string; scope: string; clientId: string } }
  | { ok: false; error: OAuthErrorCode; reason: string };

export interface StoreConfig {
  now: () => number;
  /** Read at every issuance so a test may switch the early-expiry fault on mid-run. */
  accessTokenTtlSeconds: () => number | null;
  refreshGraceSeconds: number;
}

export interface OAuthStateV1 {
  version: 1;
  clients: ClientApp[];
  companies: Company[];
  codes: CodeRecord[];
  grants: Grant[];
  refreshTokens: RefreshRecord[];
  accessTokens: AccessRecord[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return out;
}

/** Intuit codes and refresh tokens look like `AB11<epoch seconds><random>`, 50 characters. */
function intuitStyleToken(epochMs: number): string {
  const prefix = `AB11${Math.floor(epochMs / 1000)}`;
  return prefix + randomAlnum(50 - prefix.length);
}

/** Real access tokens are long JWE strings; clients must treat them as opaque. */
function accessTokenString(): string {
  return `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${randomBytes(16).toString('base64url')}.${randomBytes(600).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
}

const PRUNE_EVERY = 256;

export class OAuthStore {
  private clients = new Map<string, ClientApp>();
  private companies = new Map<string, Company>();
  private pending = new Map<string, PendingConsent>();
  private codes = new Map<string, CodeRecord>();
  private grants = new Map<string, Grant>();
  private refreshTokens = new Map<string, RefreshRecord>();
  private accessTokens = new Map<string, AccessRecord>();
  private issuedSincePrune = 0;

  constructor(private readonly config: StoreConfig) {}

  addClient(app: ClientApp): void {
    validateRegistration(app);
    this.clients.set(app.clientId, { ...app, redirectUris: [...app.redirectUris] });
  }

  client(clientId: string): ClientApp | undefined {
    return this.clients.get(clientId);
  }

  listClients(): ClientApp[] {
    return [...this.clients.values()];
  }

  addCompany(company: Company): void {
    this.companies.set(company.realmId, { ...company });
  }

  company(realmId: string): Company | undefined {
    return this.companies.get(realmId);
  }

  listCompanies(): Company[] {
    return [...this.companies.values()];
  }

  /** Client authentication for the token and revoke endpoints (Basic or client_secret_post). */
  authenticateClient(clientId: string, clientSecret: string): ClientApp | null {
    const app = this.clients.get(clientId);
    return app && app.clientSecret === clientSecret ? app : null;
  }

  createPendingConsent(request: Omit<PendingConsent, 'id' | 'expiresAt'>): PendingConsent {
    const pending: PendingConsent = {
      ...request,
      id: randomBytes(18).toString('base64url'),
      expiresAt: this.config.now() + PENDING_CONSENT_TTL_S * 1000,
    };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** A consent page can be answered once. */
  takePendingConsent(id: string): PendingConsent | null {
    const pending = this.pending.get(id);
    if (!pending) return null;
    this.pending.delete(id);
    return pending.expiresAt > this.config.now() ? pending : null;
  }

  issueCode(input: {
    clientId: string;
    redirectUri: string;
    realmId: string;
    scope: string;
    codeChallenge: string | null;
  }): string {
    const now = this.config.now();
    const code = intuitStyleToken(now);
    this.codes.set(code, { ...input, code, expiresAt: now + AUTH_CODE_TTL_S * 1000, grantId: null });
    return code;
  }

  exchangeCode(input: {
    clientId: string;
    code: string;
    redirectUri: string;
    codeVerifier: string | null;
  }): TokenOutcome {
    const record = this.codes.get(input.code);
    if (!record || record.clientId !== input.clientId) return { ok: false, error: 'invalid_grant', reason: 'authorization code not found' };
    if (record.grantId !== null) {
      const grant = this.grants.get(record.grantId);
      if (grant) grant.revoked = true;
      return { ok: false, error: 'invalid_grant', reason: 'authorization code already used; its tokens are revoked' };
    }
    if (record.expiresAt <= this.config.now()) return { ok: false, error: 'invalid_grant', reason: 'authorization code expired' };
    if (record.redirectUri !== input.redirectUri) {
      return { ok: false, error: 'invalid_grant', reason: 'redirect_uri differs from the one used at authorize' };
    }
    if (record.codeChallenge !== null) {
      if (input.codeVerifier === null) return { ok: false, error: 'invalid_grant', reason: 'code_verifier missing (PKCE)' };
      if (!pkceVerifierMatches(record.codeChallenge, input.codeVerifier)) {
        return { ok: false, error: 'invalid_grant', reason: 'code_verifier does not match code_challenge' };
      }
    }
    const grant = this.newGrant(record.clientId, record.realmId, record.scope);
    record.grantId = grant.id;
    return this.issuePair(grant);
  }

  refresh(input: { clientId: string; refreshToken: string }): TokenOutcome {
    const now = this.config.now();
    const record = this.refreshTokens.get(input.refreshToken);
    if (!record) return { ok: false, error: 'invalid_grant', reason: 'Refresh token not found' };
    const grant = this.grants.get(record.grantId);
    if (!grant || grant.clientId !== input.clientId) return { ok: false, error: 'invalid_grant', reason: 'Refresh token not found' };
    if (grant.revoked) return { ok: false, error: 'invalid_grant', reason: 'connection revoked' };
    if (record.expiresAt <= now) return { ok: false, error: 'invalid_grant', reason: 'refresh token expired' };
    if (record.supersededAt !== null && now >= record.supersededAt + this.config.refreshGraceSeconds * 1000) {
      return { ok: false, error: 'invalid_grant', reason: 'refresh token was rotated and its grace period is over' };
    }
    return this.issuePair(grant);
  }

  /** Revoking either token ends the whole connection: its refresh token and every access token. */
  revoke(clientId: string, token: string): boolean {
    const grantId = this.refreshTokens.get(token)?.grantId ?? this.accessTokens.get(token)?.grantId;
    const grant = grantId === undefined ? undefined : this.grants.get(grantId);
    if (!grant || grant.clientId !== clientId) return false;
    grant.revoked = true;
    return true;
  }

  /** A first token pair for a realm without the browser dance (tests, the sandbox command). */
  issueTokens(realmId: string, clientId?: string, scope = 'com.intuit.quickbooks.accounting'): TokenResponseBody {
    const app = clientId === undefined ? this.clients.values().next().value : this.clients.get(clientId);
    if (!app) throw new Error(clientId === undefined ? 'no client app registered' : `unknown client app ${clientId}`);
    if (!this.companies.has(realmId)) throw new Error(`unknown realm ${realmId}`);
    const outcome = this.issuePair(this.newGrant(app.clientId, realmId, scope));
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.body;
  }

  verifyAccessToken(token: string): AccessTokenCheck {
    const record = this.accessTokens.get(token);
    if (!record) return { ok: false, reason: 'invalid' };
    const grant = this.grants.get(record.grantId);
    if (!grant || grant.revoked) return { ok: false, reason: 'invalid' };
    if (record.expiresAt <= this.config.now()) return { ok: false, reason: 'expired' };
    return { ok: true, realmId: grant.realmId };
  }

  /** Grant details behind a live access token (userinfo). */
  grantForAccessToken(token: string): { realmId: string; scope: string; clientId: string } | null {
    const check = this.verifyAccessToken(token);
    if (!check.ok) return null;
    const grant = this.grants.get(this.accessTokens.get(token)!.grantId)!;
    return { realmId: grant.realmId, scope: grant.scope, clientId: grant.clientId };
  }

  exportState(): OAuthStateV1 {
    return {
      version: 1,
      clients: this.listClients().map((c) => ({ ...c, redirectUris: [...c.redirectUris] })),
      companies: this.listCompanies(),
      codes: [...this.codes.values()].map((c) => ({ ...c })),
      grants: [...this.grants.values()].map((g) => ({ ...g })),
      refreshTokens: [...this.refreshTokens.values()].map((r) => ({ ...r })),
      accessTokens: [...this.accessTokens.values()].map((a) => ({ ...a })),
    };
  }

  importState(state: unknown): void {
    if (!isStateV1(state)) throw new Error('not an Intuit OAuth stand-in state (version 1)');
    this.clients = new Map(state.clients.map((c) => [c.clientId, { ...c, redirectUris: [...c.redirectUris] }]));
    this.companies = new Map(state.companies.map((c) => [c.realmId, { ...c }]));
    this.pending = new Map();
    this.codes = new Map(state.codes.map((c) => [c.code, { ...c }]));
    // Grants saved before the 5-year cap was modelled get it from the time of import.
    const hardDefault = this.config.now() + REFRESH_TOKEN_HARD_TTL_S * 1000;
    this.grants = new Map(state.grants.map((g) => [g.id, { ...g, hardExpiresAt: g.hardExpiresAt ?? hardDefault }]));
    this.refreshTokens = new Map(state.refreshTokens.map((r) => [r.token, { ...r }]));
    this.accessTokens = new Map(state.accessTokens.map((a) => [a.token, { ...a }]));
  }

  private newGrant(clientId: string, realmId: string, scope: string): Grant {
    const grant: Grant = {
      id: randomBytes(12).toString('hex'),
      clientId,
      realmId,
      scope,
      revoked: false,
      latestRefreshToken: '',
      hardExpiresAt: this.config.now() + REFRESH_TOKEN_HARD_TTL_S * 1000,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  /** Every issuance rotates the refresh token; the one it replaces enters its grace period now. */
  private issuePair(grant: Grant): TokenOutcome {
    const now = this.config.now();
    const previous = this.refreshTokens.get(grant.latestRefreshToken);
    if (previous && previous.supersededAt === null) previous.supersededAt = now;

    const accessTtl = this.config.accessTokenTtlSeconds() ?? ACCESS_TOKEN_TTL_S;
    const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_TTL_S * 1000, grant.hardExpiresAt);
    const refresh: RefreshRecord = {
      token: intuitStyleToken(refreshExpiresAt),
      grantId: grant.id,
      expiresAt: refreshExpiresAt,
      supersededAt: null,
    };
    const access: AccessRecord = { token: accessTokenString(), grantId: grant.id, expiresAt: now + accessTtl * 1000 };
    this.refreshTokens.set(refresh.token, refresh);
    this.accessTokens.set(access.token, access);
    grant.latestRefreshToken = refresh.token;
    this.maybePrune(now);
    return {
      ok: true,
      body: {
        token_type: 'bearer',
        expires_in: accessTtl,
        refresh_token: refresh.token,
        x_refresh_token_expires_in: Math.floor((refreshExpiresAt - now) / 1000),
        access_token: access.token,
        x_refresh_token_hard_expires_in: Math.floor((grant.hardExpiresAt - now) / 1000),
      },
      grant: { realmId: grant.realmId, scope: grant.scope, clientId: grant.clientId },
    };
  }

  /**
   * Forget records nobody can use any more. Dead tokens are kept a week so a late caller still
   * learns "expired" rather than "never heard of it".
   */
  private maybePrune(now: number): void {
    this.issuedSincePrune += 1;
    if (this.issuedSincePrune < PRUNE_EVERY) return;
    this.issuedSincePrune = 0;
    const keep = 7 * 24 * 3600 * 1000;
    const graceMs = this.config.refreshGraceSeconds * 1000;
    for (const [token, record] of this.accessTokens) if (record.expiresAt + keep < now) this.accessTokens.delete(token);
    for (const [token, record] of this.refreshTokens) {
      const deadAt = Math.min(record.expiresAt, record.supersededAt === null ? Infinity : record.supersededAt + graceMs);
      if (deadAt + keep < now) this.refreshTokens.delete(token);
    }
    for (const [code, record] of this.codes) if (record.expiresAt + keep < now) this.codes.delete(code);
    for (const [id, pending] of this.pending) if (pending.expiresAt < now) this.pending.delete(id);
  }
}

function isStateV1(state: unknown): state is OAuthStateV1 {
  if (typeof state !== 'object' || state === null) return false;
  const s = state as Record<string, unknown>;
  return (
    s.version === 1 &&
    ['clients', 'companies', 'codes', 'grants', 'refreshTokens', 'accessTokens'].every((key) => Array.isArray(s[key]))
  );
}
