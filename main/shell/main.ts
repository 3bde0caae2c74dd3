/**
 * Electron entry. The only folder that imports `electron`: it builds the same AppContext as the
 * CLI, registers IPC and opens the hardened window. Everything it calls is plain Node.
 */
import { app, BrowserWindow, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context';
import { APP_VERSION } from '../app/version';
import { ConnectionService } from '../connect/connection-service';
import { companySync } from '../company-sync/company-sync';
import { DemoService } from '../demo/demo-service';
import { EventBus } from '../events/event-bus';
import { resolveDataDir } from '../platform/data-dir';
import { preloadPath, rendererDir } from '../platform/app-paths';
import { reconcileWorker } from '../reconcile/worker/host';
import { osKeychain } from '../secrets/keychain';
import { openElectronSettings } from './electron-settings';
import { registerIpc } from './ipc';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' }, demo: { type: 'boolean' } }, strict: false });
const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
mkdirSync(dataDir, { recursive: true });
app.setPath('userData', dataDir);
app.setName('Ledgerbridge');

if (!app.requestSingleInstanceLock()) app.quit();
hardenApp();

app.whenReady().then(() => {
  hardenSession();
  const settings = openElectronSettings(dataDir);
  const events = new EventBus();
  const keychain = osKeychain();
  const connections = new ConnectionService({
    settings,
    events,
    keychain,
    // The system browser, never a window of ours: the user signs in to Intuit where they always do.
    openUrl: (url) => shell.openExternal(url).then(
      () => true,
      () => false,
    ),
  });
  const ctx: AppContext = { version: APP_VERSION, mode: 'electron', dataDir, settings, events, connections, keychain, demo: new DemoService() };
  companySync(ctx).startSchedule();
  app.on('will-quit', () => {
    void companySync(ctx).stop();
    void reconcileWorker().close();
    void ctx.demo.stop();
  });
  const renderer = rendererDir();
  const window = createMainWindow({ preloadPath: preloadPath(), rendererDir: renderer, settings: ctx.settings });
  registerIpc(ctx, window, renderer);
  // `npm run demo`: open the demo company at start; the company list follows its events.
  if (values.demo === true) void ctx.demo.open(ctx).catch((error: unknown) => console.error(`ledgerbridge: the demo company could not be opened: ${String(error)}`));
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' || BrowserWindow.getAllWindows().length === 0) app.quit();
});
