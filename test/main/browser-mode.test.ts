import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../main/browser-mode/server';
import { rendererDir } from '../../main/platform/app-paths';
import { testContext } from '../helpers/app-context';
import { rawRequest } from '../helpers/http';

let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const ctx = testContext();
  server = await startBrowserServer({ ctx, rendererDir: rendererDir(), log: () => {} });
  const url = new URL(server.url);
  return { ctx, server, port: server.port, host: `127.0.0.1:${server.port}`, token: url.searchParams.get('token')! };
}

async function signIn(port: number, host: string, token: string): Promise<string> {
  const res = await rawRequest(port, { path: `/?token=${token}`, headers: { host } });
  expect(res.status).toBe(303);
  const cookie = String(res.headers['set-cookie']);
  return cookie.split(';')[0]!;
}

const post = (port: number, host: string, name: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(port, { method: 'POST', path: `/api/call/${name}`, headers: { host, 'content-type': 'application/json', ...headers }, body });

describe('browser mode', () => {
  it('listens on the loopback address only and prints a URL with a one-time token', async () => {
    const { server, token } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
    expect(token.length).toBeGreaterThanOrEqual(40);
  });

  it('trades the token once for an HttpOnly SameSite=Strict cookie', async () => {
    const { port, host, token } = await start();
    const first = await rawRequest(port, { path: `/?token=${token}`, headers: { host } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(token);
    const again = await rawRequest(port, { path: `/?token=${token}`, headers: { host } });
    expect(again.status).toBe(401);
  });

  it('answers 401 to every API call without the cookie, or with a wrong one', async () => {
    const { port, host } = await start();
    expect((await post(port, host, 'listCompanies', '{}')).status).toBe(401);
    expect((await post(port, host, 'listCompanies', '{}', { cookie: 'ledgerbridge_session=forged' })).status).toBe(401);
    expect((await rawRequest(port, { path: '/api/events', headers: { host } })).status).toBe(401);
    expect((await rawRequest(port, { path: '/', headers: { host } })).status).toBe(401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or a foreign Origin, even with the cookie', async () => {
    const { port, host, token } = await start();
    const cookie = await signIn(port, host, token);
    expect((await post(port, 'evil.example:80', 'listCompanies', '{}', { cookie })).status).toBe(403);
    expect((await post(port, `evil.example:${port}`, 'listCompanies', '{}', { cookie })).status).toBe(403);
    expect((await post(port, host, 'listCompanies', '{}', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(port, host, 'listCompanies', '{}', { cookie, origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await rawRequest(port, { path: `/?token=${token}`, headers: { host: 'attacker.test' } })).status).toBe(403);
  });

  it('answers 400 naming the field for an invalid body, and 404 for an unknown call', async () => {
    const { port, host, token } = await start();
    const cookie = await signIn(port, host, token);
    const bad = await post(port, host, 'connectQuickBooks', '{"environment":"moon"}', { cookie });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'environment' } });
    const notJson = await post(port, host, 'listCompanies', '{oops', { cookie });
    expect(notJson.status).toBe(400);
    const wrongType = await rawRequest(port, { method: 'POST', path: '/api/call/listCompanies', headers: { host, cookie, 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(400);
    expect((await post(port, host, 'dropTables', '{}', { cookie })).status).toBe(404);
  });

  it('serves calls, the renderer with a strict CSP, and events, to a signed-in page', async () => {
    const { ctx, port, host, token } = await start();
    const cookie = await signIn(port, host, token);
    const ok = await post(port, host, 'getAppInfo', '{}', { cookie, origin: `http://${host}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: 'Ledgerbridge', mode: 'browser', dataDir: ctx.dataDir } });
    const page = await rawRequest(port, { path: '/', headers: { host, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect((await rawRequest(port, { path: '/../../etc/passwd', headers: { host, cookie } })).status).toBe(404);
    expect((await rawRequest(port, { path: '/%2e%2e/%2e%2e/etc/passwd', headers: { host, cookie } })).status).toBe(404);

    const events = await new Promise<string>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { host, cookie } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            text += d;
            if (text.includes(': connected')) ctx.events.emit('outboxChanged', { realmId: '42' });
            if (text.includes('outboxChanged')) {
              req.destroy();
              resolve(text);
            }
          });
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(events).toContain('"event":"outboxChanged"');
    expect(events).toContain('"realmId":"42"');
  });
});
