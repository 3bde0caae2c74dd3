/**
 * A QBO client for the sync engine that counts what it costs: every HTTP attempt (each one takes a
 * permit from the realm's limiter) and every 429. The limiter itself is the caller's, usually the
 * process-wide one for the realm, so the pull shares QBO's budget with everything else.
 */
import type { Dispatcher } from 'undici';
import type { RetryPolicy } from '../qbo/backoff';
import { QboClient } from '../qbo/client';
import { systemClock, type Clock } from '../qbo/clock';
import { RealmLimiter, type Permit, type RequestKind } from '../qbo/limiter';
import { QboTransport, type AccessTokenSource } from '../qbo/transport';

export interface RequestMeter {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** 429 answers received. */
  throttled: number;
  /** Attempts repeated after a 429, a 5xx or a transport error (part of `requests`). */
  retries: number;
}

export function newMeter(): RequestMeter {
  return { requests: 0, throttled: 0, retries: 0 };
}

/** Delegates to the realm's limiter and counts each permit (one per HTTP attempt). */
export class MeteredLimiter extends RealmLimiter {
  constructor(
    private readonly inner: RealmLimiter,
    private readonly meter: RequestMeter,
  ) {
    super(systemClock, []);
  }

  override acquire(kind: RequestKind = 'request', signal?: AbortSignal): Promise<Permit> {
    return this.inner.acquire(kind, signal).then((permit) => {
      this.meter.requests += 1;
      return permit;
    });
  }
}

export interface SyncClientOptions {
  apiBase: string;
  realmId: string;
  tokens: AccessTokenSource;
  limiter: RealmLimiter;
  meter?: RequestMeter;
  retry?: RetryPolicy;
  clock?: Clock;
  dispatcher?: Dispatcher;
}

export function createSyncClient(options: SyncClientOptions): { client: QboClient; meter: RequestMeter } {
  const meter = options.meter ?? newMeter();
  const transport = new QboTransport({
    tokens: options.tokens,
    limiter: new MeteredLimiter(options.limiter, meter),
    clock: options.clock,
    retry: options.retry,
    dispatcher: options.dispatcher,
    onRetry: (info) => {
      meter.retries += 1;
      if (info.status === 429) meter.throttled += 1;
    },
  });
  return { client: new QboClient(transport, options.apiBase, options.realmId), meter };
}
