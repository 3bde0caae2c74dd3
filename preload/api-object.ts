/**
 * Builds `window.ledgerbridge` from the contract for any transport. Electron's preload passes an
 * IPC invoke; the browser-mode adapter passes an HTTP POST. Both get exactly the same named
 * functions, so the renderer cannot tell which one it runs in.
 */
import {
  callNames,
  LedgerbridgeError,
  type ApiResult,
  type CallName,
  type EventName,
  type LedgerbridgeApi,
} from './contract';

export type Invoke = (name: CallName, request: unknown) => Promise<ApiResult<unknown>>;
export type Subscribe = (listener: (event: EventName, payload: unknown) => void) => () => void;

export function createApiObject(invoke: Invoke, subscribe: Subscribe): LedgerbridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = async (request: unknown) => {
      const result = await invoke(name, request ?? {});
      if (!result.ok) throw new LedgerbridgeError(result.error);
      return result.value;
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) =>
    subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  return api as LedgerbridgeApi;
}
