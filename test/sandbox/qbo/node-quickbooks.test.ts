/**
 * Fidelity: the unmodified third-party client node-quickbooks (it only lets us point its endpoint
 * constant at our server) must work against the stand-in.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBooks, REALM, type Running, startQbo, TOKEN, withInvoices } from './harness';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const QuickBooks = require('node-quickbooks') as any;

let run: Running;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let qbo: any;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function call<T = any>(method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    qbo[method](...args, (err: unknown, data: T) => (err ? reject(err) : resolve(data)));
  });
}

beforeAll(async () => {
  run = await startQbo({ books: [withInvoices(fixtureBooks(), 1500)] });
  QuickBooks.V3_ENDPOINT_BASE_URL = `http://127.0.0.1:${run.port}/v3/company/`;
  qbo = new QuickBooks('client-id', 'client-secret', TOKEN, false, REALM, true, false, 75, '2.0', 'refresh');
});
afterAll(() => run.close());

describe('node-quickbooks against the stand-in', () => {
  it('creates, reads and sparse-updates a Customer', async () => {
    const created = await call('createCustomer', { DisplayName: 'Nora Quinn', PrimaryEmailAddr: { Address: 'nora@example.com' } });
    expect(created).toMatchObject({ DisplayName: 'Nora Quinn', SyncToken: '0' });
    const read = await call('getCustomer', created.Id);
    expect(read.PrimaryEmailAddr.Address).toBe('nora@example.com');
    const updated = await call('updateCustomer', { Id: read.Id, SyncToken: read.SyncToken, CompanyName: 'Quinn LLC' });
    expect(updated).toMatchObject({ SyncToken: '1', CompanyName: 'Quinn LLC', DisplayName: 'Nora Quinn' });
  });

  it('creates, reads and sparse-updates an Invoice', async () => {
    const created = await call('createInvoice', {
      CustomerRef: { value: '1' },
      Line: [{ Amount: 25, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 12.5 } }],
    });
    expect(created).toMatchObject({ TotalAmt: 25, Balance: 25, SyncToken: '0' });
    const read = await call('getInvoice', created.Id);
    expect(read.Line[1].DetailType).toBe('SubTotalLineDetail');
    const updated = await call('updateInvoice', { Id: read.Id, SyncToken: read.SyncToken, PrivateNote: 'order #1001' });
    expect(updated).toMatchObject({ PrivateNote: 'order #1001', SyncToken: '1', TotalAmt: 25 });
  });

  it('findInvoices with fetchAll pages through more than 1000 rows', async () => {
    const data = await call('findInvoices', { fetchAll: true });
    const invoices = data.QueryResponse.Invoice as Array<{ Id: string }>;
    expect(invoices.length).toBe(run.standIn.realm(REALM).count('Invoice'));
    expect(invoices.length).toBeGreaterThan(1500);
    expect(new Set(invoices.map((i) => i.Id)).size).toBe(invoices.length);
    const filtered = await call('findInvoices', [{ field: 'CustomerRef', value: '2' }, { field: 'fetchAll', value: true }]);
    expect(filtered.QueryResponse.Invoice).toHaveLength(750);
  });

  it('receives the stale-object (5010) fault on a stale update', async () => {
    const inv = await call('getInvoice', '100');
    await call('updateInvoice', { Id: inv.Id, SyncToken: inv.SyncToken, PrivateNote: 'first' });
    const err = await call('updateInvoice', { Id: inv.Id, SyncToken: inv.SyncToken, PrivateNote: 'second' }).then(
      () => null,
      (e: unknown) => e,
    );
    // node-quickbooks hands back the axios error whose response body is the Fault.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (err as any)?.Fault ? err : (err as any)?.response?.data;
    expect(body.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect(body.Fault.type).toBe('ValidationFault');
  });
});
