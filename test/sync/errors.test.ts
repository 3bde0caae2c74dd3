import { describe, expect, it } from 'vitest';
import { IntuitOAuthError } from '../../main/connect/intuit-oauth';
import { QboFaultError, QboTransportError } from '../../main/qbo/errors';
import { isOffline, SyncOfflineError } from '../../main/sync';

describe('offline classification', () => {
  it('counts no route to QuickBooks as offline, and QuickBooks answering with an error as not', () => {
    expect(isOffline(new QboTransportError('Could not reach QuickBooks: getaddrinfo ENOTFOUND quickbooks.api.intuit.com', 'ENOTFOUND'))).toBe(true);
    expect(isOffline(new QboTransportError('Could not reach QuickBooks: connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))).toBe(true);
    expect(isOffline(new SyncOfflineError('1', new Error('x')))).toBe(true);
    expect(isOffline(new QboFaultError('SystemFault', [], 503, null))).toBe(false);
    expect(isOffline(new Error('ECONNREFUSED in some other error'))).toBe(false);
    // No route to Intuit's token or discovery endpoint is offline too; Intuit refusing is not.
    expect(isOffline(new IntuitOAuthError('unreachable', null, null, 'Could not reach Intuit (token endpoint): ECONNREFUSED'))).toBe(true);
    expect(isOffline(new IntuitOAuthError('invalid_grant', 400, null, 'refused'))).toBe(false);
  });
});
