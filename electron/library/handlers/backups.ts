import type { backupCalls } from '../../../shared/api/backups';
import { backupLibrary, listBackups, restoreBackup } from '../safety/backups';
import type { HandlerMap } from './types';

export const backupHandlers: HandlerMap<keyof typeof backupCalls> = {
  'backups.list': (_input, lib) => listBackups(lib.folder),
  'backups.create': (_input, lib) => backupLibrary(lib, 'manual'),
  'backups.restore': ({ name }, lib) => restoreBackup(lib, name),
};
