import { z } from 'zod';
import type { Collection, Tag } from '../domain/library';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

export interface LibraryInfo {
  /** Folder of the library; shown so users know where their data lives. */
  folder: string;
  schemaVersion: number;
  appVersion: string;
}

/** Calls about the library as a whole and the sidebar's lists. */
export const libraryCalls = {
  'library.info': query<LibraryInfo>()(z.object({})),
  'collections.list': query<Collection[]>()(z.object({})),
  'collections.create': mutation<Collection>()(
    z.object({
      name: Text(500).trim().min(1, 'a collection needs a name'),
      parentId: Id.nullable().default(null),
    }),
  ),
  'tags.list': query<Tag[]>()(z.object({})),
  'tags.setForItem': mutation<string[]>()(
    z.object({ itemId: Id, tags: z.array(Text(500).trim().min(1)).max(1_000) }),
  ),
};
