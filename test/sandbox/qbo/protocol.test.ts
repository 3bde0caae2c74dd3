import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../../sandbox/common/listen';
import { api, fixtureBooks, query, REALM, type Running, startQbo, withInvoices } from './harness';

let run: Running;
afterEach(() => run?.close());

const invoice = (doc?: string) => ({
  CustomerRef: { value: '1' },
  ...(doc ? { DocNumber: doc } : {}),
  Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }],
});

describe('requestid idempotency', () => {
  it('replays the first response for the same realm + requestid without writing again', async () => {
    run = await startQbo();
    const first = await api(`${run.base}/invoice?requestid=abc-1`, { body: invoice() });
    run.clock.advance(3_600_000);
    const again = await api(`${run.base}/invoice?requestid=abc-1`, { body: invoice() });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(run.standIn.realm(REALM).count('Invoice')).toBe(1);
    const other = await api(`${run.base}/invoice?requestid=abc-2`, { body: invoice() });
    expect(other.json.Invoice.Id).toBe('2');
    // Faults replay too.
    const bad1 = await api(`${run.base}/invoice?requestid=abc-3`, { body: { CustomerRef: { value: '1' } } });
    const bad2 = await api(`${run.base}/invoice?requestid=abc-3`, { body: invoice() });
    expect(bad2.text).toBe(bad1.text);
    const long = await api(`${run.base}/invoice?requestid=${'x'.repeat(51)}`, { body: invoice() });
    expect(long.json.Fault.Error[0].code).toBe('6000');
  });

  it('concurrent requests with one requestid write once', async () => {
    run = await startQbo();
    const replies = await Promise.all(Array.from({ length: 5 }, () => api(`${run.base}/invoice?requestid=same`, { body: invoice() })));
    expect(new Set(replies.map((r) => r.json.Invoice.Id))).toEqual(new Set(['1']));
    expect(run.standIn.realm(REALM).count('Invoice')).toBe(1);
  });

  it('forgets a requestid after the retention window (an option)', async () => {
    run = await startQbo({ qbo: { requestIdRetentionMs: 60_000 } });
    await api(`${run.base}/invoice?requestid=r1`, { body: invoice() });
    run.clock.advance(61_000);
    const later = await api(`${run.base}/invoice?requestid=r1`, { body: invoice() });
    expect(later.json.Invoice.Id).toBe('2');
  });
});

describe('batch', () => {
  it('runs create/update/delete/query items with per-item faults, HTTP 200', async () => {
    run = await startQbo();
    const inv = (await api(`${run.base}/invoice`, { body: invoice('B-1') })).json.Invoice;
    const r = await api(`${run.base}/batch?minorversion=75`, {
      body: {
        BatchItemRequest: [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Dan Park' } },
          { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Amy Lee' } },
          { bId: 'b3', operation: 'update', Invoice: { Id: inv.Id, SyncToken: '7', sparse: true, PrivateNote: 'x' } },
          { bId: 'b4', operation: 'update', Invoice: { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' } },
          { bId: 'b5', Query: "select * from Invoice where DocNumber = 'B-1'" },
          { bId: 'b6', operation: 'delete', Invoice: { Id: '999', SyncToken: '0' } },
          { bId: 'b7', operation: 'update', optionsData: 'void', Invoice: { Id: inv.Id, SyncToken: '1' } },
        ],
      },
    });
    expect(r.status).toBe(200);
    const items = r.json.BatchItemResponse;
    expect(items.map((i: { bId: string }) => i.bId)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
    expect(items[0].Customer.DisplayName).toBe('Dan Park');
    expect(items[1].Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] });
    expect(items[2].Fault.Error[0].code).toBe('5010');
    expect(items[3].Invoice).toMatchObject({ SyncToken: '1', PrivateNote: 'x' });
    expect(items[4].QueryResponse).toMatchObject({ startPosition: 1, maxResults: 1 });
    expect(items[4].QueryResponse.Invoice[0].Id).toBe(inv.Id);
    expect(items[5].Fault.Error[0].code).toBe('610');
    expect(items[6].Invoice).toMatchObject({ TotalAmt: 0, SyncToken: '2' });
    expect(typeof r.json.time).toBe('string');
  });

  it('a later item cannot see an object created by an earlier item of the same batch', async () => {
    run = await startQbo();
    const r = await api(`${run.base}/batch`, {
      body: {
        BatchItemRequest: [
          { bId: 'c', operation: 'create', Customer: { DisplayName: 'Fay Wu' } },
          { bId: 'i', operation: 'create', Invoice: { ...invoice(), CustomerRef: { value: '3' } } },
          { bId: 'u', operation: 'update', Customer: { Id: '3', SyncToken: '0', sparse: true, Notes: 'x' } },
        ],
      },
    });
    const [c, i, u] = r.json.BatchItemResponse;
    expect(c.Customer.Id).toBe('3');
    expect(i.Fault.Error[0]).toMatchObject({ code: '2500', element: 'CustomerRef' });
    expect(u.Fault.Error[0].code).toBe('610');
    const later = await api(`${run.base}/invoice`, { body: { ...invoice(), CustomerRef: { value: '3' } } });
    expect(later.json.Invoice.CustomerRef).toEqual({ value: '3', name: 'Fay Wu' });
  });

  it('more than 30 items fails the whole batch; an empty batch too', async () => {
    run = await startQbo();
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: `q${i}`, Query: 'select * from Customer' }));
    const r = await api(`${run.base}/batch`, { body: { BatchItemRequest: items } });
    expect(r.status).toBe(400);
    expect(r.json.Fault.Error[0].code).toBe('1040');
    const ok = await api(`${run.base}/batch`, { body: { BatchItemRequest: items.slice(0, 30) } });
    expect(ok.json.BatchItemResponse).toHaveLength(30);
    const empty = await api(`${run.base}/batch`, { body: { BatchItemRequest: [] } });
    expect(empty.json.Fault.Error[0]).toMatchObject({ Message: 'MalformedRequest', Detail: 'Batch Request is Empty' });
  });
});

