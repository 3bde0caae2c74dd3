/**
 * A company's tokens the way the app holds them: the refresh token in the real OS keychain (under a
 * service of the test's own, so test files running side by side never share an entry), the access
 * token in the app's TokenManager, which refreshes over HTTP at the Intuit OAuth stand-in found
 * through its discovery document. No vitest import: the killed-pull child process uses it too.
 */
import { fetchDiscovery } from '../../main/connect/intuit-oauth';
import { TokenManager } from '../../main/connect/token-manager';
import { osKeychain } from '../../main/secrets/keychain';
import { SANDBOX_CREDENTIALS } from '../../sandbox/common/credentials';
import type { ClientApp } from '../../sandbox/intuit-oauth';
import { oauthEndpoints } from '../../sandbox/intuit-oauth/paths';

/** The Intuit app Ledgerbridge is registered as at the stand-in (the sandbox's fixed one). */
export const INTUIT_APP: ClientApp = {
  clientId: SANDBOX_CREDENTIALS.intuitClientId,
  clientSecret: SANDBOX_CREDENTIALS.intuitClientSecret,
  name: SANDBOX_CREDENTIALS.intuitAppName,
  redirectUris: [...SANDBOX_CREDENTIALS.intuitRedirectUris],
};

/** `apiBase` also serves OAuth, as the local environment expects of the stand-ins. */
export function appTokens(apiBase: string, realmId: string, keychainService: string): TokenManager {
  return new TokenManager({
    realmId,
    keychain: osKeychain(keychainService),
    credentials: async () => ({ clientId: INTUIT_APP.clientId, clientSecret: INTUIT_APP.clientSecret }),
    // Asked on every refresh, so a pull that starts while the stand-in is down finds it once it is back.
    endpoints: () => fetchDiscovery(oauthEndpoints(apiBase).discovery),
    // TokenManager throws ReconnectNeededError itself; there is no company registry to mark here.
    onReconnectNeeded: () => {},
  });
}
