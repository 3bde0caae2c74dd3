import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Ledgerbridge';

/**
 * Where Ledgerbridge keeps its settings and company files: `--data-dir`, else
 * LEDGERBRIDGE_DATA_DIR, else the OS per-user application-data folder (the same folder
 * Electron's `app.getPath('userData')` picks, so the CLI and the desktop app share it).
 */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (flag) return flag;
  if (env.LEDGERBRIDGE_DATA_DIR) return env.LEDGERBRIDGE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME);
}
