/**
 * Browser mode: the app's handler table served to a normal browser on 127.0.0.1, for machines
 * where Electron cannot run. One POST per call (`/api/call/<name>`, JSON body), server-sent events
 * for main's events, and the built renderer as static files.
 *
 * Access: the printed URL carries a one-time token; opening it trades the token for an HttpOnly,
 * SameSite=Strict session cookie. Every other request needs that cookie (401), the loopback Host
 * and, when sent, our own Origin (403).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BROWSER_API_PREFIX, BROWSER_EVENTS_PATH, type ApiErrorBody, type ApiResult, type ErrorCode } from '../../preload/contract';
import type { AppContext } from '../app/context';
import { dispatch, type Logger } from '../api/dispatch';
import { readStatic } from './static-files';
import { CONTENT_SECURITY_POLICY, SESSION_COOKIE, checkOrigin, randomSecret, readCookie, sameSecret } from './security';

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  unknown_call: 404,
  not_found: 404,
  conflict: 409,
  not_available: 501,
  offline: 503,
  internal: 500,
};

const MAX_BODY_BYTES = 1024 * 1024;

export interface BrowserServerOptions {
  ctx: AppContext;
  rendererDir: string;
  port?: number;
  log?: Logger;
}

export interface BrowserServer {
  /** The URL to open, holding the one-time token. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { ctx, rendererDir } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  let oneTimeToken: string | null = randomSecret();
  const sessionId = randomSecret();
  let port = 0;
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`ledgerbridge serve: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'Internal error.' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const refused = checkOrigin(req, port);
    if (refused) return sendError(res, { code: 'forbidden', message: `Forbidden: ${refused}.` });

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const token = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && token !== null) return tradeToken(token, res);

    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie || !sameSecret(cookie, sessionId)) {
      if (req.method === 'GET' && url.pathname === '/') return sendSignInPage(res);
      return sendError(res, {
        code: 'unauthorized',
        message: 'Not signed in: open the URL that `ledgerbridge serve` printed.',
      });
    }

    if (url.pathname.startsWith(BROWSER_API_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_request', message: 'Use POST.' } });
      const name = url.pathname.slice(BROWSER_API_PREFIX.length);
      const body = await readJsonBody(req);
      if (!body.ok) return sendError(res, body.error);
      const result = await dispatch(ctx, name, body.value, log);
      return result.ok ? sendJson(res, 200, result) : sendError(res, result.error);
    }
    if (url.pathname === BROWSER_EVENTS_PATH && req.method === 'GET') return openEventStream(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_request', message: 'Method not allowed.' } });

    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `No such page: ${url.pathname}` } });
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function tradeToken(token: string, res: ServerResponse): void {
    if (oneTimeToken === null || !sameSecret(token, oneTimeToken)) return sendSignInPage(res);
    oneTimeToken = null;
    res.writeHead(303, {
      'Set-Cookie': `${SESSION_COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/',
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = ctx.events.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${oneTimeToken}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendSignInPage(res: ServerResponse): void {
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-store' });
  res.end(
    '<!doctype html><meta charset="utf-8"><title>Ledgerbridge</title>' +
      '<p style="font:16px system-ui;margin:3em">Open the link that <code>ledgerbridge serve</code> printed in the terminal. ' +
      'Each link works once; restart <code>ledgerbridge serve</code> for a new one.</p>',
  );
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiErrorBody): void {
  sendJson(res, STATUS[error.code], { ok: false, error });
}

async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorBody }> {
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON also forces a CORS preflight on any cross-site attempt.
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, error: { code: 'invalid_request', message: 'Requests must have Content-Type: application/json.' } };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: { code: 'invalid_request', message: 'Request body is larger than 1 MiB.' } };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: { code: 'invalid_request', message: 'Request body is not valid JSON.' } };
  }
}