describe('change data capture', () => {
  it('returns entities changed since, deletions as status Deleted, per-entity QueryResponse', async () => {
    run = await startQbo();
    const since = new Date(run.clock.ms).toISOString();
    run.clock.advance(1000);
    const inv = (await api(`${run.base}/invoice`, { body: invoice() })).json.Invoice;
    const doomed = (await api(`${run.base}/invoice`, { body: invoice() })).json.Invoice;
    await api(`${run.base}/invoice?operation=delete`, { body: { Id: doomed.Id, SyncToken: '0' } });
    await api(`${run.base}/customer`, { body: { Id: '2', SyncToken: '0', sparse: true, Notes: 'vip' } });
    const r = await api(`${run.base}/cdc?entities=Invoice,Customer,Payment&changedSince=${encodeURIComponent(since)}&minorversion=75`);
    expect(r.status).toBe(200);
    const [invoices, customers, payments] = r.json.CDCResponse[0].QueryResponse;
    expect(invoices.Invoice.map((i: { Id: string }) => i.Id)).toEqual([inv.Id, doomed.Id]);
    expect(invoices.Invoice[1]).toMatchObject({ Id: doomed.Id, status: 'Deleted', domain: 'QBO' });
    expect(invoices.Invoice[1].MetaData.LastUpdatedTime).toBeTypeOf('string');
    expect(invoices).toMatchObject({ startPosition: 1, maxResults: 2, totalCount: 2 });
    expect(customers.Customer.map((c: { Id: string }) => c.Id)).toEqual(['2']);
    expect(payments).toEqual({});
  });

  it('refuses changedSince older than 30 days', async () => {
    run = await startQbo();
    const old = new Date(run.clock.ms - 31 * 86_400_000).toISOString();
    const r = await api(`${run.base}/cdc?entities=Invoice&changedSince=${encodeURIComponent(old)}`);
    expect(r.status).toBe(400);
    expect(r.json.Fault.Error[0].Detail).toContain('which is older than fixed days is not supported');
    const missing = await api(`${run.base}/cdc?entities=Invoice`);
    expect(missing.json.Fault.Error[0]).toMatchObject({ code: '2020', element: 'changedSince' });
  });

  it('caps a response at 1000 objects across entities, oldest changes first', async () => {
    const books = withInvoices(fixtureBooks(), 1200);
    run = await startQbo({ books: [books] });
    run.clock.ms = Date.parse('2026-01-20T00:00:00Z');
    const r = await api(`${run.base}/cdc?entities=Invoice,Customer&changedSince=2026-01-01T00:00:00Z`);
    const [invoices, customers] = r.json.CDCResponse[0].QueryResponse;
    expect(invoices.Invoice).toHaveLength(1000);
    expect(invoices.Invoice[0].Id).toBe('100');
    expect(invoices.Invoice[999].Id).toBe('1099');
    expect(customers).toEqual({});
  });
});

