import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { StoreApiError } from '../../../main/stores/connector';
import { ShopifyConnector } from '../../../main/stores/shopify/connector';
import { listen } from '../../../sandbox/common/listen';
import { collect } from '../helpers/mirror';
import { plainOrder } from '../helpers/orders';
import { serve } from '../helpers/servers';
import { TOKEN, shopifyRig } from '../helpers/shopify';

function connectorAt(endpoint: string, accessToken = TOKEN): ShopifyConnector {
  return new ShopifyConnector({ storeName: 'Harbor Goods', shopDomain: 'harbor-goods.myshopify.com', accessToken, endpoint, retryDelaysMs: [10, 10] });
}

async function failure(promise: Promise<unknown>): Promise<StoreApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreApiError);
  const e = error as StoreApiError;
  expect(e.storeName).toBe('Harbor Goods');
  expect(e.message).toContain('Shopify store "Harbor Goods" (harbor-goods.myshopify.com)');
  expect(e.message).not.toContain(TOKEN);
  expect(e.message).not.toContain('shpat_wrong');
  return e;
}

describe('Shopify API errors', () => {
  it('a wrong access token (401) says to create a new token', async () => {
    const rig = await shopifyRig([plainOrder(1)]);
    const e = await failure(connectorAt(rig.endpoint, 'shpat_wrong').verify());
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/refused the access token \(HTTP 401\).*create a new Admin API access token/);
  });

  it('no shop at that address (404) says to check the shop domain', async () => {
    const rig = await shopifyRig([plainOrder(1)]);
    const e = await failure(connectorAt(`${rig.url}/admin/api/2025-08/graphql.json`).verify());
    expect(e.kind).toBe('not_found');
    expect(e.message).toMatch(/not found \(HTTP 404\)\. Check the shop domain/);
  });

  it('a server error that persists (503) says to try again later; a passing one is retried', async () => {
    const { url } = await serve((req, res) => {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'text/html' }).end('<h1>Service Unavailable</h1>');
    });
    const e = await failure(connectorAt(`${url}/admin/api/2025-07/graphql.json`).verify());
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/HTTP 503, after 3 tries\).*try the sync again in a few minutes/);

    const rig = await shopifyRig([plainOrder(1)]);
    let calls = 0;
    const flaky = await serve((req, res) => {
      if (++calls === 1) {
        req.resume();
        res.writeHead(502).end('Bad Gateway');
      } else {
        rig.standIn.handler(req, res);
      }
    });
    const orders = await collect(connectorAt(`${flaky.url}/admin/api/2025-07/graphql.json`).pull({ cursor: null }));
    expect(orders).toHaveLength(1);
    expect(calls).toBeGreaterThan(1);
  });

  it('a body that is not JSON says the response cannot be read', async () => {
    const { url } = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('<html>Log in to continue</html>');
    });
    const e = await failure(connectorAt(`${url}/admin/api/2025-07/graphql.json`).verify());
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/cannot read \(not valid JSON\)/);
  });

  it('a shop that cannot be reached says to check the connection', async () => {
    const closed = await listen(createServer());
    await closed.close();
    const e = await failure(connectorAt(`${closed.origin}/admin/api/2025-07/graphql.json`).verify());
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/Could not reach .*Check the internet connection and the shop domain/);
  });
});
