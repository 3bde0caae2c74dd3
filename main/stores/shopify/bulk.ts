/**
 * A history import through a bulk operation (store-apis.md A3): start the job (waiting out one
 * already running for this app), poll it, download the JSONL and put each order back together —
 * children (line items, shipping lines) come on their own lines with `__parentId`, after their
 * parent but not necessarily right after it. Refund details cannot be in a bulk query (Shopify
 * refuses a connection inside a list), so they are read afterwards for the orders that have refunds.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { StoreApiError } from '../connector';
import { abortableSleep } from '../../platform/sleep';
import { QueryTooCostlyError, type ShopifyGraphqlClient } from './graphql-client';
import { BULK_RUN_MUTATION, BULK_STATUS_QUERY, CURRENT_BULK_QUERY, REFUND_DETAILS_QUERY, bulkOrdersQuery } from './order-query';
import type { LineItemJson, OrderJson, RefundJson, ShippingLineJson } from './normalise';

export interface BulkOptions {
  storeName: string;
  pollMs: number;
  /** Longest wait for a job (ours or one already running) before giving up. */
  timeoutMs: number;
  signal?: AbortSignal;
}

interface BulkOperation { id: string; status: string; errorCode?: string | null; url?: string | null; objectCount?: string }
interface RunPayload { bulkOperationRunQuery: { bulkOperation: BulkOperation | null; userErrors: Array<{ code: string | null; message: string }> } | null }

const ACTIVE = new Set(['CREATED', 'RUNNING', 'CANCELING']);
const REFUND_BATCH = 25;

async function startJob(client: ShopifyGraphqlClient, query: string, o: BulkOptions): Promise<string> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const { data } = await client.query<RunPayload>(BULK_RUN_MUTATION, { query }, { signal: o.signal });
    const payload = data.bulkOperationRunQuery;
    const errors = payload?.userErrors ?? [];
    if (payload?.bulkOperation && errors.length === 0) return payload.bulkOperation.id;
    const busy = errors.find((e) => e.code === 'OPERATION_IN_PROGRESS' || /already in progress/i.test(e.message));
    if (!busy) {
      throw new StoreApiError(o.storeName, 'bad_request', `Shopify store "${o.storeName}" would not start the order export: ${errors.map((e) => e.message).join('; ') || 'no reason given'}. Check for a Ledgerbridge update; if it remains, contact support with this message.`);
    }
    // Another app (or an earlier Ledgerbridge run) holds the shop's one bulk slot: wait for it.
    for (;;) {
      if (Date.now() > deadline) {
        throw new StoreApiError(o.storeName, 'unavailable', `Shopify store "${o.storeName}" is busy with another bulk export (${busy.message}). Try the sync again when it has finished.`);
      }
      await abortableSleep(o.pollMs, o.signal);
      const current = await client.query<{ currentBulkOperation: BulkOperation | null }>(CURRENT_BULK_QUERY, {}, { signal: o.signal });
      if (!current.data.currentBulkOperation || !ACTIVE.has(current.data.currentBulkOperation.status)) break;
    }
  }
}

async function waitForJob(client: ShopifyGraphqlClient, id: string, o: BulkOptions): Promise<BulkOperation> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const { data } = await client.query<{ node: BulkOperation | null }>(BULK_STATUS_QUERY, { id }, { signal: o.signal });
    const op = data.node;
    if (!op) throw new StoreApiError(o.storeName, 'bad_response', `Shopify store "${o.storeName}" lost track of the order export ${id}. Run the sync again.`);
    if (op.status === 'COMPLETED') return op;
    if (!ACTIVE.has(op.status)) {
      const kind = op.errorCode === 'ACCESS_DENIED' ? 'auth' : 'unavailable';
      const advice = kind === 'auth' ? 'Give the access token the read_orders scope and reconnect the store.' : 'Run the sync again; if it keeps failing, try later.';
      throw new StoreApiError(o.storeName, kind, `Shopify store "${o.storeName}" could not finish the order export (status ${op.status}${op.errorCode ? `, ${op.errorCode}` : ''}). ${advice}`);
    }
    if (Date.now() > deadline) throw new StoreApiError(o.storeName, 'unavailable', `Shopify store "${o.storeName}" has not finished the order export after ${Math.round(o.timeoutMs / 1000)} s. Run the sync again later; it will pick up the finished export's orders.`);
    await abortableSleep(o.pollMs, o.signal);
  }
}

