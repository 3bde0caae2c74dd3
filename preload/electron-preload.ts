/**
 * Electron preload: exposes the contract as `window.ledgerbridge` through contextBridge. Only
 * named functions cross the bridge; the renderer never sees ipcRenderer or an IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApiObject } from './api-object';
import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  isEventName,
  type ApiResult,
  type EventName,
} from './contract';

const api = createApiObject(
  (name, request) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, request) as Promise<ApiResult<unknown>>,
  (listener) => {
    const onEvent = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) => {
      if (isEventName(name)) listener(name as EventName, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  },
);

contextBridge.exposeInMainWorld('ledgerbridge', api);
