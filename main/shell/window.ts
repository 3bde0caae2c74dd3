import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { SettingsStore } from '../settings/settings-store';

export function createMainWindow(options: { preloadPath: string; rendererDir: string; settings: SettingsStore }): BrowserWindow {
  const saved = options.settings.read().window;
  const window = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    ...(saved?.x !== undefined && saved?.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Ledgerbridge',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    options.settings.update((s) => ({ ...s, window: { ...bounds, maximized: window.isMaximized() } }));
  });
  void window.loadFile(join(options.rendererDir, 'index.html'));
  return window;
}
