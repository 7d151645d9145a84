// Building blocks reused by the domain call maps.
import { z } from 'zod';
import { CREATOR_ROLES, READ_STATES, SORT_COLUMNS } from '../domain/item';

export const Id = z.number().int().positive();
export const Ids = z.array(Id).min(1).max(100_000);

/** Free text with a generous cap, so a hostile caller cannot make us store megabytes per field. */
export const Text = (max = 100_000) => z.string().max(max);

export const ItemType = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,31}$/, 'item type must be a lower-case BibLaTeX type such as article');

/** BibLaTeX keys are ASCII-ish and must not contain characters that end a key in a .bib file. */
export const CitationKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s{}(),"#%'=\\~]+$/, 'citation key contains a character BibTeX does not accept');

export const CreatorInput = z.object({
  role: z.enum(CREATOR_ROLES).default('author'),
  family: Text(500).default(''),
  given: Text(500).default(''),
  prefix: Text(100).default(''),
  suffix: Text(100).default(''),
  literal: Text(500).default(''),
});

export const FieldName = z.string().regex(/^[a-z][a-z0-9_+:.-]{0,63}$/i, 'invalid field name');

export const ItemView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('library') }),
  z.object({ kind: z.literal('unfiled') }),
  z.object({ kind: z.literal('trash') }),
  z.object({ kind: z.literal('starred') }),
  z.object({ kind: z.literal('unread') }),
  z.object({ kind: z.literal('collection'), id: Id }),
  z.object({ kind: z.literal('tag'), name: Text(500) }),
]);

export const Sort = z.object({
  column: z.enum(SORT_COLUMNS),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const ReadStateSchema = z.enum(READ_STATES);