function childKind(line: { __typename?: string; id?: string }): 'line' | 'shipping' | null {
  const type = line.__typename ?? /^gid:\/\/shopify\/(\w+)\//.exec(line.id ?? '')?.[1];
  if (type === 'LineItem') return 'line';
  if (type === 'ShippingLine') return 'shipping';
  return null;
}

/** JSONL → whole orders, children put back under their parent. */
export async function reassemble(body: ReadableStream<Uint8Array> | null, storeName: string): Promise<OrderJson[]> {
  const orders = new Map<string, OrderJson>();
  const orphans: Array<Record<string, unknown>> = [];
  if (!body) return [];
  const rl = createInterface({ input: Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]), crlfDelay: Infinity });
  let lineNo = 0;
  const attach = (child: Record<string, unknown>): boolean => {
    const parent = orders.get(String(child['__parentId']));
    if (!parent) return false;
    const kind = childKind(child as { __typename?: string; id?: string });
    if (kind === 'line') parent.lineItems.nodes!.push(child as unknown as LineItemJson);
    else if (kind === 'shipping') parent.shippingLines.nodes!.push(child as unknown as ShippingLineJson);
    return true;
  };
  for await (const text of rl) {
    lineNo++;
    if (text.trim() === '') continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new StoreApiError(storeName, 'bad_response', `The order export of Shopify store "${storeName}" is damaged (line ${lineNo} is not JSON). Run the sync again to make a new export.`);
    }
    if (row['__parentId'] === undefined) {
      const order = row as unknown as OrderJson;
      order.lineItems = { nodes: [] };
      order.shippingLines = { nodes: [] };
      orders.set(order.id, order);
    } else if (!attach(row)) {
      orphans.push(row);
    }
  }
  for (const row of orphans) {
    if (!attach(row)) throw new StoreApiError(storeName, 'bad_response', `The order export of Shopify store "${storeName}" names a parent it does not contain (${String(row['__parentId'])}). Run the sync again to make a new export.`);
  }
  return [...orders.values()];
}

/** Replaces the refund summaries of `orders` with full refunds (lines, shipping, tax). */
export async function readRefundDetails(client: ShopifyGraphqlClient, orders: OrderJson[], o: BulkOptions): Promise<void> {
  const refunded = orders.filter((x) => x.refunds.length > 0);
  let expectedCost: number | undefined;
  let batchSize = REFUND_BATCH;
  for (let i = 0; i < refunded.length; ) {
    const batch = refunded.slice(i, i + batchSize);
    let result;
    try {
      result = await client.query<{ nodes: Array<{ id: string; refunds: RefundJson[] } | null> }>(REFUND_DETAILS_QUERY, { ids: batch.map((x) => x.id) }, { signal: o.signal, expectedCost });
    } catch (error) {
      // Shopify prices `nodes` per id: ask for fewer orders at once until one query fits.
      if (!(error instanceof QueryTooCostlyError) || batchSize === 1 || !Number.isFinite(error.cost)) throw error;
      batchSize = Math.max(1, Math.min(batchSize - 1, Math.floor(error.maxCost / (error.cost / batchSize))));
      expectedCost = undefined;
      continue;
    }
    expectedCost = result.requestedCost ?? undefined;
    const byId = new Map(result.data.nodes.filter((n): n is { id: string; refunds: RefundJson[] } => n !== null).map((n) => [n.id, n.refunds]));
    for (const order of batch) {
      const refunds = byId.get(order.id);
      if (!refunds) continue;
      if (refunds.some((r) => r.refundLineItems?.pageInfo?.hasNextPage || r.refundShippingLines?.pageInfo?.hasNextPage)) {
        throw new StoreApiError(o.storeName, 'bad_response', `Order ${order.name} of Shopify store "${o.storeName}" has a refund with more lines than Ledgerbridge reads at once (40). Contact support with this message.`);
      }
      order.refunds = refunds;
    }
    i += batch.length;
  }
}

/** Runs the whole bulk export for `search` and returns the orders, refund details included. */
export async function bulkExportOrders(client: ShopifyGraphqlClient, search: string | null, o: BulkOptions): Promise<OrderJson[]> {
  const id = await startJob(client, bulkOrdersQuery(search), o);
  const op = await waitForJob(client, id, o);
  if (!op.url) return [];
  const response = await client.download(op.url, o.signal);
  const orders = await reassemble(response.body, o.storeName);
  await readRefundDetails(client, orders, o);
  return orders;
}
