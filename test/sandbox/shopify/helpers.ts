import { defaultStandInOptions, type StandInOptions } from '../../../sandbox/common/types';
import type { SeedStore } from '../../../sandbox/seed/types';
import { createShopifyStandIn, type ShopifyStandInConfig } from '../../../sandbox/shopify/index';
import { NOW, harborStore } from './fixtures';
import { listen, type Listening } from '../../../sandbox/common/listen';

export const TOKEN = 'shpat_test_token';

export interface GqlResult {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
    extensions?: {
      cost: {
        requestedQueryCost: number;
        actualQueryCost: number | null;
        throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
      };
      search?: unknown[];
    };
  };
  headers: Headers;
}

export interface ShopifyHarness {
  running: Listening;
  clock: { ms: number };
  standIn: ReturnType<typeof createShopifyStandIn>;
  gql(query: string, variables?: Record<string, unknown>, opts?: { token?: string | null; version?: string }): Promise<GqlResult>;
}

export async function startShopify(
  overrides: Partial<Omit<ShopifyStandInConfig, 'options'>> & { store?: SeedStore; options?: Partial<StandInOptions> } = {},
): Promise<ShopifyHarness> {
  const clock = { ms: NOW };
  const standIn = createShopifyStandIn({
    store: overrides.store ?? harborStore(),
    accessToken: TOKEN,
    ...overrides,
    options: defaultStandInOptions({ now: () => clock.ms, ...overrides.options }),
  });
  const running = await listen(standIn.handler);
  return {
    running,
    clock,
    standIn,
    async gql(query, variables = {}, opts = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      const token = opts.token === undefined ? TOKEN : opts.token;
      if (token !== null) headers['X-Shopify-Access-Token'] = token;
      const res = await fetch(`${running.origin}/admin/api/${opts.version ?? '2025-10'}/graphql.json`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GqlResult['body'], headers: res.headers };
    },
  };
}
