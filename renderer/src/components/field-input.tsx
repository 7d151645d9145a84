import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: string;
  multiline?: boolean;
  onCommit(value: string): void;
  readOnly?: boolean;
}

/** A labelled field that saves when it loses focus (or on Enter for single-line fields). */
export function FieldInput({ label, value, multiline, onCommit, readOnly }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const id = `field-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={draft}
          readOnly={readOnly}
          rows={label === 'Abstract' ? 6 : 3}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
        />
      ) : (
        <input
          id={id}
          value={draft}
          readOnly={readOnly}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
    </div>
  );
}
