/**
 * Browser mode's stand-in for the Electron preload: the same `window.ledgerbridge`, carried over
 * HTTP POST per call and server-sent events, to the loopback server started by `ledgerbridge serve`.
 * The session cookie (HttpOnly, SameSite=Strict) rides along; no token is visible to scripts.
 */
import { createApiObject } from './api-object';
import { BROWSER_API_PREFIX, BROWSER_EVENTS_PATH, isEventName, type ApiResult, type EventName } from './contract';

export function installBrowserBridge(target: Window & typeof globalThis = window): void {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let source: EventSource | undefined;

  const api = createApiObject(
    async (name, request) => {
      let response: Response;
      try {
        response = await fetch(BROWSER_API_PREFIX + name, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'offline', message: 'Ledgerbridge is not running any more: start `ledgerbridge serve` again.' },
        };
      }
      return (await response.json()) as ApiResult<unknown>;
    },
    (listener) => {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(BROWSER_EVENTS_PATH, { withCredentials: true });
        source.onmessage = (message) => {
          const { event, payload } = JSON.parse(message.data) as { event: unknown; payload: unknown };
          if (isEventName(event)) for (const l of listeners) l(event, payload);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  );
  Object.defineProperty(target, 'ledgerbridge', { value: Object.freeze(api), configurable: false });
}
