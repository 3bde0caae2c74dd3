/**
 * SeedOrder → StoreOrder without HTTP, for benchmarks at 100,000 orders: the Shopify stand-in's own
 * order view (sandbox/shopify/views.ts) with its connections resolved in-process, then the
 * connector's real normaliser. seed-to-store-order.test.ts proves it gives exactly what a pull
 * over HTTP gives.
 */
import { normaliseShopifyOrder, type OrderJson } from '../../main/stores/shopify/normalise';
import type { StoreOrder } from '../../main/orders/store-order';
import { orderView } from '../../sandbox/shopify/views';
import type { SeedOrder } from '../../sandbox/seed/types';

type Resolver = (args: Record<string, unknown>, ctx: { bulk: boolean }) => unknown;
const ALL = { first: 250 };
const CTX = { bulk: true };
const resolve = (value: unknown, args: Record<string, unknown> = ALL): unknown => (typeof value === 'function' ? (value as Resolver)(args, CTX) : value);

function connection(value: unknown, map: (node: Record<string, unknown>) => unknown = (n) => n): unknown {
  const c = resolve(value) as { nodes?: Array<Record<string, unknown>>; edges?: Array<{ node: Record<string, unknown> }> };
  const nodes = c.nodes ?? c.edges?.map((e) => e.node) ?? [];
  return { nodes: nodes.map(map) };
}

export function seedToStoreOrder(seed: SeedOrder): StoreOrder {
  const v = orderView(seed) as unknown as Record<string, unknown>;
  const json = {
    ...v,
    lineItems: connection(v.lineItems, (l) => ({ ...l, taxLines: resolve(l.taxLines) })),
    shippingLines: connection(v.shippingLines),
    taxLines: resolve(v.taxLines, {}),
    transactions: resolve(v.transactions, {}),
    discountApplications: connection(v.discountApplications),
    refunds: (resolve(v.refunds, {}) as Array<Record<string, unknown>>).map((r) => ({
      ...r,
      refundLineItems: connection(r.refundLineItems),
      refundShippingLines: connection(r.refundShippingLines),
      transactions: connection(r.transactions),
    })),
  };
  return normaliseShopifyOrder(json as unknown as OrderJson);
}
