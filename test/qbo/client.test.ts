/** The QBO client against the QBO stand-in: every operation, paging, faults, requestid, batch, CDC. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QboFaultError, QboUsageError } from '../../main/qbo/errors';
import { startSandbox, type RunningSandbox } from '../../sandbox/start';
import { sandboxClient } from './fixtures';

let sandbox: RunningSandbox;
const requests: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo', orders: 1500, rateLimits: 'off', log: (line) => requests.push(line) });
});
afterAll(async () => {
  await sandbox?.stop();
});

function requestsSince(mark: number): string[] {
  return requests.slice(mark).filter((l) => l.startsWith('intuit '));
}

describe('QboClient', () => {
  it('pages a query 1000 rows at a time, always at minorversion 75', async () => {
    const client = sandboxClient(sandbox);
    const mark = requests.length;
    const rows = await client.queryAll('select * from SalesReceipt');
    expect(rows.length).toBe(sandbox.business.books.SalesReceipt.length);
    expect(rows.length).toBeGreaterThan(1000);
    expect(new Set(rows.map((r) => r.Id)).size).toBe(rows.length);
    const lines = requestsSince(mark);
    expect(lines).toHaveLength(2);
    expect(decodeURIComponent(lines[0]!.replace(/\+/g, ' '))).toContain('STARTPOSITION 1 MAXRESULTS 1000');
    expect(decodeURIComponent(lines[1]!.replace(/\+/g, ' '))).toContain('STARTPOSITION 1001 MAXRESULTS 1000');
    expect(lines.every((l) => l.includes('minorversion=75'))).toBe(true);
    await expect(client.queryPage('select * from Item MAXRESULTS 5')).rejects.toBeInstanceOf(QboUsageError);
  });

  it('returns an empty list for a query without rows', async () => {
    const client = sandboxClient(sandbox);
    expect(await client.queryAll("select * from Customer where DisplayName = 'Nobody At All'")).toEqual([]);
  });

  it('reads, creates, sparse-updates, voids and deletes, every write with its requestid', async () => {
    const client = sandboxClient(sandbox);
    const mark = requests.length;
    const created = await client.create('Customer', { DisplayName: 'Ledgerbridge Test Buyer', PrimaryEmailAddr: { Address: 'buyer@example.com' } }, { requestId: 'rq-customer-1' });
    expect(created).toMatchObject({ DisplayName: 'Ledgerbridge Test Buyer', SyncToken: '0' });
    // The same requestid replays the first answer: no second customer.
    const replayed = await client.create('Customer', { DisplayName: 'Ledgerbridge Test Buyer' }, { requestId: 'rq-customer-1' });
    expect(replayed.Id).toBe(created.Id);
    expect(await client.queryAll("select * from Customer where DisplayName = 'Ledgerbridge Test Buyer'")).toHaveLength(1);

    const updated = await client.update('Customer', { Id: String(created.Id), SyncToken: String(created.SyncToken), CompanyName: 'Buyer Co' }, { requestId: 'rq-customer-2' });
    expect(updated).toMatchObject({ CompanyName: 'Buyer Co', DisplayName: 'Ledgerbridge Test Buyer', SyncToken: '1' });
    expect(await client.read('Customer', String(created.Id))).toMatchObject({ CompanyName: 'Buyer Co' });

    const writes = requestsSince(mark).filter((l) => l.includes(' POST '));
    expect(writes.every((l) => /requestid=rq-customer-\d/.test(l))).toBe(true);

    // Unpaid invoices: QBO refuses to void one with payments applied.
    const unpaid = sandbox.business.books.Invoice.filter((i) => Number(i.TotalAmt) > 0 && Number(i.Balance) === Number(i.TotalAmt));
    expect(unpaid.length).toBeGreaterThanOrEqual(2);
    const invoice = unpaid[0]!;
    const current = await client.read('Invoice', String(invoice.Id));
    const voided = await client.void('Invoice', { Id: String(current.Id), SyncToken: String(current.SyncToken) }, { requestId: 'rq-void-inv' });
    expect(voided.Balance).toBe(0);

    const receipt = await client.read('SalesReceipt', String(sandbox.business.books.SalesReceipt[0]!.Id));
    const voidedReceipt = await client.void('SalesReceipt', { Id: String(receipt.Id), SyncToken: String(receipt.SyncToken) }, { requestId: 'rq-void-sr' });
    expect(voidedReceipt.TotalAmt).toBe(0);

    const another = unpaid[1]!;
    const toDelete = await client.read('Invoice', String(another.Id));
    const deleted = await client.delete('Invoice', { Id: String(toDelete.Id), SyncToken: String(toDelete.SyncToken) }, { requestId: 'rq-del-inv' });
    expect(deleted).toMatchObject({ status: 'Deleted', Id: String(another.Id) });
    const gone = await client.read('Invoice', String(another.Id)).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(QboFaultError);
    expect((gone as QboFaultError).code).toBe('610');
  });

  it('turns a validation fault into a typed error with code, element and intuit_tid, without retrying it', async () => {
    const client = sandboxClient(sandbox);
    const mark = requests.length;
    const error = await client.create('Customer', { Notes: 'no name at all' }, { requestId: 'rq-bad-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboFaultError);
    const fault = error as QboFaultError;
    expect(fault.status).toBe(400);
    expect(fault.faultType).toBe('ValidationFault');
    expect(fault.code).toBe('2020');
    expect(fault.element).toBe('DisplayName');
    expect(fault.isValidation).toBe(true);
    expect(fault.intuitTid).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(fault.message).toContain('2020');
    expect(requestsSince(mark)).toHaveLength(1);
  });

  it('refuses to send a write whose requestid QBO would reject', async () => {
    const client = sandboxClient(sandbox);
    await expect(client.create('Customer', { DisplayName: 'x' }, { requestId: 'r'.repeat(51) })).rejects.toBeInstanceOf(QboUsageError);
    await expect(client.create('Customer', { DisplayName: 'x' }, { requestId: '' })).rejects.toBeInstanceOf(QboUsageError);
    await expect(client.batch([{ bId: '1', query: 'select * from Item' }], { requestId: 'b'.repeat(37) })).rejects.toBeInstanceOf(QboUsageError);
    await expect(client.batch([{ bId: 'elevenchars', query: 'select * from Item' }], { requestId: 'b1' })).rejects.toBeInstanceOf(QboUsageError);
  });

  it('runs a batch and reports each item on its own', async () => {
    const client = sandboxClient(sandbox);
    const results = await client.batch(
      [
        { bId: 'c1', operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch Buyer One' } },
        { bId: 'c2', operation: 'create', entity: 'Customer', body: { Notes: 'missing display name' } },
        { bId: 'q1', query: 'select * from Item' },
      ],
      { requestId: 'rq-batch-1' },
    );
    expect(results.map((r) => r.bId)).toEqual(['c1', 'c2', 'q1']);
    expect(results[0]).toMatchObject({ ok: true, entity: 'Customer', value: { DisplayName: 'Batch Buyer One' } });
    expect(results[1]!.ok).toBe(false);
    if (!results[1]!.ok) expect(results[1]!.error.code).toBe('2020');
    expect(results[2]).toMatchObject({ ok: true, entity: 'QueryResponse' });
  });

  it('reads changes through CDC', async () => {
    const client = sandboxClient(sandbox);
    const since = new Date(Date.now() - 60_000).toISOString();
    const made = await client.create('Customer', { DisplayName: 'CDC Buyer' }, { requestId: 'rq-cdc-1' });
    const result = await client.cdc(['Customer', 'Invoice'], since);
    expect(result.changes.Customer?.map((c) => c.Id)).toContain(made.Id);
    expect(typeof result.time).toBe('string');
  });
});
