import type { Database } from 'better-sqlite3';
import type { Note } from '../../../shared/domain/library';
import { notFound } from '../errors';
import { now } from '../items/repo';
import { ftsQuery } from '../items/list';
import { capture, recordUndo } from './undo';

interface NoteDbRow {
  id: number;
  item_id: number | null;
  title: string;
  body: string;
  date_added: string;
  date_modified: string;
}

const toNote = (r: NoteDbRow): Note => ({
  id: r.id,
  itemId: r.item_id,
  title: r.title,
  body: r.body,
  dateAdded: r.date_added,
  dateModified: r.date_modified,
});

const COLS = 'id, item_id, title, body, date_added, date_modified';

/** A note without a title is listed by its first line, stripped of Markdown heading marks. */
export function titleFrom(body: string): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  return line
    .replace(/^\s*#{1,6}\s*/, '')
    .trim()
    .slice(0, 200);
}

export function getNote(db: Database, id: number): Note {
  const r = db
    .prepare<[number], NoteDbRow>(`SELECT ${COLS} FROM notes WHERE id = ? AND deleted_at IS NULL`)
    .get(id);
  if (!r) throw notFound('Note', id);
  return toNote(r);
}

/** An item's notes, or with `itemId: null` the standalone ones; newest change first. */
export function listNotes(db: Database, itemId: number | null): Note[] {
  return db
    .prepare<[number | null], NoteDbRow>(
      `SELECT ${COLS} FROM notes WHERE item_id IS ? AND deleted_at IS NULL
       ORDER BY date_modified DESC, id DESC`,
    )
    .all(itemId)
    .map(toNote);
}

export function createNote(
  db: Database,
  input: { itemId: number | null; title: string; body: string },
): Note {
  if (input.itemId !== null && !db.prepare('SELECT 1 FROM items WHERE id = ?').get(input.itemId)) {
    throw notFound('Item', input.itemId);
  }
  const stamp = now();
  const id = db
    .prepare(
      'INSERT INTO notes (item_id, title, body, date_added, date_modified) VALUES (?, ?, ?, ?, ?)',
    )
    .run(input.itemId, input.title.trim() || titleFrom(input.body), input.body, stamp, stamp)
    .lastInsertRowid as number;
  return getNote(db, id);
}

export function updateNote(
  db: Database,
  id: number,
  patch: { title?: string | undefined; body?: string | undefined },
): Note {
  const note = getNote(db, id);
  const body = patch.body ?? note.body;
  // a title derived from the first line follows the body until the user names the note
  const derived = note.title === titleFrom(note.body);
  const title =
    patch.title !== undefined
      ? patch.title.trim() || titleFrom(body)
      : derived
        ? titleFrom(body)
        : note.title;
  db.prepare('UPDATE notes SET title = ?, body = ?, date_modified = ? WHERE id = ?').run(
    title,
    body,
    now(),
    id,
  );
  return getNote(db, id);
}

export function deleteNote(db: Database, id: number): void {
  const note = getNote(db, id);
  const snap = capture(db, [{ table: 'notes', scope: { id: [id] } }]);
  db.prepare('DELETE FROM notes WHERE id = ?').run(id);
  recordUndo(db, `Delete note "${note.title || 'untitled'}"`, snap);
}

export interface NoteHit {
  note: Note;
  /** Plain text around the match; the renderer marks nothing up from it. */
  snippet: string;
}

/** Full-text search over note titles and bodies, best match first. */
export function searchNotes(db: Database, text: string, limit: number): NoteHit[] {
  const match = ftsQuery(text);
  if (!match) return [];
  return db
    .prepare<[string, number], NoteDbRow & { snippet: string }>(
      `SELECT n.id, n.item_id, n.title, n.body, n.date_added, n.date_modified,
         snippet(notes_fts, 1, '', '', '…', 12) AS snippet
       FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
       WHERE notes_fts MATCH ? AND n.deleted_at IS NULL
       ORDER BY bm25(notes_fts) LIMIT ?`,
    )
    .all(match, limit)
    .map((r) => ({ note: toNote(r), snippet: r.snippet }));
}
