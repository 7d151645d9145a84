import type { noteCalls } from '../../../shared/api/notes';
import {
  createNote,
  deleteNote,
  getNote,
  listNotes,
  searchNotes,
  updateNote,
} from '../organise/notes';
import type { HandlerMap } from './types';

export const noteHandlers: HandlerMap<keyof typeof noteCalls> = {
  'notes.list': ({ itemId }, lib) => listNotes(lib.db, itemId),
  'notes.get': ({ id }, lib) => getNote(lib.db, id),
  'notes.create': (input, lib) => {
    const n = lib.write(() => createNote(lib.db, input));
    lib.changed(['notes'], n.itemId === null ? undefined : [n.itemId]);
    return n;
  },
  'notes.update': ({ id, title, body }, lib) => {
    const n = lib.write(() => updateNote(lib.db, id, { title, body }));
    lib.changed(['notes'], n.itemId === null ? undefined : [n.itemId]);
    return n;
  },
  'notes.delete': ({ id }, lib) => {
    lib.write(() => deleteNote(lib.db, id));
    lib.changed(['notes', 'undo']);
    return null;
  },
  'notes.search': ({ text, limit }, lib) => searchNotes(lib.db, text, limit),
};
