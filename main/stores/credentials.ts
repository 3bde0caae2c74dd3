/**
 * Store credentials in the OS keychain: one JSON object per store connection under
 * `store-credential:<storeId>`, holding exactly the fields its kind declares. Nothing here is
 * ever logged or put in an error message; errors name the store and the missing field only.
 */
import { keychainAccounts, type Keychain } from '../secrets/keychain';

export type StoreCredentials = Record<string, string>;

export class StoreCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreCredentialError';
  }
}

export async function saveStoreCredentials(keychain: Keychain, storeId: string, credentials: StoreCredentials): Promise<void> {
  await keychain.set(keychainAccounts.storeCredential(storeId), JSON.stringify(credentials));
}

export async function deleteStoreCredentials(keychain: Keychain, storeId: string): Promise<boolean> {
  return keychain.delete(keychainAccounts.storeCredential(storeId));
}

/** The saved credentials, checked to hold every field `fields` names. */
export async function loadStoreCredentials(keychain: Keychain, storeId: string, storeName: string, fields: readonly string[]): Promise<StoreCredentials> {
  const text = await keychain.get(keychainAccounts.storeCredential(storeId));
  if (text === null) throw new StoreCredentialError(`No saved credentials for store "${storeName}" in the system keychain. Connect it again with \`ledgerbridge store add\`.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StoreCredentialError(`The saved credentials of store "${storeName}" are damaged. Connect it again with \`ledgerbridge store add\`.`);
  }
  const record = parsed as Record<string, unknown>;
  const missing = fields.filter((f) => typeof record?.[f] !== 'string' || record[f] === '');
  if (missing.length > 0) throw new StoreCredentialError(`The saved credentials of store "${storeName}" lack ${missing.join(', ')}. Connect it again with \`ledgerbridge store add\`.`);
  return Object.fromEntries(fields.map((f) => [f, record[f] as string]));
}
