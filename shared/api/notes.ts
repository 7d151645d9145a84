import { z } from 'zod';
import type { Note } from '../domain/library';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

const Body = Text(1_000_000);

export interface NoteHitOut {
  note: Note;
  snippet: string;
}

/** Markdown notes attached to an item (`itemId`) or standalone (`itemId: null`). */
export const noteCalls = {
  'notes.list': query<Note[]>()(z.object({ itemId: Id.nullable() })),
  'notes.get': query<Note>()(z.object({ id: Id })),
  'notes.create': mutation<Note>()(
    z.object({
      itemId: Id.nullable().default(null),
      title: Text(500).default(''),
      body: Body.default(''),
    }),
  ),
  'notes.update': mutation<Note>()(
    z.object({ id: Id, title: Text(500).optional(), body: Body.optional() }),
  ),
  /** Undoable. */
  'notes.delete': mutation<null>()(z.object({ id: Id })),
  'notes.search': query<NoteHitOut[]>()(
    z.object({ text: Text(1_000), limit: z.number().int().min(1).max(500).default(50) }),
  ),
};
