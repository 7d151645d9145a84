import { useEffect, useRef, useState } from 'react';
import { ANNOTATION_COLORS, type Annotation } from '../../../shared/domain/attachment';
import { invoke } from '../api/client';

interface Props {
  annotations: Annotation[];
  selectedId: number | null;
  onSelect(a: Annotation): void;
  onChanged(): void;
  onError(message: string): void;
}

const KIND_LABEL = { highlight: 'Highlight', underline: 'Underline', note: 'Note' } as const;

function CommentBox({
  a,
  focus,
  onError,
  onChanged,
}: {
  a: Annotation;
  focus: boolean;
  onError(m: string): void;
  onChanged(): void;
}) {
  const [value, setValue] = useState(a.comment);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setValue(a.comment), [a.comment]);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  const save = () => {
    if (value === a.comment) return;
    invoke('annotations.update', { id: a.id, patch: { comment: value } })
      .then(onChanged)
      .catch((e: unknown) => onError((e as Error).message));
  };
  return (
    <textarea
      ref={ref}
      aria-label={`Comment on ${KIND_LABEL[a.kind].toLowerCase()} on page ${a.page}`}
      placeholder="Add a comment…"
      value={value}
      rows={2}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
      }}
    />
  );
}

/** Recolours an annotation in place: a wrong colour must not cost its comment (delete, redo). */
function ColourChoice({
  a,
  onError,
  onChanged,
}: {
  a: Annotation;
  onError(m: string): void;
  onChanged(): void;
}) {
  const choose = (color: string) => {
    if (color === a.color) return;
    invoke('annotations.update', { id: a.id, patch: { color } })
      .then(onChanged)
      .catch((e: unknown) => onError((e as Error).message));
  };
  return (
    <span
      role="group"
      aria-label={`Colour of ${KIND_LABEL[a.kind].toLowerCase()} on page ${a.page}`}
      className="swatches small"
    >
      {ANNOTATION_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className={`swatch${c === a.color ? ' chosen' : ''}`}
          style={{ background: c }}
          aria-label={c}
          aria-pressed={c === a.color}
          onClick={() => choose(c)}
        />
      ))}
    </span>
  );
}

/** The reader's side list: every annotation in page order, each with its comment. */
export function ReaderAnnotations({
  annotations,
  selectedId,
  onSelect,
  onChanged,
  onError,
}: Props) {
  const remove = (a: Annotation) =>
    invoke('annotations.delete', { id: a.id })
      .then(onChanged)
      .catch((e: unknown) => onError((e as Error).message));
  return (
    <aside className="reader-annotations" aria-label="Annotations">
      <h2>Annotations</h2>
      {annotations.length === 0 ? (
        <p className="empty-note">Select text to highlight or underline it.</p>
      ) : null}
      <ol>
        {annotations.map((a) => (
          <li key={a.id} className={a.id === selectedId ? 'selected' : ''} data-annotation={a.id}>
            <button type="button" className="annotation-head" onClick={() => onSelect(a)}>
              <span className="colour-mark" style={{ background: a.color }} aria-hidden="true" />
              {KIND_LABEL[a.kind]} · p. {a.page}
            </button>
            {a.quote ? <blockquote>{a.quote}</blockquote> : null}
            <CommentBox a={a} focus={a.id === selectedId} onError={onError} onChanged={onChanged} />
            <ColourChoice a={a} onError={onError} onChanged={onChanged} />
            <button
              type="button"
              className="link danger"
              onClick={() => void remove(a)}
              aria-label={`Delete ${KIND_LABEL[a.kind].toLowerCase()} on page ${a.page}`}
            >
              Delete
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
