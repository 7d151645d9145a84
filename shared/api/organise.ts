import { z } from 'zod';
import type { DuplicateGroup, MergeResult, UndoInfo } from '../domain/organise';
import { mutation, query } from './define';
import { Id, Ids, ItemView, ListSort, ReadStateSchema, Text } from './schemas';

const MergeGroup = z.object({
  masterId: Id,
  otherIds: Ids.max(1_000),
  /** `title`, `creators`, `fields.note`, … -> the item whose value to keep. */
  choices: z
    .record(
      z
        .string()
        .regex(/^(type|title|date|venue|doi|url|abstract|creators|fields\.[a-z0-9_+:.-]{1,64})$/i),
      Id,
    )
    .optional(),
});

/** A value's JSON text, or null when JSON cannot hold it (undefined, BigInt, a cycle). */
function jsonText(v: unknown): string | null {
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null;
  }
}

const UiKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9.-]{0,63}$/, 'invalid setting name');

/** Reading state, duplicates, trash and undo: the rest of organising a library. */
export const organiseCalls = {
  /** Star, reading state and rating of a selection. */
  'items.setFlags': mutation<number>()(
    z
      .object({
        ids: Ids,
        starred: z.boolean().optional(),
        readState: ReadStateSchema.optional(),
        rating: z.number().int().min(0).max(5).optional(),
      })
      .refine(
        (f) => f.starred !== undefined || f.readState !== undefined || f.rating !== undefined,
        {
          message: 'name at least one of starred, readState, rating',
        },
      ),
  ),
  /** Every id of a view, in order (select all); capped like every id list. */
  'items.ids': query<number[]>()(
    z.object({
      view: ItemView.default({ kind: 'library' }),
      /** As items.list: omitted means by relevance when searching, else newest first. */
      sort: ListSort.optional(),
      search: Text(1_000).default(''),
      tags: z.array(Text(500)).max(50).default([]),
      fullText: z.boolean().default(true),
    }),
  ),
  /** Item ids by citation key or key alias (for the CLI and scripts); unknown keys are left out. */
  'items.idsByKey': query<{ key: string; id: number }[]>()(
    z.object({ keys: z.array(Text(200)).min(1).max(10_000) }),
  ),
  'duplicates.find': query<DuplicateGroup[]>()(z.object({})),
  /** One group, or every group of the preview ("merge all") as one undoable action. */
  'duplicates.merge': mutation<MergeResult[]>()(
    z.object({ groups: z.array(MergeGroup).min(1).max(10_000) }),
  ),
  /** Deletes everything in the trash for good (the UI asks first). */
  'trash.empty': mutation<number>()(z.object({})),
  'undo.peek': query<UndoInfo | null>()(z.object({})),
  /** Undoes the last destructive action; returns what was undone. */
  'undo.apply': mutation<UndoInfo>()(z.object({})),
  /** Table layout and other UI preferences stored with the library. */
  'settings.getUi': query<unknown>()(z.object({ key: UiKey })),
  'settings.setUi': mutation<null>()(
    z.object({
      key: UiKey,
      value: z.unknown().superRefine((v, ctx) => {
        const json = jsonText(v);
        if (json === null) {
          ctx.addIssue({
            code: 'custom',
            message:
              'a setting must be a JSON value (null clears it), not missing, a BigInt or a cycle',
          });
        } else if (json.length > 100_000) {
          ctx.addIssue({ code: 'custom', message: 'setting too large' });
        }
      }),
    }),
  ),
  /** Loads the bundled sample library into this (empty) library. */
  'library.loadSample': mutation<{ items: number }>()(z.object({})),
};

export const SampleText = Text(100_000);