describe('gateway: intuit_tid, auth, rate limits', () => {
  it('every response carries intuit_tid, errors and successes alike', async () => {
    run = await startQbo();
    const ok = await query(run, 'select * from Customer');
    const bad = await query(run, 'select');
    const unauth = await api(`${run.base}/customer/1`, { token: null });
    for (const r of [ok, bad, unauth]) expect(r.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(ok.headers.get('intuit_tid')).not.toBe(bad.headers.get('intuit_tid'));
  });

  it('missing, invalid and expired tokens get the gateway 401 body; another realm gets 403', async () => {
    run = await startQbo();
    for (const token of [null, 'garbage', 'expired']) {
      const r = await api(`${run.base}/customer/1`, { token });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({
        warnings: null,
        intuitObject: null,
        fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200', element: null }], type: 'AUTHENTICATION' },
        report: null,
        queryResponse: null,
        batchItemResponse: [],
        attachableResponse: [],
        syncErrorResponse: null,
        requestId: null,
        status: null,
        cdcresponse: [],
      });
      expect(r.json.time).toBe(run.clock.ms);
    }
    const invalid = await api(`${run.base}/customer/1`, { token: 'garbage' });
    expect(invalid.json.fault.error[0].detail).toBe('Malformed bearer token: too short or too long');
    const other = await api(`${run.base}/customer/1`, { token: 't-123' });
    expect(other.status).toBe(403);
    expect(other.json.fault).toMatchObject({ error: [{ message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', code: '3100' }], type: 'SERVICE' });
  });

  it('enforces 10 requests/second per realm with the XML throttle body', async () => {
    run = await startQbo({ rateLimits: 'real' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await query(run, 'select * from Item')).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const throttled = await query(run, 'select * from Item');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('content-type')).toContain('application/xml');
    expect(throttled.text).toContain('<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>');
    expect(throttled.text).toContain('<Error code="3001">');
    expect(throttled.headers.get('intuit_tid')).toBeTruthy();
    run.clock.advance(1000);
    expect((await query(run, 'select * from Item')).status).toBe(200);
  });

  it('enforces 500 requests/minute per realm', async () => {
    run = await startQbo({ rateLimits: 'real' });
    let ok = 0;
    for (let second = 0; second < 50; second++) {
      for (let i = 0; i < 10; i++) if ((await query(run, 'select count(*) from Item')).status === 200) ok++;
      run.clock.advance(1000);
    }
    expect(ok).toBe(500);
    expect((await query(run, 'select count(*) from Item')).status).toBe(429);
    run.clock.advance(10_001);
    expect((await query(run, 'select count(*) from Item')).status).toBe(200);
  }, 60_000);

  it('enforces 40 batch requests/minute per realm', async () => {
    run = await startQbo({ rateLimits: 'real' });
    const batch = { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] };
    let ok = 0;
    for (let i = 0; i < 40; i++) {
      if ((await api(`${run.base}/batch`, { body: batch })).status === 200) ok++;
      run.clock.advance(200);
    }
    expect(ok).toBe(40);
    expect((await api(`${run.base}/batch`, { body: batch })).status).toBe(429);
    expect((await query(run, 'select count(*) from Item')).status).toBe(200);
    run.clock.advance(60_000);
    expect((await api(`${run.base}/batch`, { body: batch })).status).toBe(200);
  });

  it('throttled() writes the same 429 body for the composer', async () => {
    run = await startQbo();
    const composer = await listen((_req, res) => run.standIn.throttled(res));
    const res = await fetch(`${composer.origin}/`);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('ThrottleExceeded');
    await composer.close();
  });
});

describe('state', () => {
  it('exportState/importState round-trips entities, counters and requestids through JSON', async () => {
    run = await startQbo();
    await api(`${run.base}/invoice?requestid=keep`, { body: invoice('S-1') });
    await api(`${run.base}/invoice?operation=delete`, { body: { Id: '1', SyncToken: '0' } });
    await api(`${run.base}/customer`, { body: { DisplayName: 'Eve Roe' } });
    const state = JSON.parse(JSON.stringify(run.standIn.exportState()));
    const second = await startQbo({ books: [] });
    try {
      second.clock.ms = run.clock.ms;
      second.standIn.importState(state);
      const replay = await api(`${second.base}/invoice?requestid=keep`, { body: invoice('S-1') });
      expect(replay.json.Invoice.Id).toBe('1');
      const next = await api(`${second.base}/invoice`, { body: invoice('S-1') });
      expect(next.json.Invoice.Id).toBe('2');
      const eve = await query(second, "select * from Customer where DisplayName = 'Eve Roe'");
      expect(eve.json.QueryResponse.Customer[0].Id).toBe('3');
      const since = new Date(run.clock.ms - 60_000).toISOString();
      const cdc = await api(`${second.base}/cdc?entities=Invoice&changedSince=${since}`);
      expect(cdc.json.CDCResponse[0].QueryResponse[0].Invoice.some((i: { status?: string }) => i.status === 'Deleted')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('addRealm serves a newly connected company', async () => {
    run = await startQbo();
    run.standIn.addRealm(fixtureBooks('555'));
    const r = await api(`http://127.0.0.1:${run.port}/v3/company/555/customer/1`, { token: 't-555' });
    expect(r.json.Customer.DisplayName).toBe('Amy Lee');
  });
});
