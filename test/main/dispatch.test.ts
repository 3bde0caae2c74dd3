import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { handlers } from '../../main/api/handlers';
import { callNames, calls } from '../../preload/contract';
import { testContext } from '../helpers/app-context';

describe('the handler table and dispatch', () => {
  it('has exactly one handler per contract call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
  });

  it('validates the request before any work and names the field', async () => {
    const ctx = testContext();
    const result = await dispatch(ctx, 'connectQuickBooks', { environment: 'moon' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'environment' } });
    if (!result.ok) expect(result.error.message).toMatch(/environment/);
  });

  it('refuses unknown fields (strict schemas) and non-object bodies', async () => {
    const ctx = testContext();
    expect(await dispatch(ctx, 'listCompanies', { sneaky: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(ctx, 'listCompanies', 'text')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses names outside the contract, including prototype keys', async () => {
    const ctx = testContext();
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42]) {
      expect(await dispatch(ctx, name, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
  });

  it('answers with values that satisfy the contract response schema', async () => {
    const ctx = testContext();
    ctx.settings.update((s) => ({
      ...s,
      companies: [{ realmId: '9130350000000001', name: 'Harbor Goods LLC', environment: 'local', addedAt: '2026-11-20T10:00:00.000Z', reconnectNeeded: true }],
      stores: [{ id: 's1', realmId: '9130350000000001', kind: 'shopify', name: 'Harbor Goods', address: 'harbor-goods.myshopify.com' }],
    }));
    for (const [name, request] of [
      ['getAppInfo', {}],
      ['listCompanies', {}],
      ['listStores', {}],
      ['listStores', { realmId: '9130350000000001' }],
    ] as const) {
      const result = await dispatch(ctx, name, request);
      expect(result.ok, name).toBe(true);
      if (result.ok) expect(() => calls[name].response.parse(result.value)).not.toThrow();
    }
    const companies = await dispatch(ctx, 'listCompanies', {});
    expect(companies).toMatchObject({ ok: true, value: [{ name: 'Harbor Goods LLC', connection: 'reconnect_needed' }] });
  });

  it('hides the message of unexpected errors and logs it instead', async () => {
    const ctx = testContext();
    const broken = { ...ctx, settings: { read: () => { throw new Error('disk secret detail'); } } } as unknown as typeof ctx;
    const logged: string[] = [];
    const result = await dispatch(broken, 'listCompanies', {}, (line) => logged.push(line));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk secret detail');
    expect(logged.join('\n')).toContain('disk secret detail');
  });
});
