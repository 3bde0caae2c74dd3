/**
 * Pulling a 50,000-order Shopify store (the seeded business) into a fresh company mirror through
 * the stand-in with Shopify's real cost limits (bucket 1000 points, restored at 100/s).
 *
 * 1. History import: more orders than paging could fetch in reasonable time, so the connector
 *    runs a bulk operation; figures: orders/s end to end (export, download, refund details, mirror),
 *    and how much of it was spent waiting for the export itself (the stand-in's work, as it
 *    would be Shopify's). Then the same import the app's way, in a store worker thread, with the
 *    longest waits of the app's event loop meanwhile.
 * 2. Paged pull (what every incremental sync does), bulk switched off, for a fixed window: pages/s
 *    achieved in steady state (after the initial full bucket is spent) against the pages/s the
 *    cost budget allows, restore rate ÷ actual cost per page (Shopify's own report). The target is
 *    a ratio near 1: the pull is limited by the budget, not by waiting too long or being refused.
 *
 * The stand-in runs in its own process, as the real service would be elsewhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCompanyDb } from '../../main/mirror/open';
import { ShopifyConnector } from '../../main/stores/shopify/connector';
import { pullStore } from '../../main/stores/pull-store';
import { pullStoreInWorker } from '../../main/stores/worker/host';
import { storeSettingSchema } from '../../main/settings/schema';
import { round, timeItAsync } from '../measure';

const ORDERS = 50_000;
const TOKEN = 'shpat_bench';
const PAGED_WINDOW_MS = 25_000;

async function serveStandIn(): Promise<void> {
  const { generateBusiness } = await import('../../sandbox/seed/index');
  const { createShopifyStandIn } = await import('../../sandbox/shopify/index');
  const { defaultStandInOptions } = await import('../../sandbox/common/types');
  const business = generateBusiness({ orders: ORDERS, seed: 1 });
  const standIn = createShopifyStandIn({ store: business.store, accessToken: TOKEN, readAllOrders: true, options: defaultStandInOptions() });
  const server = createServer(standIn.handler);
  server.listen(0, '127.0.0.1', () => process.send!({ ready: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, domain: business.store.domain } }));
  process.on('message', (message) => {
    if (message === 'stop') server.close(() => process.exit(0));
  });
}

function waitFor<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    child.on('message', (reply: Record<string, unknown>) => {
      if (key in reply) resolve(reply[key] as T);
    });
  });
}

export default async function run(): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, LEDGERBRIDGE_BENCH_SHOPIFY_SERVER: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-shopify-'));
  try {
    const ready = await waitFor<{ url: string; domain: string }>(child, 'ready');
    const endpoint = `${ready.url}/admin/api/2025-07/graphql.json`;

    // 1. History import (bulk operation), in this thread: end-to-end rate and the connector's own figures.
    const historyDb = openCompanyDb(dir, '1001');
    const bulk = new ShopifyConnector({ storeName: 'Bench', shopDomain: ready.domain, accessToken: TOKEN, endpoint, bulkPollMs: 200 });
    let imported = 0;
    const historySeconds = await timeItAsync(async () => {
      imported = (await pullStore(historyDb, 'shop', bulk)).added;
    });
    historyDb.close();
    if (imported !== ORDERS) throw new Error(`history import stored ${imported} orders, expected ${ORDERS}`);

    // The same import the app's way, into another company file: the pull in a store worker thread,
    // while this thread's event loop (the app's, which every call and window waits on) is watched.
    const store = storeSettingSchema.parse({ id: 'shop', realmId: '1003', kind: 'shopify', name: 'Bench', address: ready.domain, apiUrl: ready.url });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const inWorker = await pullStoreInWorker({ accessToken: TOKEN }, { store, dataDir: dir, tuning: { bulkPollMs: 200 } });
    delay.disable();
    if (inWorker.status !== 'synced' || inWorker.added !== ORDERS) throw new Error(`history import in the worker: ${inWorker.status}, ${inWorker.added} orders (${inWorker.error})`);

    // 2. Paged pull under the cost budget, for a fixed window.
    const pagedDb = openCompanyDb(dir, '1002');
    const paged = new ShopifyConnector({ storeName: 'Bench', shopDomain: ready.domain, accessToken: TOKEN, endpoint, bulkThreshold: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('window over')), PAGED_WINDOW_MS);
    const pageTimes: number[] = [];
    const waitedBefore: number[] = [];
    let lastDone = 0;
    const orderCounts: number[] = [];
    const start = performance.now();
    await pullStore(pagedDb, 'shop', paged, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 0) return;
        pageTimes.push(performance.now());
        waitedBefore.push(paged.client.throttledMs);
        orderCounts.push(p.done - lastDone);
        lastDone = p.done;
      },
    }).catch((error: unknown) => {
      if (!controller.signal.aborted) throw error;
    });
    clearTimeout(timer);
    pagedDb.close();
    const elapsed = (performance.now() - start) / 1000;
    // Steady state starts once the client first had to wait for points: the full bucket it began with is spent.
    const first = Math.max(1, waitedBefore.findIndex((w) => w > 0));
    const steadyPages = pageTimes.length - 1 - first;
    const steadySeconds = (pageTimes[pageTimes.length - 1]! - pageTimes[first]!) / 1000;
    const pagesPerSecond = steadySeconds > 0 ? steadyPages / steadySeconds : 0;
    const restoreRate = paged.stats.restoreRate ?? 0;
    const meanPageCost = paged.stats.meanPageCost ?? 0;
    const allowedPagesPerSecond = meanPageCost > 0 ? restoreRate / meanPageCost : 0;
    const pagedOrders = orderCounts.reduce((a, b) => a + b, 0);

    return {
      orders: ORDERS,
      historySeconds: round(historySeconds),
      historyEventLoopP99Ms: round(delay.percentile(99) / 1e6, 1),
      historyEventLoopMaxMs: round(delay.max / 1e6, 1),
      historyOrdersPerSecond: round(ORDERS / historySeconds),
      historyRequests: bulk.client.requests,
      // Most of it is the stand-in running the export (Shopify's side); the rest is ours: download, refund details, mirror.
      historyExportSeconds: round(bulk.stats.bulkExportMs / 1000),
      pagedWindowSeconds: round(elapsed),
      pagedPages: pageTimes.length,
      pagedOrders,
      pagedOrdersPerSecond: round(pagedOrders / elapsed),
      ordersPerPage: round(pagedOrders / Math.max(1, pageTimes.length)),
      pagesPerSecond: round(pagesPerSecond, 3),
      restoreRatePointsPerSecond: restoreRate,
      meanActualCostPerPage: round(meanPageCost),
      allowedPagesPerSecond: round(allowedPagesPerSecond, 3),
      ratioToBudget: round(allowedPagesPerSecond > 0 ? pagesPerSecond / allowedPagesPerSecond : 0, 3),
      throttledResponses: paged.client.throttledResponses,
    };
  } finally {
    child.send('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env['LEDGERBRIDGE_BENCH_SHOPIFY_SERVER'] === '1') void serveStandIn();
