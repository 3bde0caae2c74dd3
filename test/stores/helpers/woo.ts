import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultStandInOptions } from '../../../sandbox/common/types';
import type { SeedOrder } from '../../../sandbox/seed/types';
import { createWooStandIn } from '../../../sandbox/woocommerce/index';
import { WooConnector, type WooConnectorConfig } from '../../../main/stores/woocommerce/connector';
import { NOW, seedStore } from './orders';
import { clockAt, serve } from './servers';

export const CONSUMER_KEY = 'ck_4c1d1f0b8a6e4f7d9e2a3b5c6d7e8f90a1b2c3d4';
export const CONSUMER_SECRET = 'cs_9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6';

export interface WooRig {
  url: string;
  now: () => number;
  orders: SeedOrder[];
  connector(overrides?: Partial<WooConnectorConfig>): WooConnector;
}

type Rewrite = (path: string, body: unknown) => unknown;

/**
 * The WooCommerce stand-in on 127.0.0.1 (plain HTTP: OAuth 1.0a, or Basic with `assumeHttps`).
 * `rewrite` edits JSON bodies on their way out, for answers the seed cannot produce.
 */
export async function wooRig(orders: SeedOrder[], options: { assumeHttps?: boolean; rewrite?: Rewrite; at?: number } = {}): Promise<WooRig> {
  const now = clockAt(options.at ?? NOW);
  const store = seedStore(orders);
  const standIn = createWooStandIn({ store, consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET, assumeHttps: options.assumeHttps, options: defaultStandInOptions({ now }) });
  const handler = options.rewrite
    ? (req: IncomingMessage, res: ServerResponse) => {
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
        let head: unknown[] = [];
        res.writeHead = ((...args: unknown[]) => {
          head = args;
          return res;
        }) as typeof res.writeHead;
        res.end = ((...args: unknown[]) => {
          let text = typeof args[0] === 'string' ? args[0] : '';
          try {
            text = JSON.stringify(options.rewrite!(new URL(req.url ?? '/', 'http://x').pathname, JSON.parse(text)));
          } catch {
            /* not JSON: pass through */
          }
          const headers = { ...((head[1] as Record<string, string>) ?? {}), 'Content-Length': String(Buffer.byteLength(text)) };
          writeHead(head[0] ?? 200, headers);
          return end(text);
        }) as typeof res.end;
        standIn.handler(req, res);
      }
    : standIn.handler;
  const { url } = await serve(handler);
  return {
    url,
    now,
    orders: store.orders,
    connector: (overrides = {}) =>
      new WooConnector({
        storeName: 'Harbor Goods',
        siteUrl: url,
        consumerKey: CONSUMER_KEY,
        consumerSecret: CONSUMER_SECRET,
        now,
        retryDelaysMs: [10],
        auth: options.assumeHttps ? 'basic' : 'auto',
        ...overrides,
      }),
  };
}
