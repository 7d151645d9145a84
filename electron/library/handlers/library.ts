import type { libraryCalls } from '../../../shared/api/library';
import { APP_VERSION } from '../../../shared/version';
import type { HandlerMap } from './types';

export const libraryHandlers: HandlerMap<keyof typeof libraryCalls> = {
  'library.info': (_input, lib) => ({
    folder: lib.folder,
    schemaVersion: lib.db.pragma('user_version', { simple: true }) as number,
    appVersion: APP_VERSION,
  }),
  'library.check': (_input, lib) => lib.checkStatus(),
};
