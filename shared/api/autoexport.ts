import { z } from 'zod';
import type { AutoExport } from '../domain/autoexport';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

/** Auto-export bindings: a collection (or the library) kept in sync with a .bib file. */
export const autoExportCalls = {
  'autoExport.list': query<AutoExport[]>()(z.object({})),
  /** Binds and writes the file at once; `collectionId` null binds the whole library. */
  'autoExport.create': mutation<AutoExport>()(
    z.object({
      collectionId: Id.nullable().default(null),
      path: Text(4_096).min(1, 'choose a file to export to'),
      format: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,31}$/, 'unknown export format')
        .default('bibtex'),
    }),
  ),
  'autoExport.delete': mutation<null>()(z.object({ id: Id })),
  /** Exports now (the given bindings, or all) and returns their status. */
  'autoExport.run': mutation<AutoExport[]>()(
    z.object({ ids: z.array(Id).min(1).max(1_000).optional() }),
  ),
};
