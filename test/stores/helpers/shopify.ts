import { defaultStandInOptions, type StandInOptions } from '../../../sandbox/common/types';
import type { SeedOrder } from '../../../sandbox/seed/types';
import { createShopifyStandIn } from '../../../sandbox/shopify/index';
import type { ThrottleConfig } from '../../../sandbox/shopify/throttle';
import { ShopifyConnector, type ShopifyConnectorConfig } from '../../../main/stores/shopify/connector';
import { NOW, seedStore } from './orders';
import { clockAt, serve } from './servers';

export const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

export interface ShopifyRig {
  url: string;
  endpoint: string;
  now: () => number;
  standIn: ReturnType<typeof createShopifyStandIn>;
  orders: SeedOrder[];
  throttledResponses(): number;
  connector(overrides?: Partial<ShopifyConnectorConfig>): ShopifyConnector;
}

/** The Shopify stand-in on 127.0.0.1 over `orders`, on a clock set to the fixtures' NOW. */
export async function shopifyRig(
  orders: SeedOrder[],
  options: { readAllOrders?: boolean; throttle?: Partial<ThrottleConfig>; rateLimits?: StandInOptions['rateLimits']; at?: number; paginationDepthLimit?: number } = {},
): Promise<ShopifyRig> {
  const now = clockAt(options.at ?? NOW);
  const store = seedStore(orders);
  const standIn = createShopifyStandIn({
    store,
    accessToken: TOKEN,
    readAllOrders: options.readAllOrders ?? true,
    throttle: options.throttle,
    paginationDepthLimit: options.paginationDepthLimit,
    options: defaultStandInOptions({ now, rateLimits: options.rateLimits ?? 'off' }),
  });
  let throttled = 0;
  // Counts Shopify's THROTTLED answers (HTTP 200) on their way out, to prove the client met them.
  const { url } = await serve((req, res) => {
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('"THROTTLED"')) throttled++;
      return end(...args);
    }) as typeof res.end;
    standIn.handler(req, res);
  });
  const endpoint = `${url}/admin/api/2025-07/graphql.json`;
  return {
    url,
    endpoint,
    now,
    standIn,
    orders: store.orders,
    throttledResponses: () => throttled,
    connector: (overrides = {}) =>
      new ShopifyConnector({ storeName: 'Harbor Goods', shopDomain: store.domain, accessToken: TOKEN, endpoint, now, bulkPollMs: 5, retryDelaysMs: [20], ...overrides }),
  };
}
