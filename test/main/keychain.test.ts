/** Against the real Secret Service (gnome-keyring on the test's own D-Bus session). */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keychainAccounts, osKeychain } from '../../main/secrets/keychain';

describe('OS keychain', () => {
  it('stores, reads and deletes a secret in the real keychain', async () => {
    const keychain = osKeychain(`Ledgerbridge-test-${randomUUID()}`);
    const account = keychainAccounts.refreshToken('9130350000000001');
    const secret = `rt-${randomUUID()}`;
    expect(await keychain.get(account)).toBeNull();
    await keychain.set(account, secret);
    expect(await keychain.get(account)).toBe(secret);
    await keychain.set(account, secret + '-rotated');
    expect(await keychain.get(account)).toBe(secret + '-rotated');
    expect(await keychain.delete(account)).toBe(true);
    expect(await keychain.get(account)).toBeNull();
  });
});
