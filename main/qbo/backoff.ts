/**
 * When to try a failed QBO request again. Exponential backoff with full jitter (a random delay
 * between 0 and min(cap, base·2^attempt)) so many callers hit by the same 429 burst do not come
 * back in lockstep; a Retry-After header, when QBO sends one, wins over the computed delay.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/** Intuit asks for 60 s after a 429 (qbo-api.md §6); the cap keeps one wait near that. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 1_000, capMs: 60_000 };

/** Statuses worth another try: throttling and server-side trouble. Never 4xx validation faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `retry` is 0 for the first retry (after the first failure). */
export function fullJitterDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfter: number | null,
  random: () => number = Math.random,
): number {
  return retryAfter !== null ? retryAfter : fullJitterDelay(retry, policy, random);
}
