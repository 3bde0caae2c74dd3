/** How the sync engine classifies failures: offline, cancelled, a CDC window QBO refuses. */
import { IntuitOAuthError } from '../connect/intuit-oauth';
import { QboFaultError, QboTransportError } from '../qbo/errors';

/** Codes of "no route to QuickBooks" (as opposed to QuickBooks answering with an error). */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ECONNRESET',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export function isOffline(error: unknown): boolean {
  if (error instanceof SyncOfflineError) return true;
  // Token refresh and discovery fail before QBO itself is asked: no route to Intuit is offline too.
  if (error instanceof IntuitOAuthError) return error.error === 'unreachable';
  if (!(error instanceof QboTransportError)) return false;
  if (error.causeCode !== null && OFFLINE_CODES.has(error.causeCode)) return true;
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/.test(error.message);
}

/** QuickBooks could not be reached; the mirror is untouched and a retry is scheduled. */
export class SyncOfflineError extends Error {
  constructor(readonly realmId: string, cause: unknown) {
    super(`QuickBooks is unreachable (offline): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SyncOfflineError';
  }
}

export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** QBO refuses CDC further back than 30 days with a validation fault naming the date. */
export function isCdcTooOld(error: unknown): boolean {
  return error instanceof QboFaultError && error.status === 400 && /older than/i.test(`${error.message}`);
}
