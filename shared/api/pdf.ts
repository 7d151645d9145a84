// Attachments, the PDF reader's annotations and the full-text index.
import { z } from 'zod';
import {
  ANNOTATION_KINDS,
  type Annotation,
  type Attachment,
  type FullTextHit,
  type PdfMetadata,
} from '../domain/attachment';
import type { Item } from '../domain/item';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

/** Base64 of a file sent by the web renderer: 45 MiB of PDF fits the host's 64 MiB body cap. */
export const MAX_BASE64 = 60_000_000;

const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !s.includes('\0'), 'file name contains a NUL byte');

export const FileSourceSchema = z.discriminatedUnion('kind', [
  /** A file the user picked on disk (CLI, Electron); the engine checks it is a regular file. */
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4_096) }),
  /** File content from the web renderer (a drop or a file input). */
  z.object({
    kind: z.literal('data'),
    name: FileName,
    base64: z
      .string()
      .min(1)
      .max(MAX_BASE64, 'file too large to send through the web host (45 MiB at most)')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'content is not base64'),
  }),
]);

const AttachMode = z.enum(['stored', 'linked']).default('stored');

const Coord = z.number().finite().min(-100_000).max(100_000);
const RectSchema = z.tuple([Coord, Coord, Coord, Coord]);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');

export interface FileContent {
  name: string;
  size: number;
  base64: string;
}

export const pdfCalls = {
  'attachments.list': query<Attachment[]>()(z.object({ itemId: Id })),
  'attachments.get': query<Attachment>()(z.object({ id: Id })),
  /** Attach a PDF to an item: copied into the library (stored) or linked where it is. */
  'attachments.add': mutation<{ attachment: Attachment; metadata: PdfMetadata }>()(
    z.object({ itemId: Id, source: FileSourceSchema, mode: AttachMode }),
  ),
  /** A new item from a PDF, its fields from the PDF's own metadata. */
  'attachments.import': mutation<{ item: Item; attachment: Attachment; metadata: PdfMetadata }>()(
    z.object({ source: FileSourceSchema, mode: AttachMode }),
  ),
  'attachments.remove': mutation<number>()(z.object({ id: Id })),
  /** Re-applies the name pattern (`Author - Year - Title.pdf`) after the item changed. */
  'attachments.rename': mutation<Attachment>()(z.object({ id: Id })),
  /** The file's bytes for the reader. */
  'attachments.content': query<FileContent>()(z.object({ id: Id })),
  'attachments.metadata': query<PdfMetadata>()(z.object({ id: Id })),
  /** (Re)builds the attachment's full-text pages; resolves with the page count. */
  'attachments.index': mutation<number>()(z.object({ id: Id })),
  /** A copy of the PDF with the annotations written in as standard PDF annotations. */
  'attachments.exportAnnotated': query<FileContent>()(z.object({ id: Id })),
  'fulltext.search': query<FullTextHit[]>()(
    z.object({ query: Text(1_000), limit: z.number().int().min(1).max(500).default(50) }),
  ),
  'annotations.list': query<Annotation[]>()(
    z
      .object({ attachmentId: Id.optional(), itemId: Id.optional() })
      .refine((v) => (v.attachmentId === undefined) !== (v.itemId === undefined), {
        message: 'give attachmentId or itemId',
      }),
  ),
  'annotations.create': mutation<Annotation>()(
    z.object({
      attachmentId: Id,
      kind: z.enum(ANNOTATION_KINDS),
      page: z.number().int().min(1).max(100_000),
      rects: z.array(RectSchema).min(1).max(1_000),
      quote: Text(20_000).default(''),
      comment: Text(100_000).default(''),
      color: Color.default('#ffd400'),
    }),
  ),
  'annotations.update': mutation<Annotation>()(
    z.object({
      id: Id,
      patch: z
        .object({ kind: z.enum(ANNOTATION_KINDS), comment: Text(100_000), color: Color })
        .partial(),
    }),
  ),
  'annotations.delete': mutation<number>()(z.object({ id: Id })),
  /** All annotations of a PDF as a Markdown child note (quote, comment, page link). */
  'annotations.extractToNote': mutation<{ noteId: number; markdown: string }>()(
    z.object({ attachmentId: Id }),
  ),
};
