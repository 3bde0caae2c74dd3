import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OAuthAttemptError, startLoopbackListener, type LoopbackListener } from '../../main/connect/loopback-listener';
import { relayTarget } from '../../main/connect/relay-state';
import { rawRequest } from '../helpers/http';

function pathOf(listener: LoopbackListener, query: Record<string, string>): string {
  return `${new URL(listener.callbackUrl).pathname}?${new URLSearchParams(query)}`;
}

function host(listener: LoopbackListener): Record<string, string> {
  return { Host: `127.0.0.1:${listener.port}` };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function failure(listener: LoopbackListener): Promise<OAuthAttemptError> {
  const error = await listener.result.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuthAttemptError);
  return error as OAuthAttemptError;
}

describe('loopback listener', () => {
  it('binds 127.0.0.1 on an ephemeral port with an unguessable path and a fresh state', async () => {
    const a = await startLoopbackListener();
    const b = await startLoopbackListener();
    expect(a.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cb\/[A-Za-z0-9_-]{43}$/);
    expect(a.port).not.toBe(b.port);
    expect(a.callbackUrl).not.toBe(b.callbackUrl);
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.state).not.toBe(b.state);
    a.cancel();
    b.cancel();
    await Promise.all([a.closed, b.closed]);
  });

  it('accepts one callback with the right path, method, Host and state, then closes', async () => {
    const listener = await startLoopbackListener();
    const wrongPath = await rawRequest(listener.port, { path: '/cb/guess?code=x&state=' + listener.state, headers: host(listener) });
    expect(wrongPath.status).toBe(404);
    const ok = await rawRequest(listener.port, {
      path: pathOf(listener, { code: 'AB11code', state: listener.state, realmId: '9341453000000001' }),
      headers: host(listener),
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('You can close this tab');
    expect(ok.headers['content-security-policy']).toContain("default-src 'none'");
    await expect(listener.result).resolves.toEqual({ code: 'AB11code', state: listener.state, realmId: '9341453000000001' });
    await listener.closed;
    expect(await refused(listener.port)).toBe(true);
  });

  it('lets exactly one of two simultaneous callbacks through', async () => {
    const listener = await startLoopbackListener();
    const send = (code: string) =>
      rawRequest(listener.port, { path: pathOf(listener, { code, state: listener.state, realmId: '1' }), headers: host(listener) }).then(
        (r) => r.status,
        () => 'refused' as const,
      );
    const statuses = await Promise.all([send('first'), send('second')]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 'refused')).toBe(true);
    const { code } = await listener.result;
    expect(['first', 'second']).toContain(code);
    await listener.closed;
    expect(await send('third')).toBe('refused');
  });

  it('ends the attempt on a wrong state', async () => {
    const listener = await startLoopbackListener();
    const res = await rawRequest(listener.port, { path: pathOf(listener, { code: 'c', state: 'forged', realmId: '1' }), headers: host(listener) });
    expect(res.status).toBe(400);
    expect((await failure(listener)).reason).toBe('state_mismatch');
    await listener.closed;
    expect(await refused(listener.port)).toBe(true);
  });

  it('ends the attempt on a foreign Host header (DNS rebinding)', async () => {
    const listener = await startLoopbackListener();
    const res = await rawRequest(listener.port, {
      path: pathOf(listener, { code: 'c', state: listener.state, realmId: '1' }),
      headers: { Host: `evil.example:${listener.port}` },
    });
    expect(res.status).toBe(400);
    const error = await failure(listener);
    expect(error.reason).toBe('foreign_host');
    expect(error.message).toMatch(/Host/);
    await listener.closed;
  });

  it('ends the attempt on a POST to the callback path', async () => {
    const listener = await startLoopbackListener();
    const res = await rawRequest(listener.port, {
      method: 'POST',
      path: pathOf(listener, { code: 'c', state: listener.state, realmId: '1' }),
      headers: host(listener),
      body: '',
    });
    expect(res.status).toBe(405);
    expect((await failure(listener)).reason).toBe('bad_request');
    await listener.closed;
  });

  it('reports a user who declines consent', async () => {
    const listener = await startLoopbackListener();
    const res = await rawRequest(listener.port, { path: pathOf(listener, { error: 'access_denied', state: listener.state }), headers: host(listener) });
    expect(res.body).toContain('declined');
    const error = await failure(listener);
    expect(error.reason).toBe('denied');
    expect(error.message).toMatch(/not granted/);
    await listener.closed;
  });

  it('refuses a callback without a realmId', async () => {
    const listener = await startLoopbackListener();
    await rawRequest(listener.port, { path: pathOf(listener, { code: 'c', state: listener.state }), headers: host(listener) });
    expect((await failure(listener)).reason).toBe('bad_request');
    await listener.closed;
  });

  it('times out and leaves no listener behind', async () => {
    const listener = await startLoopbackListener({ timeoutMs: 50 });
    const error = await failure(listener);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/within 0 seconds|within/);
    await listener.closed;
    expect(await refused(listener.port)).toBe(true);
  });

  it('can be cancelled', async () => {
    const listener = await startLoopbackListener();
    listener.cancel();
    expect((await failure(listener)).reason).toBe('cancelled');
    await listener.closed;
    expect(await refused(listener.port)).toBe(true);
  });

  it('in relay mode puts its own callback URL into state', async () => {
    const listener = await startLoopbackListener({ relay: true });
    expect(relayTarget(listener.state)).toBe(listener.callbackUrl);
    expect(relayTarget('aGVsbG8.x')).toBeNull();
    listener.cancel();
    await listener.closed;
  });
});
