// The whole bridge: one invoke and one event subscription. The renderer gets no ipcRenderer,
// no Node, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'shelfmark:invoke';
const EVENT_CHANNEL = 'shelfmark:event';

contextBridge.exposeInMainWorld('shelfmark', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  onEvent: (listener: (name: string, payload: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
