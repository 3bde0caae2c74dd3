/**
 * Connecting, using and disconnecting QuickBooks companies. One instance per app process: it owns
 * each company's TokenManager (access tokens in memory) and QboClient, and one rate limiter per
 * realm shared by every caller, so sync, posting and the UI draw on the same QBO budget.
 */
import type { Dispatcher } from 'undici';
import type { Environment } from '../../preload/contract';
import { CompanyRegistry } from '../companies/company-registry';
import type { EventBus } from '../events/event-bus';
import type { RetryPolicy } from '../qbo/backoff';
import { QboClient } from '../qbo/client';
import { systemClock, type Clock } from '../qbo/clock';
import { LimiterRegistry, QBO_LIMITS, type LimitRule, type RealmLimiter } from '../qbo/limiter';
import { QboTransport } from '../qbo/transport';
import { keychainAccounts, type Keychain } from '../secrets/keychain';
import type { CompanySetting } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import { AppConfigError, IntuitApps, resolveApp, type IntuitAppInput, type PreparedApp, type ResolvedApp } from './intuit-apps';
import { authorizeUrl, exchangeCode, fetchDiscovery, revokeToken, type OAuthEndpoints, type TokenSet } from './intuit-oauth';
import { DEFAULT_CALLBACK_TIMEOUT_MS, startLoopbackListener, type LoopbackListener } from './loopback-listener';
import { createPkce } from './pkce';
import { TokenManager } from './token-manager';

export type ConnectPhase = 'discovering' | 'waiting_for_browser' | 'exchanging' | 'connected' | 'failed';

export interface ConnectProgress {
  phase: ConnectPhase;
  /** Set while waiting: the URL to open by hand if no browser came up. */
  authorizeUrl?: string;
  browserOpened?: boolean;
  realmId?: string;
  message?: string;
}

export interface ConnectionServiceDeps {
  settings: SettingsStore;
  keychain: Keychain;
  events?: EventBus;
  /** Opens the system browser; resolves false when none could be started. */
  openUrl: (url: string) => Promise<boolean>;
  clock?: Clock;
  dispatcher?: Dispatcher;
  callbackTimeoutMs?: number;
  limits?: readonly LimitRule[];
  retry?: RetryPolicy;
  /** Diagnostics; never given a secret. */
  log?: (line: string) => void;
}

export interface ConnectRequest extends IntuitAppInput {
  /** Open the system browser (default true); false when the caller shows the URL itself. */
  openBrowser?: boolean;
}

interface Connection {
  app: ResolvedApp;
  tokens: TokenManager;
  client: QboClient;
}

