/**
 * The OS keychain (macOS Keychain, Windows Credential Vault, Secret Service on Linux) through
 * keytar. The only place secrets are stored: refresh tokens, the Intuit client secret, store keys.
 */
import keytar from 'keytar';

export const KEYCHAIN_SERVICE = 'Ledgerbridge';

export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** Account names: one per QBO company, per store credential, per Intuit app environment. */
export const keychainAccounts = {
  refreshToken: (realmId: string) => `qbo-refresh-token:${realmId}`,
  clientSecret: (environment: string, clientId: string) => `intuit-client-secret:${environment}:${clientId}`,
  storeCredential: (storeId: string) => `store-credential:${storeId}`,
};

export function osKeychain(service: string = KEYCHAIN_SERVICE): Keychain {
  return {
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  };
}
