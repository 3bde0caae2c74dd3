/**
 * The review calls as the app serves them (dispatch → handler → reconcile worker → stored
 * verdicts): reconciling, deciding, and an unknown company refused without a file made for it.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { createNodeContext } from '../../main/cli/app-context';
import { companyDbPath } from '../../main/mirror/open';
import { useDemo } from './helpers/demo';
import { REALM } from './helpers/seeded-mirror';

const demo = useDemo();

describe('review calls through the reconcile worker', () => {
  it('reconcile, then a decision re-reconciled in the worker and read back; unknown companies are not_found', async () => {
    const mirror = demo.mirror();
    const ctx = createNodeContext(mirror.dataDir, 'browser');
    const reconciled = await dispatch(ctx, 'reconcileCompany', { realmId: REALM });
    expect(reconciled).toMatchObject({ ok: true, value: { orders: demo.business.expected.length } });

    const test = demo.order('missing_test');
    const decided = await dispatch(ctx, 'decideOrder', { realmId: REALM, orderKey: test.key, decision: { kind: 'ignore', reason: 'test order' } });
    expect(decided).toMatchObject({ ok: true, value: { key: test.key, status: 'ignored', ignoredReason: 'test order' } });
    const listed = await dispatch(ctx, 'listReviewOrders', { realmId: REALM, status: ['ignored'] });
    expect(listed).toMatchObject({ ok: true, value: { total: 1, rows: [{ key: test.key }] } });

    for (const call of [
      dispatch(ctx, 'reconcileCompany', { realmId: '123' }),
      dispatch(ctx, 'decideOrder', { realmId: '123', orderKey: test.key, decision: { kind: 'unignore' } }),
    ]) expect(await call).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(companyDbPath(mirror.dataDir, '123'))).toBe(false);
  });
});
