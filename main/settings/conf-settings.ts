import Conf from 'conf';
import { SettingsStore } from './settings-store';

/** Settings for plain Node (CLI, browser mode, tests), in the same file electron-store uses. */
export function openConfSettings(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'ledgerbridge',
    cwd: dataDir,
    configName: 'settings',
    clearInvalidConfig: false,
  });
  return new SettingsStore(conf);
}
