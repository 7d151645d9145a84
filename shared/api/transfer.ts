// Import, export and citation keys.
import { z } from 'zod';
import type { ImportReport } from '../domain/import';
import type { Item } from '../domain/item';
import { mutation, query } from './define';
import { CitationKey, Id, Ids, Text } from './schemas';

export const OnDuplicateSchema = z.enum(['skip', 'import', 'merge']);
export const FormatId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'unknown format id');

export interface FormatInfo {
  id: string;
  label: string;
  extensions: string[];
}

export const ExportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('library') }),
  z.object({ kind: z.literal('selection'), ids: Ids }),
  z.object({ kind: z.literal('collection'), id: Id }),
  z.object({ kind: z.literal('collectionName'), name: Text(500).min(1) }),
]);

/** 256 MB of text is far beyond any real bibliography and still bounded. */
const MAX_TEXT = 256 * 1024 * 1024;

export const transferCalls = {
  /**
   * Imports one file's content (text, or raw bytes as base64 so the engine detects the
   * encoding). One transaction per call.
   */
  'import.text': mutation<ImportReport>()(
    z
      .object({
        text: z.string().max(MAX_TEXT).optional(),
        base64: z
          .string()
          .max(Math.ceil(MAX_TEXT / 3) * 4)
          .optional(),
        fileName: Text(1_000).default('pasted text'),
        format: FormatId.optional(),
        onDuplicate: OnDuplicateSchema.default('skip'),
        /** Absolute folder of the imported file: attachment paths inside it get linked. */
        baseDir: z
          .string()
          .max(4_096)
          .regex(/^(\/|[A-Za-z]:[\\/])/, 'baseDir must be an absolute folder')
          .optional(),
      })
      .refine((x) => (x.text === undefined) !== (x.base64 === undefined), {
        message: 'give exactly one of text or base64',
      }),
  ),
  'import.formats': query<FormatInfo[]>()(z.object({})),
  /** The file content of an export, in a stable order (by citation key). */
  'export.items': query<string>()(
    z.object({
      format: FormatId,
      scope: ExportScopeSchema.default({ kind: 'library' }),
    }),
  ),
  'export.formats': query<FormatInfo[]>()(z.object({})),
  /** The only way a key changes; the old key is kept as an alias. */
  'items.renameKey': mutation<Item>()(z.object({ id: Id, key: CitationKey })),
  'keys.getPattern': query<string>()(z.object({})),
  'keys.setPattern': mutation<string>()(z.object({ pattern: Text(200).min(1) })),
};
