import { z } from 'zod';
import { query } from './define';
import type { LibraryCheck } from './events';

export interface LibraryInfo {
  /** Folder of the library; shown so users know where their data lives. */
  folder: string;
  schemaVersion: number;
  appVersion: string;
}

/** Calls about the library as a whole and the sidebar's lists. */
export const libraryCalls = {
  'library.info': query<LibraryInfo>()(z.object({})),
  /** The start-up integrity check: checking, ok, or damaged with the backup to offer. */
  'library.check': query<LibraryCheck>()(z.object({}).strict()),
};
