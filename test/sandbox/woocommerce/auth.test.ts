import { afterEach, describe, expect, it } from 'vitest';
import { CK, CS, signUrl, startWoo, type WooHarness } from './helpers';

let h: WooHarness | null = null;
afterEach(async () => {
  await h?.running.close();
  h = null;
});

const authError = (message: string) => ({ code: 'woocommerce_rest_authentication_error', message, data: { status: 401 } });
const basic = (key: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` });

describe('WooCommerce stand-in: OAuth 1.0a over plain HTTP', () => {
  it('accepts HMAC-SHA256 and HMAC-SHA1 signatures with query parameters signed too', async () => {
    h = await startWoo();
    const sha256 = await h.get('orders?per_page=2&status=processing,completed');
    expect(sha256.status).toBe(200);
    expect(sha256.body.map((o: { number: string }) => o.number)).toEqual(['1002', '1001']);
    const sha1 = await h.get('orders/5001', { algorithm: 'HMAC-SHA1' });
    expect(sha1.status).toBe(200);
    expect(sha1.body.id).toBe(5001);
  });

  it('refuses a bad signature, an unknown key, an old timestamp and a reused nonce', async () => {
    h = await startWoo();
    const wrongSecret = await h.get('orders', { secret: 'cs_wrong' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toEqual(authError('Invalid signature - provided signature does not match.'));

    const unknownKey = await h.get('orders', { key: 'ck_unknown' });
    expect(unknownKey.body).toEqual(authError('Consumer key is invalid.'));

    const old = await h.get('orders', { timestamp: Math.floor(h.clock.ms / 1000) - 16 * 60 });
    expect(old.status).toBe(401);
    expect(old.body).toEqual(authError('Invalid timestamp.'));
    const slightlyOld = await h.get('orders', { timestamp: Math.floor(h.clock.ms / 1000) - 14 * 60 });
    expect(slightlyOld.status).toBe(200);

    const first = await h.get('orders', { nonce: 'n-once' });
    expect(first.status).toBe(200);
    const replay = await h.get('orders', { nonce: 'n-once' });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(authError('Invalid nonce - nonce has already been used.'));

    // A tampered query (signed per_page=2, sent per_page=3) no longer matches.
    const signed = signUrl(`${h.running.origin}/wp-json/wc/v3/orders?per_page=2`, { timestamp: Math.floor(h.clock.ms / 1000) });
    const tampered = await fetch(signed.replace('per_page=2', 'per_page=3'));
    expect(tampered.status).toBe(401);
  });

  it('accepts the OAuth parameters in an Authorization: OAuth header instead of the query', async () => {
    h = await startWoo();
    const signed = new URL(signUrl(`${h.running.origin}/wp-json/wc/v3/orders/5001`, { timestamp: Math.floor(h.clock.ms / 1000) }));
    const header = `OAuth ${[...signed.searchParams].map(([k, v]) => `${k}="${encodeURIComponent(v)}"`).join(', ')}`;
    const r = await h.raw('orders/5001', { headers: { Authorization: header } });
    expect(r.status).toBe(200);
    expect(r.body.number).toBe('1001');
  });

  it('reports missing OAuth parameters when only some are sent', async () => {
    h = await startWoo();
    const r = await h.raw(`orders?oauth_consumer_key=${CK}&oauth_nonce=abc`);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameters oauth_timestamp, oauth_signature, oauth_signature_method',
      data: { status: 401 },
    });
  });

  it('keeps used nonces across exportState/importState', async () => {
    h = await startWoo();
    expect((await h.get('orders', { nonce: 'kept' })).status).toBe(200);
    const saved = JSON.parse(JSON.stringify(h.standIn.exportState()));
    await h.running.close();
    h = await startWoo();
    h.standIn.importState(saved);
    expect((await h.get('orders', { nonce: 'kept' })).body.message).toBe('Invalid nonce - nonce has already been used.');
  });
});

describe('WooCommerce stand-in: Basic auth', () => {
  it('ignores Basic credentials over HTTP, so the request fails the permission check', async () => {
    h = await startWoo();
    const list = await h.raw('orders', { headers: basic(CK, CS) });
    expect(list.status).toBe(401);
    expect(list.body).toEqual({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    const one = await h.raw(`orders/5001?consumer_key=${CK}&consumer_secret=${CS}`);
    expect(one.body).toEqual({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.', data: { status: 401 } });
  });

  it('accepts Basic (and the query-string pair) when the site is HTTPS, and names a wrong secret', async () => {
    h = await startWoo({ assumeHttps: true });
    const ok = await h.raw('orders?per_page=1', { headers: basic(CK, CS) });
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(1);
    const viaQuery = await h.raw(`orders/5002?consumer_key=${CK}&consumer_secret=${CS}`);
    expect(viaQuery.body.number).toBe('1002');
    const wrong = await h.raw('orders', { headers: basic(CK, 'cs_wrong') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(authError('Consumer secret is invalid.'));
    // OAuth still works on an HTTPS site, signed against the https:// URL.
    const signed = signUrl(`https://${new URL(h.running.origin).host}/wp-json/wc/v3/orders/5001`, { timestamp: Math.floor(h.clock.ms / 1000) });
    const oauth = await fetch(signed.replace(/^https:/, 'http:'));
    expect(oauth.status).toBe(200);
  });
});
