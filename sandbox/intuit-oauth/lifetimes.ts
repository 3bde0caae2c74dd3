/** Token lifetimes of the real service (qbo-api.md §11), in seconds. */
export const ACCESS_TOKEN_TTL_S = 3600;
/** The value Intuit's own SDK mock returns for `x_refresh_token_expires_in` (~100 days, rolling). */
export const REFRESH_TOKEN_TTL_S = 8_726_400;
/** Intuit's absolute cap on a connection since the Nov 2025 policy: 5 years from consent. */
export const REFRESH_TOKEN_HARD_TTL_S = 5 * 365 * 24 * 3600;
/** oauth-jsclient README: "previous refresh tokens expire 24 hours after you receive a new one". */
export const DEFAULT_REFRESH_GRACE_S = 24 * 3600;
/** Not documented by Intuit; authorization codes are short-lived everywhere. */
export const AUTH_CODE_TTL_S = 600;
/** How long a consent page stays answerable. */
export const PENDING_CONSENT_TTL_S = 3600;
