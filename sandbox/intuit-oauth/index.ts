/**
 * Intuit OAuth 2.0 stand-in: the sandbox's authorization server. It is also the TokenVerifier the
 * QBO API stand-in asks about every bearer token, so both run on the same origin.
 */
import type { Persistable, RequestHandler, StandInOptions, TokenVerifier } from '../common/types';
import type { ClientApp } from './clients';
import { createOAuthHandler, subjectFor } from './handler';
import { createIdTokenSigner } from './id-token';
import { DEFAULT_REFRESH_GRACE_S } from './lifetimes';
import { OAUTH_PATHS, oauthEndpoints } from './paths';
import { type Company, OAuthStore, type TokenResponseBody } from './store';

export type { ClientApp } from './clients';
export type { Company, TokenResponseBody } from './store';
export { OAUTH_PATHS, oauthEndpoints, discoveryDocument, INTUIT_ISSUER } from './paths';
export { s256Challenge } from './pkce';
export { ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_S, DEFAULT_REFRESH_GRACE_S, AUTH_CODE_TTL_S } from './lifetimes';

export interface IntuitOAuthConfig {
  options: StandInOptions;
  companies?: Company[];
  clients?: ClientApp[];
  /** Skip the consent page: /connect/oauth2 redirects at once, to the first company. */
  autoApprove?: boolean;
  /** How long a rotated-out refresh token keeps working (default 24 h, per Intuit's SDK README). */
  refreshGraceSeconds?: number;
}

export interface IntuitOAuthStandIn extends TokenVerifier, Persistable {
  handler: RequestHandler;
  issueTokens(realmId: string, clientId?: string, scope?: string): TokenResponseBody;
  addClient(app: ClientApp): void;
  addCompany(company: Company): void;
  clients(): ClientApp[];
  companies(): Company[];
  setAutoApprove(on: boolean): void;
}

export function createIntuitOAuthStandIn(config: IntuitOAuthConfig): IntuitOAuthStandIn {
  const { options } = config;
  let autoApprove = config.autoApprove ?? false;
  const store = new OAuthStore({
    now: () => options.now(),
    accessTokenTtlSeconds: () => options.faults.accessTokenTtlSeconds,
    refreshGraceSeconds: config.refreshGraceSeconds ?? DEFAULT_REFRESH_GRACE_S,
  });
  for (const company of config.companies ?? []) store.addCompany(company);
  for (const app of config.clients ?? []) store.addClient(app);
  const handler = createOAuthHandler({
    store,
    options,
    autoApprove: () => autoApprove,
    idTokens: createIdTokenSigner(subjectFor),
  });
  return {
    handler,
    verifyAccessToken: (token) => store.verifyAccessToken(token),
    issueTokens: (realmId, clientId, scope) => store.issueTokens(realmId, clientId, scope),
    addClient: (app) => store.addClient(app),
    addCompany: (company) => store.addCompany(company),
    clients: () => store.listClients(),
    companies: () => store.listCompanies(),
    setAutoApprove: (on) => {
      autoApprove = on;
    },
    exportState: () => store.exportState(),
    importState: (state) => store.importState(state),
  };
}

/** True for requests this stand-in serves when it shares an origin with the QBO API. */
export function isOAuthPath(pathname: string): boolean {
  return (Object.values(OAUTH_PATHS) as string[]).includes(pathname);
}

