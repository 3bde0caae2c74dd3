import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/mirror/migrations';
import { openCompanyDb } from '../../main/mirror/open';
import { listOrders, storedResult } from '../../main/reconcile/read';
import { saveSome } from '../../main/reconcile/results';
import type { OrderResult } from '../../main/reconcile/types';
import { companyAtVersion } from '../helpers/old-company';

const verdict = (sourceId: string, total: number, status: OrderResult['status']): OrderResult => ({
  key: `s/${sourceId}`, storeId: 's', sourceId, number: `#${sourceId}`, orderDate: '2026-01-02', total, currency: 'USD',
  customer: { name: 'Ann Lee', email: 'ann@example.com' }, skus: ['SKU-1'], match: null, docs: [], suggestion: null, ignoredReason: null,
  status, explanation: 'no QuickBooks document records this order', diffs: [],
});

describe('migration 006: stored verdicts in rowid tables', () => {
  it('carries the verdicts a version-5 file holds over, and the read side and incremental writes work on them', () => {
    const { dir, old } = companyAtVersion(5);
    const insertRow = old.prepare('INSERT INTO reconcile_orders (store_id, source_id, number, status, order_date, total, currency, customer, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertResult = old.prepare('INSERT INTO reconcile_results (store_id, source_id, result) VALUES (?, ?, ?)');
    for (const [id, total] of [['1002', 500], ['1001', 700]] as const) {
      insertRow.run('s', id, `#${id}`, 'missing_in_qbo', '2026-01-02', total, 'USD', 'Ann Lee ann@example.com', `#${id} ann lee ann@example.com sku-1`);
      insertResult.run('s', id, JSON.stringify(verdict(id, total, 'missing_in_qbo')));
    }
    old.close();

    const db = openCompanyDb(dir, '42');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(storedResult(db, 's/1001')).toEqual(verdict('1001', 700, 'missing_in_qbo'));
      expect(listOrders(db, { sort: 'total' }).rows.map((r) => [r.key, r.total])).toEqual([['s/1002', 500], ['s/1001', 700]]);

      // An incremental write replaces a verdict in place and adds a new one; the key stays unique.
      saveSome(db, [verdict('1001', 700, 'in_sync'), verdict('1003', 100, 'missing_in_qbo')], ['s/1002'], [], 'UTC');
      expect(listOrders(db, { sort: 'total' }).rows.map((r) => [r.key, r.status])).toEqual([['s/1003', 'missing_in_qbo'], ['s/1001', 'in_sync']]);
      expect(db.prepare('SELECT count(*) FROM reconcile_results').pluck().get()).toBe(2);
      expect(storedResult(db, 's/1002')).toBeNull();
    } finally {
      db.close();
    }
  });
});
