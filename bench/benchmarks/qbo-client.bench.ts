/**
 * What our QBO client costs on top of the wire: small reads per second (10 in flight, keep-alive,
 * limiter with no rules so only its bookkeeping counts) and 1000-row query pages per second, each
 * against a floor measured in the same run — bare undici `request` on the same Agent settings,
 * plus JSON.parse for the pages. The server is a fixed-answer node:http server, so neither figure
 * is limited by a stand-in.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { QboClient } from '../../main/qbo/client';
import { RealmLimiter } from '../../main/qbo/limiter';
import { QboTransport } from '../../main/qbo/transport';
import { round, timeItAsync } from '../measure';

const REALM = '9341453000000001';
const SMALL = JSON.stringify({ CompanyInfo: { Id: '1', CompanyName: 'Bench Co', Country: 'US' }, time: '2026-11-25T01:00:00.000-08:00' });
const PAGE = JSON.stringify({
  QueryResponse: {
    Invoice: Array.from({ length: 1000 }, (_, i) => ({
      Id: String(i + 1),
      SyncToken: '0',
      DocNumber: String(1000 + i),
      TxnDate: '2026-11-01',
      CustomerRef: { value: '1', name: 'Amy Lee' },
      Line: [{ Id: '1', LineNum: 1, Amount: 25.5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1', name: 'Mug' }, Qty: 1, UnitPrice: 25.5 } }],
      TotalAmt: 25.5,
      Balance: 0,
      PrivateNote: 'ledgerbridge:shopify:1234567890',
      MetaData: { CreateTime: '2026-11-01T10:00:00-07:00', LastUpdatedTime: '2026-11-01T10:00:00-07:00' },
    })),
    startPosition: 1,
    maxResults: 1000,
  },
  time: '2026-11-25T01:00:00.000-08:00',
});

async function pool(total: number, inFlight: number, one: () => Promise<unknown>): Promise<number> {
  let issued = 0;
  const seconds = await timeItAsync(async () => {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (issued < total) {
          issued++;
          await one();
        }
      }),
    );
  });
  return total / seconds;
}

export default async function run(): Promise<Record<string, number>> {
  const server = createServer((req, res) => {
    const body = (req.url ?? '').includes('/query?') ? PAGE : SMALL;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), intuit_tid: '1-bench' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const floorAgent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  const clientAgent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  const limiter = new RealmLimiter({ now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, []);
  const transport = new QboTransport({ tokens: { accessToken: async () => 'bench-token', renewAfterRejection: async () => 'bench-token' }, limiter, dispatcher: clientAgent });
  const client = new QboClient(transport, origin, REALM);

  const floorRead = () =>
    request(`${origin}/v3/company/${REALM}/companyinfo/${REALM}?minorversion=75`, { dispatcher: floorAgent, headers: { authorization: 'Bearer x', accept: 'application/json' } }).then((r) => r.body.json());
  const floorPage = () =>
    request(`${origin}/v3/company/${REALM}/query?query=x&minorversion=75`, { dispatcher: floorAgent, headers: { authorization: 'Bearer x', accept: 'application/json' } }).then((r) => r.body.json());

  // warm-up both paths
  await pool(500, 10, floorRead);
  await pool(500, 10, () => client.companyInfo());
  const floorReadsPerSecond = await pool(5000, 10, floorRead);
  const clientReadsPerSecond = await pool(5000, 10, () => client.companyInfo());
  await pool(5, 2, floorPage);
  await pool(5, 2, () => client.queryPage('select * from Invoice'));
  const floorPagesPerSecond = await pool(40, 2, floorPage);
  const clientPagesPerSecond = await pool(40, 2, () => client.queryPage('select * from Invoice'));

  await floorAgent.close();
  await clientAgent.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return {
    floorReadsPerSecond: round(floorReadsPerSecond, 0),
    clientReadsPerSecond: round(clientReadsPerSecond, 0),
    readRatioToFloor: round(clientReadsPerSecond / floorReadsPerSecond),
    floorPagesPerSecond: round(floorPagesPerSecond, 1),
    clientPagesPerSecond: round(clientPagesPerSecond, 1),
    pageRatioToFloor: round(clientPagesPerSecond / floorPagesPerSecond),
    qboLimitReadsPerSecond: 10,
  };
}
