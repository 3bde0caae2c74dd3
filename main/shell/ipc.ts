/**
 * IPC registration: one channel for calls, checked against the sender before dispatch. Only the
 * main frame of our own window, showing our own renderer file, may call.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ApiResult } from '../../preload/contract';
import type { AppContext } from '../app/context';
import { dispatch } from '../api/dispatch';

export function registerIpc(ctx: AppContext, window: BrowserWindow, rendererDir: string): () => void {
  const rendererUrl = pathToFileURL(rendererDir).href;

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      event.sender === window.webContents &&
      frame !== null &&
      frame === window.webContents.mainFrame &&
      frame.url.startsWith(rendererUrl + '/')
    );
  };

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, request: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'This frame may not call Ledgerbridge.' } };
    return dispatch(ctx, name, request);
  });

  const unsubscribe = ctx.events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
