import { describe, expect, it } from 'vitest';
import { StoreApiError } from '../../../main/stores/connector';
import { WooConnector } from '../../../main/stores/woocommerce/connector';
import { plainOrder } from '../helpers/orders';
import { serve } from '../helpers/servers';
import { CONSUMER_KEY, CONSUMER_SECRET, wooRig } from '../helpers/woo';

async function failure(promise: Promise<unknown>): Promise<StoreApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreApiError);
  const e = error as StoreApiError;
  expect(e.storeName).toBe('Harbor Goods');
  expect(e.message).toMatch(/WooCommerce store "Harbor Goods" \(http:\/\/127\.0\.0\.1:\d+(\/\w+)?\)/);
  expect(e.message).not.toContain(CONSUMER_SECRET);
  expect(e.message).not.toContain('cs_wrong');
  return e;
}

const keyAdvice = /refused the API key: .*Check the consumer key and secret \(WooCommerce → Settings → Advanced → REST API/;

describe('WooCommerce API errors', () => {
  it('a wrong secret over HTTPS (Basic) is refused with WooCommerce\'s reason', async () => {
    const rig = await wooRig([plainOrder(1)], { assumeHttps: true });
    const e = await failure(rig.connector({ consumerSecret: 'cs_wrong' }).verify());
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(keyAdvice);
    expect(e.message).toContain('Consumer secret is invalid. (woocommerce_rest_authentication_error)');
  });

  it('a wrong key or secret over plain HTTP (OAuth) is refused', async () => {
    const rig = await wooRig([plainOrder(1)]);
    const badKey = await failure(rig.connector({ consumerKey: 'ck_unknown' }).verify());
    expect(badKey.kind).toBe('auth');
    expect(badKey.message).toContain('Consumer key is invalid.');
    const badSecret = await failure(rig.connector({ consumerSecret: 'cs_wrong' }).verify());
    expect(badSecret.message).toMatch(keyAdvice);
    expect(badSecret.message).toContain('signature does not match');
  });

  it('a site without the WooCommerce API (404) says to check the URL and permalinks', async () => {
    const rig = await wooRig([plainOrder(1)]);
    const e = await failure(rig.connector({ siteUrl: `${rig.url}/shop` }).verify());
    expect(e.kind).toBe('not_found');
    expect(e.message).toMatch(/has no WooCommerce REST API there .*permalinks are not set to "Plain"/);
  });

  it('server errors (500) after retries, and non-JSON answers, are named as such', async () => {
    const broken = await serve((req, res) => {
      req.resume();
      res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>Error establishing a database connection</h1>');
    });
    const connector = (url: string) => new WooConnector({ storeName: 'Harbor Goods', siteUrl: url, consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET, retryDelaysMs: [10] });
    const e = await failure(connector(broken.url).verify());
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/HTTP 500, after 2 tries\).*try the sync again in a few minutes/);

    const login = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<form id="loginform"></form>');
    });
    const bad = await failure(connector(login.url).verify());
    expect(bad.kind).toBe('bad_response');
    expect(bad.message).toMatch(/cannot read \(HTTP 200, not JSON\)/);
  });
});
