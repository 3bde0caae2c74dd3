/**
 * The one-shot OAuth loopback listener (RFC 8252 §7.3). It binds 127.0.0.1 on an ephemeral port,
 * answers on one unguessable path, and accepts exactly one callback: GET, our own Host header, the
 * `state` it issued. Anything suspicious on that path ends the attempt (better a retry than a code
 * injected by another page or process), and so do the user's refusal and the timeout. Whatever the
 * outcome, the listener is closed when `result` settles. Imports only node:http and node:crypto.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomToken, sameSecret } from './pkce';
import { CALLBACK_PREFIX, relayState } from './relay-state';

export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

export type AttemptFailure =
  | 'denied'
  | 'provider_error'
  | 'state_mismatch'
  | 'foreign_host'
  | 'bad_request'
  | 'timeout'
  | 'cancelled';

/** Why a connection attempt ended without tokens; the message is safe to show as is. */
export class OAuthAttemptError extends Error {
  constructor(
    readonly reason: AttemptFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthAttemptError';
  }
}

export interface CallbackParams {
  code: string;
  state: string;
  realmId: string;
}

export interface LoopbackListener {
  readonly port: number;
  /** `http://127.0.0.1:PORT/cb/<43 random characters>` */
  readonly callbackUrl: string;
  /** The `state` to send with the authorize request (carries the callback URL in relay mode). */
  readonly state: string;
  /** The callback's parameters; rejects with OAuthAttemptError. The listener is closed once it settles. */
  readonly result: Promise<CallbackParams>;
  /** Resolves when the socket is closed and every connection is gone. */
  readonly closed: Promise<void>;
  cancel(message?: string): void;
}

export interface LoopbackOptions {
  timeoutMs?: number;
  /** Put the callback URL into `state` for a relay page (see relay-state.ts). */
  relay?: boolean;
}

const CODE = /^[A-Za-z0-9._~+/=-]{1,512}$/;
const REALM = /^\d{1,32}$/;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Ledgerbridge — ${title}</title><style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;padding:0 1rem;color:#1d2733}h1{font-size:1.3rem}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

export async function startLoopbackListener(options: LoopbackOptions = {}): Promise<LoopbackListener> {
  const pathToken = randomToken();
  const callbackPath = CALLBACK_PREFIX + pathToken;
  const nonce = randomToken();
  let settled = false;
  let resolveResult!: (params: CallbackParams) => void;
  let rejectResult!: (error: OAuthAttemptError) => void;
  const result = new Promise<CallbackParams>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // Callers may never await a failed result (e.g. they were cancelled); do not crash the process.
  result.catch(() => {});

  let port = 0;
  let state = nonce;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const server = createServer((req, res) => handle(req, res));
  server.keepAliveTimeout = 1000;

  function shutDown(): void {
    server.close(() => resolveClosed());
    server.closeAllConnections();
  }

  function reply(res: ServerResponse, status: number, title: string, text: string): void {
    const body = page(title, text);
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close',
    });
    res.end(body);
  }

  function finish(res: ServerResponse | null, outcome: CallbackParams | OAuthAttemptError): void {
    settled = true;
    clearTimeout(timer);
    if (outcome instanceof OAuthAttemptError) rejectResult(outcome);
    else resolveResult(outcome);
    if (res && !res.writableFinished) res.once('finish', shutDown);
    else shutDown();
  }

  function fail(res: ServerResponse, status: number, reason: AttemptFailure, message: string, pageText: string): void {
    reply(res, status, 'Not connected', pageText);
    finish(res, new OAuthAttemptError(reason, message));
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== callbackPath) {
      // Not our path: noise (favicon, probes) that says nothing about this attempt.
      reply(res, 404, 'Not found', 'Nothing here.');
      return;
    }
    if (settled) {
      reply(res, 409, 'Already done', 'This sign-in link was already used. Go back to Ledgerbridge.');
      return;
    }
    if (req.headers.host !== `127.0.0.1:${port}`) {
      return fail(res, 400, 'foreign_host', 'The QuickBooks sign-in was stopped: the callback came with a foreign Host header (possible DNS rebinding). Try connecting again.', 'Request refused.');
    }
    if (req.method !== 'GET') {
      return fail(res, 405, 'bad_request', `The QuickBooks sign-in was stopped: the callback used ${req.method ?? 'an unknown method'} instead of GET. Try connecting again.`, 'Request refused.');
    }
    const q = url.searchParams;
    const gotState = q.get('state') ?? '';
    if (!sameSecret(gotState, state)) {
      return fail(res, 400, 'state_mismatch', 'The QuickBooks sign-in was stopped: the answer did not belong to this connection attempt (state mismatch). Try connecting again.', 'This answer does not belong to the sign-in Ledgerbridge started. Go back to Ledgerbridge and try again.');
    }
    const error = q.get('error');
    if (error !== null) {
      if (error === 'access_denied') {
        return fail(res, 200, 'denied', 'QuickBooks access was not granted: the connection was declined in the browser.', 'You declined the connection. You can close this tab.');
      }
      const safe = error.replace(/[^a-z_]/g, '').slice(0, 40);
      const description = (q.get('error_description') ?? '').replace(/[^\w .,:;'()-]/g, '').slice(0, 200);
      return fail(res, 400, 'provider_error', `Intuit refused the connection: ${safe}${description ? ` (${description})` : ''}.`, 'Intuit refused the connection. Go back to Ledgerbridge for details.');
    }
    const code = q.get('code') ?? '';
    const realmId = q.get('realmId') ?? '';
    if (!CODE.test(code) || !REALM.test(realmId)) {
      return fail(res, 400, 'bad_request', 'The QuickBooks sign-in was stopped: the callback lacked a valid code or realmId. Try connecting again.', 'The answer was incomplete. Go back to Ledgerbridge and try again.');
    }
    reply(res, 200, 'Connected', 'Ledgerbridge received the answer from QuickBooks. You can close this tab.');
    finish(res, { code, state: gotState, realmId });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const callbackUrl = `http://127.0.0.1:${port}${callbackPath}`;
  if (options.relay) state = relayState(callbackUrl, nonce);

  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const timer = setTimeout(() => {
    if (settled) return;
    finish(null, new OAuthAttemptError('timeout', `No answer from QuickBooks within ${Math.round(timeoutMs / 1000)} seconds; the sign-in was stopped. Try connecting again.`));
  }, timeoutMs);
  timer.unref();

  return {
    port,
    callbackUrl,
    state,
    result,
    closed,
    cancel(message = 'The QuickBooks sign-in was cancelled.') {
      if (!settled) finish(null, new OAuthAttemptError('cancelled', message));
    },
  };
}
