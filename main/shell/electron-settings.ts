import ElectronStore from 'electron-store';
import { SettingsStore, type SettingsBacking } from '../settings/settings-store';

/** Settings through electron-store: the same file and schema the CLI reads through conf. */
export function openElectronSettings(dataDir: string): SettingsStore {
  const store = new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false });
  return new SettingsStore(store as unknown as SettingsBacking);
}
