import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../hosts/dispatch';
import { handlers } from '../library/handlers/index';
import type { Library } from '../library/library';
import { isTrustedFrame } from './app-origin';

export const INVOKE_CHANNEL = 'shelfmark:invoke';
export const EVENT_CHANNEL = 'shelfmark:event';

/** Calls are accepted only from our own top-level page, never from a frame or another origin. */
function trustedSender(e: IpcMainInvokeEvent): boolean {
  return isTrustedFrame(e.senderFrame);
}

/** One channel, one wrapper: name allowlist, sender check and schema validation for every call. */
export function registerIpc(library: Library): void {
  ipcMain.handle(INVOKE_CHANNEL, async (e, name: unknown, input: unknown) => {
    if (!trustedSender(e)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Calls are accepted only from Shelfmark’s own window.',
        },
      };
    }
    return dispatch(handlers, library, name, input);
  });
}
