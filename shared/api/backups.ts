import { z } from 'zod';
import { mutation, query } from './define';

export interface Backup {
  name: string;
  /** Why it was made: daily, pre-migration, before-empty-trash, manual, … */
  reason: string;
  createdAt: string;
  size: number;
}

/** A backup file name as the engine writes it; nothing else (no paths) gets through. */
export const BackupName = z
  .string()
  .max(120)
  .regex(/^library-\d{8}T\d{9}Z-[a-z0-9-]{1,40}\.sqlite$/, 'not the name of a backup');

/** Settings → Backups: list, make one now, restore one. */
export const backupCalls = {
  'backups.list': query<Backup[]>()(z.object({}).strict()),
  'backups.create': mutation<Backup>()(z.object({}).strict()),
  'backups.restore': mutation<Backup>()(z.object({ name: BackupName }).strict()),
};
