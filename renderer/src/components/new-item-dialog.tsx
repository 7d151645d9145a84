import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ITEM_TYPES, type Item } from '../../../shared/domain/item';
import { parseTypedName } from '../../../shared/domain/names';
import { dateProblem, doiProblem } from '../../../shared/domain/field-checks';
import { invoke } from '../api/client';

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(item: Item): void;
}

/** Add a paper by hand: the fields a user has in front of them when typing one in. */
export function NewItemDialog({ open, onClose, onCreated }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  // the values as last left, checked as the item pane checks its saved ones
  const [left, setLeft] = useState({ year: '', doi: '' });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    if (!text('title')) {
      setError('A title is required.');
      return;
    }
    const form = e.currentTarget;
    invoke('items.create', {
      type: text('type') || 'article',
      title: text('title'),
      creators: text('authors')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => parseTypedName(l)),
      date: text('year'),
      venue: text('venue'),
      doi: text('doi'),
      url: text('url'),
      abstract: text('abstract'),
    })
      .then((item) => {
        setError(null);
        setLeft({ year: '', doi: '' });
        form.reset();
        onCreated(item);
      })
      .catch((err: unknown) => setError((err as Error).message));
  }

  return (
    <dialog ref={ref} aria-labelledby="new-item-title" onClose={onClose} className="dialog">
      <form method="dialog" onSubmit={submit}>
        <h2 id="new-item-title">New item</h2>
        <label>
          Item type
          <select name="type" defaultValue="article">
            {ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title
          <input name="title" required autoFocus />
        </label>
        <label>
          Authors (one per line, “Family, Given”)
          <textarea name="authors" rows={3} />
        </label>
        <CheckedInput
          label="Year"
          name="year"
          inputMode="numeric"
          warning={dateProblem(left.year)}
          onLeave={(year) => setLeft((l) => ({ ...l, year }))}
        />
        <label>
          Venue
          <input name="venue" />
        </label>
        <CheckedInput
          label="DOI"
          name="doi"
          warning={doiProblem(left.doi)}
          onLeave={(doi) => setLeft((l) => ({ ...l, doi }))}
        />
        <label>
          URL
          <input name="url" type="url" />
        </label>
        <label>
          Abstract
          <textarea name="abstract" rows={4} />
        </label>
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Add item
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface CheckedInputProps {
  label: string;
  name: string;
  inputMode?: 'numeric';
  /** A problem with the value as last left; it never stops the item being added. */
  warning: string | null;
  onLeave(value: string): void;
}

/** A field of the form with the item pane's inline warning under it (see field-input.tsx). */
function CheckedInput({ label, name, inputMode, warning, onLeave }: CheckedInputProps) {
  const warningId = `new-item-${name}-warning`;
  return (
    <>
      <label>
        {label}
        <input
          name={name}
          inputMode={inputMode}
          aria-invalid={warning ? true : undefined}
          aria-describedby={warning ? warningId : undefined}
          onBlur={(e) => onLeave(e.target.value)}
        />
      </label>
      {warning ? (
        <p id={warningId} className="field-warning">
          {warning}
        </p>
      ) : null}
    </>
  );
}
