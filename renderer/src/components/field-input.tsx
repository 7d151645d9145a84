import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: string;
  multiline?: boolean;
  /** A wrapped one-line value (a title): Enter saves it, Shift+Enter still breaks the line. */
  enterCommits?: boolean;
  onCommit(value: string): void;
  readOnly?: boolean;
  /** A problem with the saved value, shown under the field; it never stops a save. */
  warning?: string | null;
}

/** A labelled field that saves when it loses focus (or on Enter for single-line fields). */
export function FieldInput({
  label,
  value,
  multiline,
  enterCommits,
  onCommit,
  readOnly,
  warning,
}: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const id = `field-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const described = warning
    ? { 'aria-invalid': true, 'aria-describedby': `${id}-warning` }
    : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={draft}
          readOnly={readOnly}
          {...described}
          rows={label === 'Abstract' ? 6 : 3}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            // as in Zotero: a title is one line that wraps, and Enter is how it is saved
            if (enterCommits && e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              commit();
            }
          }}
        />
      ) : (
        <input
          id={id}
          value={draft}
          readOnly={readOnly}
          {...described}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
      {warning ? (
        <p id={`${id}-warning`} className="field-warning">
          {warning}
        </p>
      ) : null}
    </div>
  );
}
