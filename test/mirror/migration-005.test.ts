import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../main/mirror/open';
import { readStoreSync, recordStoreSync } from '../../main/mirror/store-sync-state';
import { tempDir } from '../helpers/tmp';

describe('migration 005: store sync state', () => {
  it('keeps the last success and the last error of each store; a success clears the error', () => {
    const db = openCompanyDb(tempDir(), '42');
    try {
      expect(readStoreSync(db, 's1')).toBeNull();
      recordStoreSync(db, 's1', { ok: true }, '2026-11-20T10:00:00.000Z');
      recordStoreSync(db, 's1', { ok: false, error: 'Shopify refused the token' }, '2026-11-21T10:00:00.000Z');
      expect(readStoreSync(db, 's1')).toEqual({
        lastAttemptAt: '2026-11-21T10:00:00.000Z',
        lastSuccessAt: '2026-11-20T10:00:00.000Z',
        lastError: 'Shopify refused the token',
        lastErrorAt: '2026-11-21T10:00:00.000Z',
      });
      recordStoreSync(db, 's1', { ok: true }, '2026-11-22T10:00:00.000Z');
      expect(readStoreSync(db, 's1')).toMatchObject({ lastSuccessAt: '2026-11-22T10:00:00.000Z', lastError: null, lastErrorAt: null });
      expect(readStoreSync(db, 's2')).toBeNull();
    } finally {
      db.close();
    }
  });
});
