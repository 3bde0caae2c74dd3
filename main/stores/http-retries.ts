/**
 * A store API request with the retries every store connector wants: a network failure, HTTP 429
 * and 5xx are tried again after the given delays (a 429's Retry-After wins), then become a
 * StoreApiError that names the store and says what to do. Any other status is the caller's to
 * judge, since each API words its refusals differently.
 */
import { retryAfterMs } from '../qbo/backoff';
import { abortableSleep } from '../platform/sleep';
import { StoreApiError } from './connector';

interface RetryingRequest {
  storeName: string;
  /** How the store is named in messages, e.g. `Shopify store "Harbor" (harbor.myshopify.com)`. */
  where: string;
  /** What to check when the store cannot be reached at all (the shop domain, the site URL). */
  checkAddress: string;
  /** Who may be having trouble when the store keeps failing (Shopify, the site or its host). */
  whoMayHaveTrouble: string;
  delaysMs: readonly number[];
  signal?: AbortSignal;
  /** Sends one attempt; called again for each retry, so it may sign each one afresh. */
  send: () => Promise<Response>;
}

export async function requestWithRetries(request: RetryingRequest): Promise<{ status: number; text: string; headers: Headers }> {
  const { delaysMs: delays, signal } = request;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    let response: Response;
    try {
      response = await request.send();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (attempt < delays.length) {
        await abortableSleep(delays[attempt]!, signal);
        continue;
      }
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new StoreApiError(request.storeName, 'unavailable', `Could not reach ${request.where}: ${reason}. Check the internet connection and ${request.checkAddress}, then try again.`);
    }
    const text = await response.text();
    const status = response.status;
    if (status === 429 || status >= 500) {
      if (attempt < delays.length) {
        // Seconds or an HTTP date, as the header may carry either.
        const retryAfter = status === 429 ? retryAfterMs(response.headers.get('retry-after') ?? undefined, Date.now()) : null;
        await abortableSleep(retryAfter !== null && retryAfter > 0 ? retryAfter : delays[attempt]!, signal);
        continue;
      }
      throw new StoreApiError(
        request.storeName,
        'unavailable',
        `${request.where} is not answering properly (HTTP ${status}, after ${attempt + 1} tries). ${request.whoMayHaveTrouble} may be having trouble: try the sync again in a few minutes; nothing already synced is lost.`,
      );
    }
    return { status, text, headers: response.headers };
  }
}
