import type { ConnectionService } from '../connect/connection-service';
import type { DemoService } from '../demo/demo-service';
import type { EventBus } from '../events/event-bus';
import type { Keychain } from '../secrets/keychain';
import type { SettingsStore } from '../settings/settings-store';

/**
 * Everything a handler may use, built once by whoever hosts the app (Electron shell, browser-mode
 * server, CLI). Handlers get it passed in; none of them reaches for a global or for Electron.
 */
export interface AppContext {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  /** QuickBooks connections: OAuth, tokens (keychain + memory), one API client per company. */
  readonly connections: ConnectionService;
  /** The OS keychain: the only place secrets (tokens, store keys) are kept. */
  readonly keychain: Keychain;
  /** The demo company's stand-ins, started on first use and stopped with the app. */
  readonly demo: DemoService;
}
