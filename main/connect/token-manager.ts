/**
 * Tokens of one connected company. The refresh token lives only in the OS keychain, the access
 * token only in this object's memory. Refreshes happen before expiry, one at a time per company
 * (concurrent callers share the one in flight: Intuit rotates refresh tokens, and two refreshes
 * racing on the same token is the classic way to lose a connection, oauth-jsclient#77/#138).
 *
 * Rotation order: the new refresh token is written to the keychain before the new access token is
 * handed to anyone. If the process dies after Intuit answered but before that write, the keychain
 * still holds the previous refresh token, which Intuit keeps honouring for 24 hours after rotation
 * (qbo-api.md §11), so the next start refreshes with it and the connection survives.
 */
import type { Dispatcher } from 'undici';
import type { Keychain } from '../secrets/keychain';
import { keychainAccounts } from '../secrets/keychain';
import { systemClock, type Clock } from '../qbo/clock';
import type { AccessTokenSource } from '../qbo/transport';
import { IntuitOAuthError, refreshTokens, type ClientCredentials, type OAuthEndpoints, type TokenSet } from './intuit-oauth';

/** The company's authorization is gone (invalid_grant); only a new consent brings it back. */
export class ReconnectNeededError extends Error {
  constructor(readonly realmId: string, message: string) {
    super(message);
    this.name = 'ReconnectNeededError';
  }
}

export interface TokenManagerOptions {
  realmId: string;
  keychain: Keychain;
  credentials: () => Promise<ClientCredentials>;
  endpoints: () => Promise<OAuthEndpoints>;
  /** Called once when Intuit answers invalid_grant; marks the company "reconnect needed". */
  onReconnectNeeded: (realmId: string) => Promise<void> | void;
  clock?: Clock;
  dispatcher?: Dispatcher;
  /** Refresh when the access token has less than this left (default 5 minutes of its 60). */
  marginMs?: number;
}

export class TokenManager implements AccessTokenSource {
  private access: { token: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** The refresh token Intuit answered invalid_grant for; retried only if the keychain changes. */
  private deadToken: string | null = null;
  private readonly clock: Clock;
  private readonly marginMs: number;
  private readonly account: string;
  /** Refreshes performed (for diagnostics and tests). */
  refreshCount = 0;

  constructor(private readonly options: TokenManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.account = keychainAccounts.refreshToken(options.realmId);
  }

  get realmId(): string {
    return this.options.realmId;
  }

  /** Tokens from the code exchange: the refresh token goes to the keychain first. */
  async adopt(tokens: TokenSet): Promise<void> {
    await this.options.keychain.set(this.account, tokens.refreshToken);
    this.access = { token: tokens.accessToken, expiresAt: this.clock.now() + tokens.expiresIn * 1000 };
    this.deadToken = null;
  }

  async accessToken(): Promise<string> {
    const access = this.access;
    if (access && access.expiresAt - this.marginMs > this.clock.now()) return access.token;
    return this.refresh();
  }

  async renewAfterRejection(rejected: string): Promise<string> {
    // Someone else already replaced the token the API refused: use theirs, no second refresh.
    if (this.access && this.access.token !== rejected) return this.accessToken();
    this.access = null;
    return this.refresh();
  }

  /** Drops the access token from memory (disconnect, reconnect). */
  forget(): void {
    this.access = null;
  }

  /** One refresh at a time; every caller during it gets its result. */
  refresh(): Promise<string> {
    this.inFlight ??= this.runRefresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async runRefresh(): Promise<string> {
    const { realmId, keychain } = this.options;
    const current = await keychain.get(this.account);
    if (current === null) {
      await this.markReconnectNeeded('');
      throw new ReconnectNeededError(realmId, `No QuickBooks authorization is stored for company ${realmId}; connect it again.`);
    }
    // Known dead: no network call, unless another process (the CLI) has reconnected meanwhile.
    if (current === this.deadToken) throw this.reconnectError();
    let tokens: TokenSet;
    try {
      tokens = await refreshTokens(await this.options.endpoints(), await this.options.credentials(), current, this.options.dispatcher);
    } catch (error) {
      if (error instanceof IntuitOAuthError && error.error === 'invalid_grant') {
        await this.markReconnectNeeded(current);
        throw this.reconnectError();
      }
      throw error;
    }
    this.refreshCount += 1;
    await keychain.set(this.account, tokens.refreshToken);
    this.deadToken = null;
    this.access = { token: tokens.accessToken, expiresAt: this.clock.now() + tokens.expiresIn * 1000 };
    return tokens.accessToken;
  }

  /** `deadToken` '' when the keychain held no token at all. */
  private async markReconnectNeeded(deadToken: string): Promise<void> {
    this.access = null;
    const already = this.deadToken !== null;
    this.deadToken = deadToken;
    if (!already) await this.options.onReconnectNeeded(this.options.realmId);
  }

  private reconnectError(): ReconnectNeededError {
    return new ReconnectNeededError(
      this.options.realmId,
      `QuickBooks no longer accepts Ledgerbridge's authorization for company ${this.options.realmId} (invalid_grant). Reconnect the company; its local data is kept.`,
    );
  }
}
