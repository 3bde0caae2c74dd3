/**
 * The QBO stand-in must never be what limits a benchmark of our sync engine: small requests per
 * second over loopback (keep-alive, 10 in flight, limits off) against a bare node:http floor, and
 * the time of a 1000-row `SELECT * FROM Invoice` page with 200,000 invoices loaded (cold pages, so
 * serialization is included), plus how long loading those invoices takes.
 */
import { Agent, createServer, request, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultStandInOptions } from '../../sandbox/common/types';
import { createQboStandIn } from '../../sandbox/qbo';
import { newCompanyBooks } from '../../sandbox/seed/new-company';
import type { SeedBooks } from '../../sandbox/seed/types';
import { round, timeIt } from '../measure';

const REALM = '4620816365000000001';
const INVOICES = 200_000;

function books(): SeedBooks {
  const b = newCompanyBooks(REALM);
  b.Customer = [{ Id: '1', SyncToken: '0', DisplayName: 'Amy Lee', Active: true }];
  b.Item = [{ Id: '1', SyncToken: '0', Name: 'Mug', Type: 'NonInventory', Active: true }];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < INVOICES; i++) {
    const stamp = new Date(start + i * 10_000 - 8 * 3_600_000).toISOString().slice(0, 19) + '-08:00';
    const amount = 10 + (i % 90);
    b.Invoice.push({
      Id: String(i + 10),
      SyncToken: '0',
      DocNumber: String(100_000 + i),
      TxnDate: stamp.slice(0, 10),
      CustomerRef: { value: '1', name: 'Amy Lee' },
      Line: [
        { Id: '1', LineNum: 1, Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Mug' }, Qty: 1, UnitPrice: amount, TaxCodeRef: { value: 'NON' } } },
        { Amount: amount, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
      ],
      TxnTaxDetail: { TotalTax: 0 },
      TotalAmt: amount,
      Balance: amount,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
    });
  }
  return b;
}

async function listen(handler: RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { Authorization: `Bearer t-${REALM}`, Accept: 'application/json' } }, (res) => {
      let size = 0;
      res.on('data', (d: Buffer) => (size += d.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(size) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests/s with `inFlight` concurrent keep-alive clients for `total` requests. */
async function throughput(port: number, path: string, total: number, inFlight = 10): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      issued++;
      await get(agent, port, path);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  return total / seconds;
}

export default async function run(): Promise<Record<string, number>> {
  const seed = books();
  let standIn!: ReturnType<typeof createQboStandIn>;
  const loadSeconds = timeIt(() => {
    standIn = createQboStandIn({
      realms: [seed],
      tokens: { verifyAccessToken: (t) => ({ ok: true, realmId: t.slice(2) }) },
      options: defaultStandInOptions({ rateLimits: 'off' }),
    });
  });
  const qbo = await listen(standIn.handler);
  const floor = await listen((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"Customer":{}}');
  });
  try {
    const small = `/v3/company/${REALM}/customer/1?minorversion=75`;
    await throughput(qbo.port, small, 2000);
    const requestsPerSecond = await throughput(qbo.port, small, 20_000);
    await throughput(floor.port, small, 2000);
    const floorRequestsPerSecond = await throughput(floor.port, small, 20_000);

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pageTimes: number[] = [];
    for (let k = 0; k < 9; k++) {
      const start = 1 + k * 20_000;
      const q = encodeURIComponent(`SELECT * FROM Invoice STARTPOSITION ${start} MAXRESULTS 1000`);
      const t0 = process.hrtime.bigint();
      await get(agent, qbo.port, `/v3/company/${REALM}/query?query=${q}&minorversion=75`);
      pageTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    // A sync-style incremental query: filtered and ordered by LastUpdatedTime. The first page
    // filters and sorts the whole table; later pages reuse the cached result.
    const incremental = (start: number) =>
      encodeURIComponent(
        `SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2026-01-02T00:00:00-08:00' ORDERBY MetaData.LastUpdatedTime STARTPOSITION ${start} MAXRESULTS 1000`,
      );
    let t0 = process.hrtime.bigint();
    await get(agent, qbo.port, `/v3/company/${REALM}/query?query=${incremental(1)}`);
    const filteredFirstPageMs = Number(process.hrtime.bigint() - t0) / 1e6;
    t0 = process.hrtime.bigint();
    await get(agent, qbo.port, `/v3/company/${REALM}/query?query=${incremental(50_001)}`);
    const filteredNextPageMs = Number(process.hrtime.bigint() - t0) / 1e6;
    agent.destroy();
    pageTimes.sort((a, b) => a - b);
    return {
      invoicesLoaded: INVOICES,
      loadSeconds: round(loadSeconds, 3),
      requestsPerSecond: round(requestsPerSecond, 0),
      floorRequestsPerSecond: round(floorRequestsPerSecond, 0),
      ratioToFloor: round(requestsPerSecond / floorRequestsPerSecond, 3),
      page1000MedianMs: round(pageTimes[Math.floor(pageTimes.length / 2)]!, 2),
      page1000MaxMs: round(pageTimes[pageTimes.length - 1]!, 2),
      filteredFirstPageMs: round(filteredFirstPageMs, 2),
      filteredNextPageMs: round(filteredNextPageMs, 2),
    };
  } finally {
    await qbo.close();
    await floor.close();
  }
}
