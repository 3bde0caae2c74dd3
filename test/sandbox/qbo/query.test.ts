import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fixtureBooks, query, type Running, startQbo, withInvoices } from './harness';

let run: Running;

beforeAll(async () => {
  run = await startQbo({ books: [withInvoices(fixtureBooks(), 250)] });
});
afterAll(() => run.close());

describe('QBO query endpoint', () => {
  it('SELECT * returns the QueryResponse envelope with startPosition, maxResults (rows returned) and time', async () => {
    const r = await query(run, 'SELECT * FROM Customer');
    expect(r.status).toBe(200);
    expect(r.json.QueryResponse.startPosition).toBe(1);
    expect(r.json.QueryResponse.maxResults).toBe(2);
    expect(r.json.QueryResponse.Customer.map((c: { Id: string }) => c.Id)).toEqual(['1', '2']);
    expect(r.json.QueryResponse.totalCount).toBeUndefined();
    expect(r.json.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]:00$/);
  });

  it('defaults to 100 rows, pages with STARTPOSITION (1-based) and caps MAXRESULTS at 1000', async () => {
    const first = await query(run, 'select * from Invoice');
    expect(first.json.QueryResponse.Invoice).toHaveLength(100);
    expect(first.json.QueryResponse.Invoice[0].Id).toBe('100');
    const page = await query(run, 'SELECT * FROM Invoice STARTPOSITION 201 MAXRESULTS 40');
    expect(page.json.QueryResponse.startPosition).toBe(201);
    expect(page.json.QueryResponse.maxResults).toBe(40);
    expect(page.json.QueryResponse.Invoice[0].Id).toBe('300');
    const tail = await query(run, 'SELECT * FROM Invoice STARTPOSITION 241 MAXRESULTS 40');
    expect(tail.json.QueryResponse.maxResults).toBe(10);
    const tooMany = await query(run, 'SELECT * FROM Invoice MAXRESULTS 1500');
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.Fault.type).toBe('ValidationFault');
    expect(tooMany.json.Fault.Error[0].code).toBe('4001');
    expect(tooMany.json.Fault.Error[0].Detail).toBe('QueryValidationError: value 1500 is too large. Max allowed value is 1000');
  });

  it('count(*) answers {"totalCount": n}', async () => {
    const r = await query(run, "SELECT count(*) FROM Invoice WHERE CustomerRef = '1'");
    expect(r.json.QueryResponse).toEqual({ totalCount: 125 });
  });

  it('no rows, or a start past the end, is an empty QueryResponse {}', async () => {
    const none = await query(run, "SELECT * FROM Invoice WHERE DocNumber = 'nope'");
    expect(none.json.QueryResponse).toEqual({});
    const past = await query(run, 'SELECT * FROM Invoice STARTPOSITION 9999');
    expect(past.json.QueryResponse).toEqual({});
    expect(typeof past.json.time).toBe('string');
  });

  it('filters with = < > <= >= IN LIKE joined by AND, on refs, emails, dates, times, numbers', async () => {
    const eq = await query(run, "SELECT * FROM Invoice WHERE DocNumber = '5010'");
    expect(eq.json.QueryResponse.Invoice.map((i: { Id: string }) => i.Id)).toEqual(['109']);
    const range = await query(run, "SELECT * FROM Invoice WHERE Id >= '110' AND Id < '113'");
    expect(range.json.QueryResponse.Invoice.map((i: { Id: string }) => i.Id)).toEqual(['110', '111', '112']);
    const inList = await query(run, "SELECT * FROM Invoice WHERE DocNumber IN ('5001', '5003', 'x')");
    expect(inList.json.QueryResponse.Invoice.map((i: { DocNumber: string }) => i.DocNumber)).toEqual(['5001', '5003']);
    const like = await query(run, "SELECT * FROM Customer WHERE DisplayName LIKE '%stone'");
    expect(like.json.QueryResponse.Customer.map((c: { Id: string }) => c.Id)).toEqual(['2']);
    const email = await query(run, "select * from customer where PrimaryEmailAddr = 'amy@example.com'");
    expect(email.json.QueryResponse.Customer[0].Id).toBe('1');
    // Intuit's time format without a colon in the offset; the 3rd invoice was stamped 12:02 UTC.
    const since = await query(run, "SELECT count(*) FROM Invoice WHERE MetaData.LastUpdatedTime > '2026-01-10T04:01:30-0800'");
    expect(since.json.QueryResponse.totalCount).toBe(248);
    const amounts = await query(run, "SELECT count(*) FROM Invoice WHERE TotalAmt > '15' AND CustomerRef = '1'");
    const expected = Array.from({ length: 250 }, (_, i) => i).filter((i) => i % 2 === 0 && 10 + (i % 7) > 15).length;
    expect(amounts.json.QueryResponse.totalCount).toBe(expected);
    const date = await query(run, "SELECT count(*) FROM Invoice WHERE TxnDate <= '2026-01-10'");
    expect(date.json.QueryResponse.totalCount).toBe(250);
    const sku = await query(run, "SELECT * FROM Item WHERE Sku = 'POT-1'");
    expect(sku.json.QueryResponse.Item[0].Name).toBe('Teapot');
    const type = await query(run, "SELECT * FROM Account WHERE AccountType = 'Bank'");
    expect(type.json.QueryResponse.Account.map((a: { Name: string }) => a.Name)).toContain('Checking');
  });

  it('ORDERBY sorts ascending or descending and pages over the sorted result', async () => {
    const desc = await query(run, 'SELECT * FROM Invoice ORDERBY DocNumber DESC MAXRESULTS 3');
    expect(desc.json.QueryResponse.Invoice.map((i: { DocNumber: string }) => i.DocNumber)).toEqual(['5250', '5249', '5248']);
    const next = await query(run, 'SELECT * FROM Invoice ORDERBY DocNumber DESC STARTPOSITION 4 MAXRESULTS 2');
    expect(next.json.QueryResponse.Invoice.map((i: { DocNumber: string }) => i.DocNumber)).toEqual(['5247', '5246']);
    const byTime = await query(run, 'SELECT * FROM Invoice ORDERBY MetaData.LastUpdatedTime DESC MAXRESULTS 1');
    expect(byTime.json.QueryResponse.Invoice[0].Id).toBe('349');
    const spaced = await query(run, "select * from invoice where metadata.lastupdatedtime > '2026-01-10T04:00:00-08:00' order by Metadata.LastUpdatedTime desc maxresults 1");
    expect(spaced.json.QueryResponse.Invoice[0].Id).toBe('349');
    const byName = await query(run, 'SELECT * FROM Customer ORDERBY DisplayName DESC');
    expect(byName.json.QueryResponse.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toEqual(['Bob Stone', 'Amy Lee']);
  });

  it('name lists hide inactive entries unless the query filters on Active', async () => {
    const customer = run.standIn.realm('9341452000000001').get('Customer', '2')!;
    const upd = await api(`${run.base}/customer`, { body: { Id: '2', SyncToken: customer.SyncToken, sparse: true, Active: false } });
    expect(upd.status).toBe(200);
    const active = await query(run, 'SELECT * FROM Customer');
    expect(active.json.QueryResponse.Customer.map((c: { Id: string }) => c.Id)).toEqual(['1']);
    const all = await query(run, 'SELECT * FROM Customer WHERE Active IN (true, false)');
    expect(all.json.QueryResponse.Customer.map((c: { Id: string }) => c.Id)).toEqual(['1', '2']);
    const reactivate = await api(`${run.base}/customer`, { body: { Id: '2', SyncToken: upd.json.Customer.SyncToken, sparse: true, Active: true } });
    expect(reactivate.json.Customer.DisplayName).toBe('Bob Stone');
  });

  it('accepts the statement as a POST body (application/text)', async () => {
    const r = await api(`${run.base}/query?minorversion=75`, { body: "SELECT * FROM Item WHERE Name = 'Mug'", contentType: 'application/text' });
    expect(r.json.QueryResponse.Item[0].Id).toBe('1');
  });

  it('parse errors are 400 QueryParserError faults (code 4000); unknown properties are 4001', async () => {
    const bad = await query(run, 'SELECT * FROM Invoice WHERE DocNumber = 1 OR Id = 2');
    expect(bad.status).toBe(400);
    expect(bad.json.Fault.type).toBe('ValidationFault');
    expect(bad.json.Fault.Error[0]).toMatchObject({ Message: 'Error parsing query', code: '4000' });
    expect(bad.json.Fault.Error[0].Detail).toMatch(/^QueryParserError: /);
    const garbage = await query(run, 'SELEC * FROM Invoice');
    expect(garbage.json.Fault.Error[0].code).toBe('4000');
    const quote = await query(run, "SELECT * FROM Customer WHERE DisplayName = 'Amy's'");
    expect(quote.json.Fault.Error[0].Detail).toMatch(/QueryParserError: Encountered/);
    const empty = await query(run, '');
    expect(empty.json.Fault.Error[0].Detail).toBe('QueryParserError: The query provided was empty');
    const notQueryable = await query(run, "SELECT * FROM Invoice WHERE Line = '1'");
    expect(notQueryable.json.Fault.Error[0]).toMatchObject({ code: '4001', Detail: "QueryValidationError: property 'Line' is not queryable" });
  });

  it('handles escaped quotes in values', async () => {
    const r = await query(run, "SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s'");
    expect(r.status).toBe(200);
    expect(r.json.QueryResponse).toEqual({});
  });
});
