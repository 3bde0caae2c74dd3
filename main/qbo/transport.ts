/**
 * One QBO HTTP exchange with everything around it: the per-realm limiter, a bearer token from the
 * token source, one refresh-and-retry on 401, retries with backoff on 429/5xx/transport errors,
 * and faults turned into typed errors. undici `request` on a keep-alive Agent (floors.md: ~3.5×
 * cheaper per request than fetch on loopback).
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { DEFAULT_RETRY, isRetryableStatus, retryAfterMs, retryDelay, type RetryPolicy } from './backoff';
import {
  QboAuthError,
  QboFaultError,
  QboResponseError,
  QboThrottledError,
  QboTransportError,
  type QboFaultItem,
} from './errors';
import type { RealmLimiter, RequestKind } from './limiter';
import { parseFault } from './parse-fault';

export interface AccessTokenSource {
  /** A token good for at least a few minutes; refreshes first when it is not. */
  accessToken(): Promise<string>;
  /** The API refused `rejected`: return a fresh token (one refresh shared by concurrent callers). */
  renewAfterRejection(rejected: string): Promise<string>;
}

export interface TransportOptions {
  tokens: AccessTokenSource;
  limiter: RealmLimiter;
  clock?: Clock;
  dispatcher?: Dispatcher;
  retry?: RetryPolicy;
  random?: () => number;
  /** Told about each retry; receives no secret. */
  onRetry?: (info: { attempt: number; status: number | null; delayMs: number; intuitTid: string | null }) => void;
}

export interface QboResponse {
  status: number;
  body: unknown;
  intuitTid: string | null;
}

let sharedAgent: Agent | null = null;
/** One keep-alive pool for the process; QBO allows 10 concurrent requests per realm anyway. */
export function qboAgent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 16 });
  return sharedAgent;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export class QboTransport {
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
  }

  async send(input: {
    kind: RequestKind;
    method: 'GET' | 'POST';
    url: string;
    body?: unknown;
    signal?: AbortSignal;
  }): Promise<QboResponse> {
    const { tokens, limiter } = this.options;
    let renewed = false;
    let retries = 0;
    for (;;) {
      // Permit first, token second: a long wait for the limiter must not leave us holding a token
      // that expired meanwhile.
      const permit = await limiter.acquire(input.kind, input.signal);
      let token: string;
      try {
        token = await tokens.accessToken();
      } catch (error) {
        permit.release();
        throw error;
      }
      let status: number;
      let headers: Record<string, string | string[] | undefined>;
      let text: string;
      try {
        const res = await request(input.url, {
          method: input.method,
          dispatcher: this.options.dispatcher ?? qboAgent(),
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: input.body === undefined ? undefined : JSON.stringify(input.body),
          signal: input.signal,
          headersTimeout: 130_000,
          bodyTimeout: 130_000,
        });
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (error) {
        permit.release();
        if (input.signal?.aborted) throw input.signal.reason;
        const code = (error as { code?: unknown }).code;
        const failure = new QboTransportError(
          `Could not reach QuickBooks: ${error instanceof Error ? error.message : String(error)}`,
          typeof code === 'string' ? code : null,
        );
        // Safe to repeat: reads are reads, and every write carries a requestid QBO replays.
        if (retries + 1 >= this.retry.maxAttempts) throw failure;
        const delayMs = retryDelay(retries, this.retry, null, this.random);
        this.options.onRetry?.({ attempt: retries + 1, status: null, delayMs, intuitTid: null });
        retries += 1;
        await this.clock.sleep(delayMs, input.signal);
        continue;
      }
      permit.release();
      const intuitTid = header(headers, 'intuit_tid');

      if (status >= 200 && status < 300) {
        try {
          return { status, body: text === '' ? {} : (JSON.parse(text) as unknown), intuitTid };
        } catch {
          throw new QboResponseError(`QuickBooks answered ${status} with a body that is not JSON`, status, intuitTid);
        }
      }
      if (status === 401 && !renewed) {
        renewed = true;
        await tokens.renewAfterRejection(token);
        continue;
      }
      if (isRetryableStatus(status) && retries + 1 < this.retry.maxAttempts) {
        const delayMs = retryDelay(retries, this.retry, retryAfterMs(headers['retry-after'], this.clock.now()), this.random);
        this.options.onRetry?.({ attempt: retries + 1, status, delayMs, intuitTid });
        retries += 1;
        await this.clock.sleep(delayMs, input.signal);
        continue;
      }
      throw faultError(status, text, intuitTid);
    }
  }
}

export function faultError(status: number, text: string, intuitTid: string | null): QboFaultError {
  const parsed = parseFault(text);
  const errors: QboFaultItem[] = parsed?.errors.length
    ? parsed.errors
    : [{ code: String(status), message: `HTTP ${status}`, detail: text.slice(0, 200).replace(/\s+/g, ' '), element: '' }];
  const type = parsed?.type ?? (status >= 500 ? 'SystemFault' : 'Fault');
  if (status === 429) return new QboThrottledError(errors, intuitTid);
  if (status === 401 || status === 403) return new QboAuthError(type, errors, status, intuitTid);
  return new QboFaultError(type, errors, status, intuitTid);
}
