import type { LedgerbridgeApi } from '../../preload/contract';

declare global {
  interface Window {
    /** The only way the renderer reaches main: Electron's preload or the browser-mode adapter. */
    readonly ledgerbridge: LedgerbridgeApi;
  }
}
