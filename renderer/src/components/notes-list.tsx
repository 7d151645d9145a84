import { useCallback, useEffect, useState } from 'react';
import type { Note } from '../../../shared/domain/library';
import { plainNoteTitle } from '../../../shared/domain/note-title';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import { run } from '../lib/run';
import { useMarkdown } from '../lib/use-markdown';

interface Props {
  /** An item's notes, or null for the standalone ones. */
  itemId: number | null;
  onOpen(note: Note): void;
  /** Full view (standalone notes) shows rendered bodies; the item pane only titles. */
  full?: boolean;
  /** No "Add note" (the item is in the Trash). */
  readOnly?: boolean;
}

/** Notes of one item (in the item pane) or every standalone note (the Notes view). */
export function NotesList({ itemId, onOpen, full = false, readOnly = false }: Props) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [query, setQuery] = useState('');
  // only the full view renders bodies; its cards wait for the renderer rather than show raw text
  const renderMarkdown = useMarkdown(full);
  const load = useCallback(() => {
    // the Notes view searches every note (item notes too) through the full-text index
    if (full && query.trim())
      run(invoke('notes.search', { text: query }), (hits) => setNotes(hits.map((h) => h.note)));
    else run(invoke('notes.list', { itemId }), setNotes);
  }, [itemId, full, query]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('notes')) load();
  });
  const add = () => run(invoke('notes.create', { itemId, body: '' }), onOpen);
  return (
    <section
      className={full ? 'notes-view' : 'pane-section'}
      aria-label={full ? 'Standalone notes' : 'Notes'}
    >
      <h3>
        {full ? (query.trim() ? 'Matching notes' : 'Standalone notes') : 'Notes'}
        {readOnly ? null : (
          <button type="button" onClick={add}>
            {full ? 'New note' : 'Add note'}
          </button>
        )}
      </h3>
      {full ? (
        <input
          type="search"
          aria-label="Search notes"
          placeholder="Search all notes…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      ) : null}
      {notes.length === 0 ? <p className="hint">No notes yet.</p> : null}
      <ul className="note-list">
        {notes.map((n) => (
          <li key={n.id}>
            <button type="button" className="link" onClick={() => onOpen(n)}>
              {plainNoteTitle(n.title) || 'Untitled note'}
            </button>
            {full && renderMarkdown ? (
              <div
                className="markdown note-card"
                dangerouslySetInnerHTML={{ __html: renderMarkdown(n.body) }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
