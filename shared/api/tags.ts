import { z } from 'zod';
import type { Tag } from '../domain/library';
import { mutation, query } from './define';
import { Id, Ids, Text } from './schemas';

/** A tag name; `/` separates hierarchy levels (`ml/retrieval`). */
export const TagName = Text(500)
  .trim()
  .min(1, 'a tag needs a name')
  .refine((s) => s.split('/').some((p) => p.trim()), 'a tag needs a name');
const TagNames = z.array(TagName).min(1).max(1_000);
export const TagColor = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, 'a tag colour is a hex colour such as #e5484d');
const Position = z.number().int().min(1).max(9);

export const tagCalls = {
  'tags.list': query<Tag[]>()(z.object({})),
  /** Replaces one item's tags (the item pane's tag editor). */
  'tags.setForItem': mutation<string[]>()(
    z.object({ itemId: Id, tags: z.array(TagName).max(1_000) }),
  ),
  /** Bulk tagging of a selection. */
  'tags.add': mutation<number>()(z.object({ itemIds: Ids, names: TagNames })),
  'tags.remove': mutation<number>()(z.object({ itemIds: Ids, names: TagNames })),
  /** What pressing digit `position` does: toggle that coloured tag on the selection. */
  'tags.toggle': mutation<{ tag: string; added: boolean }>()(
    z.object({ itemIds: Ids, position: Position }),
  ),
  'tags.update': mutation<Tag>()(
    z.object({
      id: Id,
      color: TagColor.nullable().optional(),
      position: Position.nullable().optional(),
    }),
  ),
  /** Renames the tag and its children (`ml/x` follows `ml`). */
  'tags.rename': mutation<Tag>()(z.object({ id: Id, name: TagName })),
  /** Moves the sources' items onto the target and deletes the sources; undoable. */
  'tags.merge': mutation<Tag>()(z.object({ sourceIds: Ids.max(1_000), targetId: Id })),
  /** Undoable. */
  'tags.delete': mutation<number>()(z.object({ ids: Ids.max(10_000) })),
};
