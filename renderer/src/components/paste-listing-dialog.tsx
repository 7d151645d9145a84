import { useState } from 'react';
import type { OnDuplicate } from '../api/transfer';
import { useModal } from '../hooks/use-modal';
import { DuplicateChoice } from './duplicate-choice';

interface Props {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  onImport(text: string, onDuplicate: OnDuplicate): void;
}

/** Paste text copied from an arXiv listing or abstract page or a Hugging Face papers page. */
export function PasteListingDialog({ open, busy, onCancel, onImport }: Props) {
  const ref = useModal(open);
  const [text, setText] = useState('');
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  return (
    <dialog ref={ref} aria-labelledby="paste-title" onClose={onCancel} className="dialog wide">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onImport(text, onDuplicate);
        }}
      >
        <h2 id="paste-title">Paste listing</h2>
        <label>
          Listing text
          <textarea
            rows={14}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Select all on an arXiv listing, arXiv abstract page or Hugging Face papers page, copy, and paste here."
            autoFocus
          />
        </label>
        <DuplicateChoice value={onDuplicate} onChange={setOnDuplicate} />
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!text.trim() || busy}>
            {busy ? 'Importing…' : 'Import papers'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
