/**
 * One API2Cart call: keys as headers (never in the URL, so they stay out of logs and proxies),
 * parameters in the query string, the envelope read with exact numbers, and the transient refusals
 * — codes 7 and 10 (concurrency), 110 (platform throttling), HTTP 429/5xx and dropped connections —
 * retried with exponential backoff and full jitter. At most `maxInFlight` calls per store and
 * `maxAccountInFlight` per account are open at once across the whole process; a slot is given back
 * while a retry waits.
 */
import { abortableSleep } from '../../platform/sleep';
import { StoreApiError } from '../connector';
import { parseExactJson, type ExactJson } from './exact-json';
import { sharedSemaphore, type Semaphore } from './limiter';
import { errorForCode, RETRYABLE_CODES } from './return-codes';

export const API2CART_BASE_URL = 'https://api.api2cart.com/v1.1';

export interface RetryPolicy {
  /** Total tries of one call, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** Uniform [0, 1); injectable so a test can pin the jitter. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 500, capMs: 30_000, random: Math.random };

export interface Api2CartClientConfig {
  /** `https://api.api2cart.com/v1.1` or a stand-in's `http://127.0.0.1:PORT/v1.1`. */
  baseUrl: string;
  apiKey: string;
  storeKey: string;
  maxInFlight?: number;
  maxAccountInFlight?: number;
  retry?: Partial<RetryPolicy>;
  /** Per call; API2Cart asks for long timeouts because it waits on the store platform. */
  timeoutMs?: number;
}

export interface Api2CartAnswer {
  result: ExactJson;
  pagination: { next: string | null } | null;
}

export type CallParams = Record<string, string | number | undefined>;

/** Lets a caller name the store in messages once it knows the name (after cart.info). */
export type StoreLabel = () => string;

export function normaliseBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1\.1$/.test(trimmed) ? trimmed : `${trimmed}/v1.1`;
}

/**
 * Full jitter: anywhere between 0 and the exponential ceiling base × 2^attempt (capped), so the
 * retries of several callers refused together spread out instead of colliding again.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}


class Transient extends Error {
  constructor(readonly error: StoreApiError) {
    super(error.message);
  }
}

export class Api2CartClient {
  readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly storeSlots: Semaphore;
  private readonly accountSlots: Semaphore;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: Api2CartClientConfig,
    private readonly label: StoreLabel,
  ) {
    this.baseUrl = normaliseBaseUrl(config.baseUrl);
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.storeSlots = sharedSemaphore('store', `${this.baseUrl}\n${config.storeKey}`, config.maxInFlight ?? 5);
    this.accountSlots = sharedSemaphore('account', `${this.baseUrl}\n${config.apiKey}`, config.maxAccountInFlight ?? 10);
    this.timeoutMs = config.timeoutMs ?? 180_000;
  }

  /** Removes the keys from any text that might echo them (API2Cart messages, library errors). */
  redact(text: string): string {
    let out = text;
    for (const secret of [this.config.apiKey, this.config.storeKey]) if (secret.length >= 4) out = out.split(secret).join('[key]');
    return out;
  }

  async call(method: string, params: CallParams, signal?: AbortSignal): Promise<Api2CartAnswer> {
    const url = new URL(`${this.baseUrl}/${method}.json`);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, String(value));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, method, signal);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        if (attempt + 1 >= this.retry.attempts) throw error.error;
        await abortableSleep(backoffDelayMs(attempt, this.retry), signal);
      }
    }
  }

  private async once(url: URL, method: string, signal?: AbortSignal): Promise<Api2CartAnswer> {
    const account = method.startsWith('account.');
    if (!account) await this.storeSlots.acquire(signal);
    try {
      await this.accountSlots.acquire(signal);
      try {
        return await this.send(url, account, signal);
      } finally {
        this.accountSlots.release();
      }
    } finally {
      if (!account) this.storeSlots.release();
    }
  }

  private async send(url: URL, account: boolean, signal?: AbortSignal): Promise<Api2CartAnswer> {
    const name = this.label();
    const headers: Record<string, string> = { accept: 'application/json', 'x-api-key': this.config.apiKey };
    if (!account) headers['x-store-key'] = this.config.storeKey;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      text = await response.text();
    } catch (error) {
      signal?.throwIfAborted();
      const reason = timeout.aborted ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : this.redact(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
      throw new Transient(new StoreApiError(name, 'unavailable', `${name}: could not reach API2Cart at ${url.origin} (${reason}). Check the network connection and try again.`));
    }
    if (response.status === 429 || response.status >= 500) {
      throw new Transient(new StoreApiError(name, 'unavailable', `${name}: API2Cart answered HTTP ${response.status}. Try again later.`));
    }
    let body: ExactJson;
    try {
      body = parseExactJson(text);
    } catch {
      throw new StoreApiError(name, 'bad_response', `${name}: API2Cart answered HTTP ${response.status} with something that is not JSON. Check the API2Cart address.`);
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof body.return_code !== 'string') {
      throw new StoreApiError(name, 'bad_response', `${name}: API2Cart answered HTTP ${response.status} without a return_code. Check the API2Cart address.`);
    }
    const code = Number(body.return_code);
    if (code !== 0) {
      const message = this.redact(typeof body.return_message === 'string' ? body.return_message : '');
      const error = errorForCode(code, message, name);
      if (RETRYABLE_CODES.has(code)) throw new Transient(error);
      throw error;
    }
    const pagination = body.pagination;
    let next: string | null = null;
    if (pagination && typeof pagination === 'object' && !Array.isArray(pagination) && typeof pagination.next === 'string' && pagination.next !== '') {
      // Cursors arrive percent-encoded: decode once here, URLSearchParams encodes once on the way out.
      next = safeDecode(pagination.next);
    }
    return { result: body.result ?? null, pagination: pagination === undefined ? null : { next } };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
