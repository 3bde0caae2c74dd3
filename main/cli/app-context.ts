import { mkdirSync } from 'node:fs';
import type { AppContext } from '../app/context';
import { APP_VERSION } from '../app/version';
import { EventBus } from '../events/event-bus';
import { openConfSettings } from '../settings/conf-settings';

/** The app context for plain Node: conf-backed settings in the data folder. */
export function createNodeContext(dataDir: string, mode: AppContext['mode']): AppContext {
  mkdirSync(dataDir, { recursive: true });
  return { version: APP_VERSION, mode, dataDir, settings: openConfSettings(dataDir), events: new EventBus() };
}
