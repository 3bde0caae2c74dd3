/** The real services' paths, served from one origin so a client only swaps the host. */
export const OAUTH_PATHS = {
  discoverySandbox: '/.well-known/openid_sandbox_configuration',
  discoveryProduction: '/.well-known/openid_configuration',
  authorize: '/connect/oauth2',
  /** The consent page's form posts here (Intuit's own page is an app of its own). */
  consent: '/connect/oauth2/consent',
  token: '/oauth2/v1/tokens/bearer',
  revoke: '/v2/oauth2/tokens/revoke',
  userinfo: '/v1/openid_connect/userinfo',
  jwks: '/op/v1/jwks',
} as const;

/** ID-token issuer: the official client compares `iss` with this exact string. */
export const INTUIT_ISSUER = 'https://oauth.platform.intuit.com/op/v1';

export function oauthEndpoints(origin: string) {
  return {
    discovery: origin + OAUTH_PATHS.discoverySandbox,
    authorize: origin + OAUTH_PATHS.authorize,
    token: origin + OAUTH_PATHS.token,
    revoke: origin + OAUTH_PATHS.revoke,
    userinfo: origin + OAUTH_PATHS.userinfo,
    jwks: origin + OAUTH_PATHS.jwks,
  };
}

export function discoveryDocument(origin: string): Record<string, unknown> {
  const endpoints = oauthEndpoints(origin);
  // Same fields as Intuit's document; like it, no code_challenge_methods_supported.
  return {
    issuer: INTUIT_ISSUER,
    authorization_endpoint: endpoints.authorize,
    token_endpoint: endpoints.token,
    userinfo_endpoint: endpoints.userinfo,
    revocation_endpoint: endpoints.revoke,
    jwks_uri: endpoints.jwks,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
  };
}
