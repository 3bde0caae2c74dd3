import { mkdirSync } from 'node:fs';
import type { AppContext } from '../app/context';
import { APP_VERSION } from '../app/version';
import { ConnectionService, type ConnectionServiceDeps } from '../connect/connection-service';
import { DemoService } from '../demo/demo-service';
import { EventBus } from '../events/event-bus';
import { openExternal } from '../platform/open-external';
import { KEYCHAIN_SERVICE, osKeychain } from '../secrets/keychain';
import { openConfSettings } from '../settings/conf-settings';
import type { CliIo, GlobalOptions } from './command';

export interface NodeContextOptions extends Partial<Omit<ConnectionServiceDeps, 'settings' | 'events'>> {
  /** Keychain service name (default `Ledgerbridge`); env LEDGERBRIDGE_KEYCHAIN_SERVICE in the CLI. */
  keychainService?: string;
}

/** The app context for plain Node: conf-backed settings in the data folder, the OS keychain. */
export function createNodeContext(dataDir: string, mode: AppContext['mode'], options: NodeContextOptions = {}): AppContext {
  mkdirSync(dataDir, { recursive: true });
  const settings = openConfSettings(dataDir);
  const events = new EventBus();
  const { keychainService, ...deps } = options;
  const keychain = deps.keychain ?? osKeychain(keychainService ?? KEYCHAIN_SERVICE);
  const connections = new ConnectionService({
    ...deps,
    settings,
    events,
    keychain,
    openUrl: deps.openUrl ?? ((url) => openExternal(url)),
  });
  return { version: APP_VERSION, mode, dataDir, settings, events, connections, keychain, demo: new DemoService(deps.log) };
}

/**
 * The context a CLI command works in. Built in one place so every command reads the same data
 * folder and the same keychain service, and a command's own keychain reaches its connections too.
 */
export function cliContext(globals: GlobalOptions, io: CliIo, options: NodeContextOptions = {}): AppContext {
  return createNodeContext(globals.dataDir, 'browser', { keychainService: io.env.LEDGERBRIDGE_KEYCHAIN_SERVICE, ...options });
}