export class ConnectionService {
  readonly apps: IntuitApps;
  readonly companies: CompanyRegistry;
  private readonly clock: Clock;
  private readonly limiters: LimiterRegistry;
  private readonly connections = new Map<string, Connection>();
  private readonly discovery = new Map<string, Promise<OAuthEndpoints>>();
  private attempt: LoopbackListener | null = null;

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.apps = new IntuitApps(deps.settings, deps.keychain);
    this.companies = new CompanyRegistry(deps.settings, deps.events);
    this.limiters = new LimiterRegistry(this.clock, deps.limits ?? QBO_LIMITS);
  }

  /**
   * The whole loopback flow: check the app's credentials, discover endpoints, listen, send the
   * user to Intuit, take the one callback, exchange the code, keep the credentials Intuit accepted,
   * read the company's name, record it.
   */
  async connect(request: ConnectRequest, progress: (p: ConnectProgress) => void = () => {}): Promise<CompanySetting> {
    try {
      return await this.runConnect(request, progress);
    } catch (error) {
      progress({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private async runConnect(request: ConnectRequest, progress: (p: ConnectProgress) => void): Promise<CompanySetting> {
    progress({ phase: 'discovering' });
    const prepared = await this.apps.prepare(request);
    const { resolved: app, credentials } = prepared;
    const endpoints = await this.endpoints(app.discoveryUrl, true);

    // A new attempt replaces one still waiting (the user clicked Connect again).
    this.attempt?.cancel('A newer connection attempt replaced this one.');
    const listener = await startLoopbackListener({
      timeoutMs: this.deps.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS,
      relay: app.relayUrl !== null,
    });
    this.attempt = listener;
    let callback;
    const pkce = createPkce();
    const redirectUri = app.relayUrl ?? listener.callbackUrl;
    try {
      const url = authorizeUrl(endpoints, { clientId: app.clientId, redirectUri, state: listener.state, codeChallenge: pkce.challenge });
      const browserOpened = request.openBrowser === false ? false : await this.deps.openUrl(url).catch(() => false);
      progress({ phase: 'waiting_for_browser', authorizeUrl: url, browserOpened });
      callback = await listener.result;
    } finally {
      if (this.attempt === listener) this.attempt = null;
      listener.cancel();
    }

    progress({ phase: 'exchanging', realmId: callback.realmId });
    const tokens = await exchangeCode(endpoints, credentials, { code: callback.code, redirectUri, codeVerifier: pkce.verifier }, this.deps.dispatcher);
    const company = await this.finishConnection(prepared, endpoints, callback.realmId, tokens);
    progress({ phase: 'connected', realmId: company.realmId, message: company.name });
    return company;
  }

  /**
   * Records a company from a token pair obtained without the browser (the demo company, whose
   * stand-in hands out tokens directly); otherwise the same as the end of `connect`.
   */
  async connectWithTokens(request: IntuitAppInput, realmId: string, tokens: TokenSet): Promise<CompanySetting> {
    const prepared = await this.apps.prepare(request);
    return this.finishConnection(prepared, await this.endpoints(prepared.resolved.discoveryUrl, true), realmId, tokens);
  }

  private async finishConnection(prepared: PreparedApp, endpoints: OAuthEndpoints, realmId: string, tokens: TokenSet): Promise<CompanySetting> {
    const { resolved: app, credentials } = prepared;
    // Intuit accepted the client id and secret: now they are worth keeping.
    await this.apps.commit(prepared);
    const existing = this.companies.get(realmId);
    // Keep the company's client object (callers may hold it) when the app did not change.
    const current = this.connections.get(realmId);
    const connection = current && current.app.apiBase === app.apiBase && current.app.clientId === app.clientId ? current : this.buildConnection(realmId, app);
    await connection.tokens.adopt(tokens);

    let name: string;
    try {
      const info = await connection.client.companyInfo();
      name = typeof info.CompanyName === 'string' && info.CompanyName.trim() !== '' ? info.CompanyName.trim() : `Company ${realmId}`;
    } catch (error) {
      if (existing) name = existing.name;
      else {
        // A company we cannot even name is not worth keeping a live authorization for.
        await revokeToken(endpoints, credentials, tokens.refreshToken, this.deps.dispatcher).catch(() => {});
        await this.deps.keychain.delete(keychainAccounts.refreshToken(realmId));
        throw error;
      }
    }
    if (current && current !== connection) current.tokens.forget();
    this.connections.set(realmId, connection);
    return this.companies.saveConnected({
      realmId,
      name,
      environment: app.environment,
      clientId: app.clientId,
      now: new Date(this.clock.now()),
    }).company;
  }

  /** Stops a connection attempt that is waiting for the browser; false when none was. */
  cancelConnect(): boolean {
    if (!this.attempt) return false;
    this.attempt.cancel();
    this.attempt = null;
    return true;
  }

  /** The API client of a connected company (one per realm, created on first use). */
  client(realmId: string): QboClient {
    return this.connection(realmId).client;
  }

  tokens(realmId: string): TokenManager {
    return this.connection(realmId).tokens;
  }

  /** The realm's process-wide limiter: anything building its own client must share this budget. */
  limiter(realmId: string): RealmLimiter {
    return this.limiters.forRealm(realmId);
  }

  /** Where the company's QBO API lives (Intuit's production or sandbox host, or a local stand-in). */
  apiBase(realmId: string): string {
    return this.connection(realmId).app.apiBase;
  }

  /** Revokes the authorization at Intuit, deletes the keychain entry, keeps the company's local data. */
  async disconnect(realmId: string): Promise<CompanySetting> {
    const company = this.companies.get(realmId);
    if (!company) throw new AppConfigError(`No company with realm ${realmId} is connected.`, 'realmId');
    const account = keychainAccounts.refreshToken(realmId);
    const refreshToken = await this.deps.keychain.get(account);
    if (refreshToken !== null && company.clientId) {
      const app = this.appFor(company);
      const credentials = await this.apps.credentials(company.environment, app.clientId);
      await revokeToken(await this.endpoints(app.discoveryUrl), credentials, refreshToken, this.deps.dispatcher);
    }
    await this.deps.keychain.delete(account);
    this.connections.get(realmId)?.tokens.forget();
    this.connections.delete(realmId);
    this.companies.markDisconnected(realmId, new Date(this.clock.now()));
    return this.companies.get(realmId)!;
  }

  private connection(realmId: string): Connection {
    const existing = this.connections.get(realmId);
    if (existing) return existing;
    const company = this.companies.get(realmId);
    if (!company) throw new AppConfigError(`No company with realm ${realmId}.`, 'realmId');
    if (company.disconnectedAt !== undefined) throw new AppConfigError(`Company ${company.name} is disconnected; connect it again first.`, 'realmId');
    const connection = this.buildConnection(realmId, this.appFor(company));
    this.connections.set(realmId, connection);
    return connection;
  }

  private appFor(company: CompanySetting): ResolvedApp {
    const saved = this.apps.get(company.environment);
    if (!saved) throw new AppConfigError(`No Intuit app is set up for ${company.environment}; enter its client id and secret.`, 'clientId');
    const resolved = resolveApp(saved);
    return company.clientId ? { ...resolved, clientId: company.clientId } : resolved;
  }

  private buildConnection(realmId: string, app: ResolvedApp): Connection {
    const tokens = new TokenManager({
      realmId,
      keychain: this.deps.keychain,
      credentials: () => this.apps.credentials(app.environment, app.clientId),
      endpoints: () => this.endpoints(app.discoveryUrl),
      onReconnectNeeded: (realm) => {
        this.deps.log?.(`ledgerbridge: QuickBooks company ${realm} needs to be reconnected (invalid_grant)`);
        this.companies.markReconnectNeeded(realm);
      },
      clock: this.clock,
      dispatcher: this.deps.dispatcher,
    });
    const transport = new QboTransport({
      tokens,
      limiter: this.limiters.forRealm(realmId),
      clock: this.clock,
      dispatcher: this.deps.dispatcher,
      retry: this.deps.retry,
      onRetry: (r) => this.deps.log?.(`ledgerbridge: QBO ${realmId} retry ${r.attempt} after ${r.status ?? 'network error'} in ${r.delayMs} ms${r.intuitTid ? ` (intuit_tid ${r.intuitTid})` : ''}`),
    });
    return { app, tokens, client: new QboClient(transport, app.apiBase, realmId) };
  }

  private endpoints(discoveryUrl: string, fresh = false): Promise<OAuthEndpoints> {
    let cached = this.discovery.get(discoveryUrl);
    if (!cached || fresh) {
      cached = fetchDiscovery(discoveryUrl, this.deps.dispatcher);
      cached.catch(() => this.discovery.delete(discoveryUrl));
      this.discovery.set(discoveryUrl, cached);
    }
    return cached;
  }
}

export type { Environment };
