// What a host does at start-up: open the library (backing up before any migration), and if it
// is damaged, offer the newest backup that passes integrity_check. The host supplies only the
// question (a dialog in Electron, a prompt elsewhere); the damaged file is never touched unless
// the user chooses to restore, and even then it is moved aside, not deleted.
import { AppError } from '../errors';
import { Library } from '../library';
import type { OpenOptions } from '../db/open';
import type { BackupInfo } from './backup-files';
import { restoreBackup, restoreClosedLibrary } from './backups';

export type AskRestore = (
  message: string,
  backup: Pick<BackupInfo, 'name' | 'createdAt'>,
) => Promise<boolean>;

export async function openOrOfferBackup(
  folder: string,
  options: OpenOptions,
  ask: AskRestore,
): Promise<Library> {
  try {
    return await Library.openAsync(folder, options);
  } catch (e) {
    const backup = (e as AppError).details as { backup?: BackupInfo | null } | undefined;
    if (!(e instanceof AppError) || e.code !== 'library_damaged' || !backup?.backup) throw e;
    if (!(await ask(e.message, backup.backup))) throw e;
    await restoreClosedLibrary(folder, backup.backup.name);
    return Library.openAsync(folder, options);
  }
}

/**
 * The open path leaves the full-file check to a worker (Library.openAsync). If it finds the
 * file damaged, ask the same question as a refused open and restore into the open library.
 * Resolves when the check has settled (and any restore is done).
 */
export async function offerBackupIfFoundDamaged(lib: Library, ask: AskRestore): Promise<void> {
  try {
    await lib.whenWritable();
  } catch (e) {
    const status = lib.checkStatus();
    if (status.state !== 'damaged' || !status.backup) throw e;
    if (!(await ask(status.message ?? (e as Error).message, status.backup))) return;
    await restoreBackup(lib, status.backup.name);
  }
}
