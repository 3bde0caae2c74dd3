import { describe, expect, it } from 'vitest';
import { QboFaultError, QboTransportError } from '../../main/qbo/errors';
import { isOffline, SyncOfflineError } from '../../main/sync';

describe('offline classification', () => {
  it('counts no route to QuickBooks as offline, and QuickBooks answering with an error as not', () => {
    expect(isOffline(new QboTransportError('Could not reach QuickBooks: getaddrinfo ENOTFOUND quickbooks.api.intuit.com', 'ENOTFOUND'))).toBe(true);
    expect(isOffline(new QboTransportError('Could not reach QuickBooks: connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))).toBe(true);
    expect(isOffline(new SyncOfflineError('1', new Error('x')))).toBe(true);
    expect(isOffline(new QboFaultError('SystemFault', [], 503, null))).toBe(false);
    expect(isOffline(new Error('ECONNREFUSED in some other error'))).toBe(false);
  });
});
