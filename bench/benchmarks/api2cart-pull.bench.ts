/**
 * Pulling 50,000 orders through the API2Cart stand-in at 50 ms per call, into a real company
 * mirror. The bound is what API2Cart's limit of 5 simultaneous calls per store allows at that
 * latency: 5 × 250 orders / 50 ms = 25,000 orders/s. Cursor paging alone is sequential (one call
 * at a time, bound 5,000 orders/s); the connector cuts the modified range into time windows
 * (`modified_from`/`modified_to`) and pages up to five of them side by side, so both figures are
 * measured. The stand-in runs in its own process (as the real service would be elsewhere), so
 * its JSON rendering does not share the client's event loop. Three runs: into the mirror with five
 * windows (the headline), and fetch-only (pages read and dropped) with five windows and with one,
 * to separate the connector's paging from the mirror's write cost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCompanyDb } from '../../main/mirror/open';
import { Api2CartConnector } from '../../main/stores/api2cart/connector';
import { pullStore } from '../../main/stores/pull-store';
import { round, timeItAsync } from '../measure';

const ORDERS = 50_000;
const LATENCY_MS = 50;
const PAGE = 250;
const PER_STORE = 5;
const API_KEY = 'bench-api-key';

interface ServerReady {
  url: string;
  storeKey: string;
}

/** Child mode: serve the stand-in and answer `observed` / `reset` messages. */
async function serveStandIn(): Promise<void> {
  const { generateBusiness } = await import('../../sandbox/seed/index');
  const { createApi2CartStandIn } = await import('../../sandbox/api2cart/index');
  const { defaultStandInOptions } = await import('../../sandbox/common/types');
  const business = generateBusiness({ orders: ORDERS, seed: 1 });
  const standIn = createApi2CartStandIn({ store: business.store, apiKey: API_KEY, flavours: ['magento'], options: defaultStandInOptions({ latencyMs: LATENCY_MS }) });
  const server = createServer(standIn.handler);
  server.listen(0, '127.0.0.1', () => {
    const ready: ServerReady = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, storeKey: standIn.storeKeys.magento! };
    process.send!({ ready });
  });
  process.on('message', (message) => {
    if (message === 'observed') process.send!({ observed: standIn.observed() });
    if (message === 'reset') {
      standIn.resetObserved();
      process.send!({ reset: true });
    }
    if (message === 'stop') server.close(() => process.exit(0));
  });
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: Record<string, unknown>) => {
      if (key in reply) {
        child.off('message', onMessage);
        resolve(reply[key] as T);
      }
    };
    child.on('message', onMessage);
    if (message !== '') child.send(message);
  });
}

export default async function run(): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, LEDGERBRIDGE_BENCH_A2C_SERVER: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-a2c-'));
  try {
    const ready = await ask<ServerReady>(child, '', 'ready');
    // intoMirror false: the connector's pages are read and dropped, to see the fetching apart
    // from the mirror's own write cost.
    const pull = async (realm: string, workers: number, intoMirror: boolean) => {
      await ask(child, 'reset', 'reset');
      const db = openCompanyDb(dir, realm);
      const connector = new Api2CartConnector({ baseUrl: ready.url, apiKey: API_KEY, storeKey: ready.storeKey, workers });
      await connector.verify();
      let pulled = 0;
      const seconds = await timeItAsync(async () => {
        if (intoMirror) pulled = (await pullStore(db, 'bench', connector)).added;
        else for await (const page of connector.pull({ cursor: null })) pulled += page.orders.length;
      });
      db.close();
      if (pulled !== ORDERS) throw new Error(`pulled ${pulled} orders, expected ${ORDERS}`);
      const observed = await ask<{ peakPerStore: Record<string, number>; errors: Record<string, number>; calls: Record<string, number> }>(child, 'observed', 'observed');
      return { perSecond: ORDERS / seconds, seconds, peak: observed.peakPerStore[ready.storeKey] ?? 0, calls: observed.calls['order.list'] ?? 0, refused: Object.values(observed.errors).reduce((a, b) => a + b, 0) };
    };
    const mirror = await pull('1001', PER_STORE, true);
    const fetchParallel = await pull('1002', PER_STORE, false);
    const fetchSequential = await pull('1003', 1, false);
    const bound = (PER_STORE * PAGE) / (LATENCY_MS / 1000);
    const sequentialBound = PAGE / (LATENCY_MS / 1000);
    return {
      orders: ORDERS,
      latencyMs: LATENCY_MS,
      ordersPerSecond: round(mirror.perSecond, 0),
      boundOrdersPerSecond: bound,
      ratioToBound: round(mirror.perSecond / bound, 3),
      seconds: round(mirror.seconds, 2),
      peakCallsInFlight: mirror.peak,
      orderListCalls: mirror.calls,
      callsRefused: mirror.refused,
      fetchOnlyOrdersPerSecond: round(fetchParallel.perSecond, 0),
      fetchOnlyRatioToBound: round(fetchParallel.perSecond / bound, 3),
      fetchOnlySequentialOrdersPerSecond: round(fetchSequential.perSecond, 0),
      sequentialBoundOrdersPerSecond: sequentialBound,
      fetchOnlySequentialRatioToBound: round(fetchSequential.perSecond / sequentialBound, 3),
      windowsSpeedup: round(fetchParallel.perSecond / fetchSequential.perSecond, 2),
    };
  } finally {
    child.send('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.LEDGERBRIDGE_BENCH_A2C_SERVER === '1') void serveStandIn();
