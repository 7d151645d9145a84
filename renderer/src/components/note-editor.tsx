import { useEffect, useMemo, useRef, useState } from 'react';
import type { Note } from '../../../shared/domain/library';
import { plainNoteTitle } from '../../../shared/domain/note-title';
import { invoke } from '../api/client';
import { useNoteItemTrashed } from '../hooks/use-note-item-trashed';
import { run } from '../lib/run';
import { useMarkdown } from '../lib/use-markdown';

interface Props {
  note: Note | null;
  onClose(): void;
}

/**
 * The larger note editor: Markdown on the left, its sanitised rendering on the right. A note
 * of an item in the Trash only shows its rendering, as the item pane shows the item read-only.
 */
export function NoteEditor({ note, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const trashed = useNoteItemTrashed(note);
  // opens once it is known whether the note may be edited, so no keystroke lands in an
  // editor that is about to turn read-only
  const ready = note !== null && trashed !== undefined;
  const readOnly = trashed === true;
  const [body, setBody] = useState('');
  const [title, setTitle] = useState('');
  // what the engine holds: the note as opened, then as last saved (the parent keeps the
  // note it opened, so comparing with it would call a saved note unsaved)
  const [saved, setSaved] = useState({ title: '', body: '' });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (note && ready) {
      setBody(note.body);
      setTitle(note.title);
      setSaved({ title: note.title, body: note.body });
      if (!d.open) {
        d.showModal();
        // the body, not the title (it defaults to the body's first line): typed Markdown
        // lands in the one-line title field otherwise and loses its line breaks
        d.querySelector('textarea')?.focus();
      }
    } else if (!note && d.open) d.close();
  }, [note, ready]);
  const renderMarkdown = useMarkdown(note !== null);
  // the preview stays empty for the moment the renderer takes to load on first use
  const html = useMemo(() => (renderMarkdown ? renderMarkdown(body) : ''), [renderMarkdown, body]);
  const dirty = note !== null && !readOnly && (body !== saved.body || title !== saved.title);
  const save = (then?: () => void) => {
    if (!note || !dirty) {
      then?.();
      return;
    }
    run(invoke('notes.update', { id: note.id, title, body }), () => {
      setSaved({ title, body });
      then?.();
    });
  };
  return (
    <dialog
      ref={ref}
      className="dialog note-dialog"
      aria-label="Note editor"
      onCancel={(e) => {
        e.preventDefault();
        save(onClose);
      }}
    >
      {note && ready && readOnly ? (
        <ReadOnlyNote title={title} html={html} onClose={onClose} />
      ) : note && ready ? (
        <div className="note-editor">
          <input
            aria-label="Note title"
            placeholder="Title (defaults to the first line)"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <div className="note-split">
            <textarea
              aria-label="Note (Markdown)"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={(e) => {
                if ((e.ctrlKey || e.metaKey) && e.key === 's') {
                  e.preventDefault();
                  save();
                }
              }}
            />
            <NotePreview html={html} />
          </div>
          <div className="dialog-buttons">
            <button
              type="button"
              className="danger"
              onClick={() => run(invoke('notes.delete', { id: note.id }), onClose)}
            >
              Delete note
            </button>
            <span className="spacer" />
            <span className="hint">{dirty ? 'Unsaved changes' : 'Saved'}</span>
            <button type="button" onClick={() => save()} disabled={!dirty}>
              Save
            </button>
            <button type="button" className="primary" onClick={() => save(onClose)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

function ReadOnlyNote({ title, html, onClose }: { title: string; html: string; onClose(): void }) {
  return (
    <div className="note-editor">
      <p className="trash-banner" role="status">
        This note’s item is in the Trash, so the note cannot be edited. Restore the item to make
        changes.
      </p>
      <h2>{plainNoteTitle(title) || 'Untitled note'}</h2>
      <div className="note-split read-only">
        <NotePreview html={html} />
      </div>
      <div className="dialog-buttons">
        <span className="spacer" />
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The rendered note: `html` comes from renderMarkdown, which sanitises it with DOMPurify. */
function NotePreview({ html }: { html: string }) {
  return (
    <div
      className="note-preview markdown"
      role="region"
      aria-label="Preview"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
