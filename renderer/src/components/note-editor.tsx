import { useEffect, useMemo, useRef, useState } from 'react';
import type { Note } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';
import { useMarkdown } from '../lib/use-markdown';

interface Props {
  note: Note | null;
  onClose(): void;
}

/** The larger note editor: Markdown on the left, its sanitised rendering on the right. */
export function NoteEditor({ note, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState('');
  const [title, setTitle] = useState('');
  // what the engine holds: the note as opened, then as last saved (the parent keeps the
  // note it opened, so comparing with it would call a saved note unsaved)
  const [saved, setSaved] = useState({ title: '', body: '' });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (note) {
      setBody(note.body);
      setTitle(note.title);
      setSaved({ title: note.title, body: note.body });
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  }, [note]);
  const renderMarkdown = useMarkdown(note !== null);
  // the preview stays empty for the moment the renderer takes to load on first use
  const html = useMemo(() => (renderMarkdown ? renderMarkdown(body) : ''), [renderMarkdown, body]);
  const dirty = note !== null && (body !== saved.body || title !== saved.title);
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
      {note ? (
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
            <div
              className="note-preview markdown"
              role="region"
              aria-label="Preview"
              // sanitised by DOMPurify in renderMarkdown
              dangerouslySetInnerHTML={{ __html: html }}
            />
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
