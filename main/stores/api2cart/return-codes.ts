/**
 * API2Cart answers HTTP 200 with a non-zero `return_code` when a call fails (api2cart.md §3). Each
 * code becomes a StoreApiError whose message names the store and says what to do; 7, 10 and 110
 * (concurrency limits, platform throttling) are retried by the client before they ever get here.
 */
import { StoreApiError, type StoreErrorKind } from '../connector';

export const RETRYABLE_CODES: ReadonlySet<number> = new Set([7, 10, 110]);

interface CodeMeaning {
  kind: StoreErrorKind;
  what: string;
  todo: string;
}

const MEANINGS: Record<number, CodeMeaning> = {
  1: { kind: 'unavailable', what: 'API2Cart is unavailable', todo: 'Try again in a few minutes.' },
  2: { kind: 'auth', what: 'API2Cart refused the API key', todo: 'Copy the account API key from the API2Cart dashboard and connect the store again.' },
  3: { kind: 'bad_request', what: 'API2Cart does not know a method this version of Ledgerbridge calls', todo: 'Update Ledgerbridge.' },
  4: { kind: 'auth', what: 'API2Cart denied access to the store (the store key is wrong or no longer belongs to this account)', todo: 'Copy the store key from the API2Cart dashboard and connect the store again.' },
  5: { kind: 'auth', what: 'API2Cart denied API access for this account', todo: "Check the account's plan and status in the API2Cart dashboard." },
  6: { kind: 'auth', what: 'the API2Cart API key is disabled', todo: 'Enable the key or create a new one in the API2Cart dashboard, then connect the store again.' },
  7: { kind: 'throttled', what: 'API2Cart kept refusing calls: too many simultaneous requests for this store', todo: 'Another program may be using the same store key; try again later.' },
  8: { kind: 'bad_request', what: 'API2Cart says the store is already connected', todo: 'Use the existing store key from the API2Cart dashboard.' },
  9: { kind: 'unavailable', what: 'API2Cart had an internal error', todo: 'Try again later; if it persists, contact API2Cart support.' },
  10: { kind: 'throttled', what: 'API2Cart kept refusing calls: too many simultaneous requests for this account', todo: 'Another program may be using the same API key; try again later.' },
  12: { kind: 'unavailable', what: 'API2Cart queued the request instead of answering it', todo: 'Try again in a few minutes.' },
  100: { kind: 'auth', what: "API2Cart cannot reach the store's own API (the platform credentials saved at API2Cart are wrong or revoked)", todo: 'Reconnect the store to API2Cart in its dashboard.' },
  101: { kind: 'auth', what: 'API2Cart found no store with this store key', todo: 'Copy the store key from the API2Cart dashboard and connect the store again.' },
  102: { kind: 'unavailable', what: "API2Cart could not connect to the store's server over FTP", todo: 'Check the FTP details saved at API2Cart.' },
  103: { kind: 'unavailable', what: 'the API2Cart bridge is not installed on the store', todo: 'Install the bridge (see the API2Cart dashboard), then try again.' },
  104: { kind: 'unavailable', what: 'the API2Cart bridge on the store answered with an error', todo: "Check the store's server and the bridge, then try again." },
  105: { kind: 'unavailable', what: 'the API2Cart bridge on the store is outdated', todo: 'Update the bridge from the API2Cart dashboard.' },
  106: { kind: 'unavailable', what: "API2Cart cannot reach the store's URL", todo: 'Check that the store is online and its URL at API2Cart is right.' },
  107: { kind: 'unavailable', what: 'the store platform answered API2Cart with an error', todo: 'Read the message below; it comes from the platform. Try again later.' },
  109: { kind: 'bad_request', what: 'API2Cart refused a parameter', todo: 'This is a Ledgerbridge problem; please report it with this message.' },
  110: { kind: 'throttled', what: "the store platform kept throttling API2Cart's calls", todo: 'Wait a while and pull again.' },
  111: { kind: 'bad_request', what: 'API2Cart says the request asks for too many items', todo: 'Please report this with this message.' },
  112: { kind: 'not_found', what: 'API2Cart did not find what was asked for', todo: 'The order may have been deleted in the store.' },
  113: { kind: 'bad_request', what: 'API2Cart says it already exists', todo: 'Please report this with this message.' },
  114: { kind: 'bad_request', what: 'API2Cart says a required parameter is missing', todo: 'This is a Ledgerbridge problem; please report it with this message.' },
  115: { kind: 'bad_request', what: 'API2Cart says there are too many prefixes', todo: 'Please report this with this message.' },
  116: { kind: 'bad_request', what: 'API2Cart reports a duplicate', todo: 'Please report this with this message.' },
};

export function knownReturnCodes(): number[] {
  return Object.keys(MEANINGS).map(Number);
}

/** The error for a non-zero return code. `message` is API2Cart's own return_message. */
export function errorForCode(code: number, message: string, storeName: string): StoreApiError {
  const meaning = MEANINGS[code];
  const detail = message.trim() === '' ? '' : ` API2Cart said: "${message.trim()}" (code ${code}).`;
  if (!meaning) {
    return new StoreApiError(storeName, 'bad_response', `${storeName}: API2Cart answered with return code ${code}, which Ledgerbridge does not know.${detail || ` (code ${code})`} Try again later; report it if it persists.`);
  }
  return new StoreApiError(storeName, meaning.kind, `${storeName}: ${meaning.what}.${detail || ` (code ${code})`} ${meaning.todo}`);
}
