import { useState } from 'react';
import type { OnDuplicate } from '../api/transfer';
import { useModal } from '../hooks/use-modal';
import { DuplicateChoice } from './duplicate-choice';

interface Props {
  files: File[] | null;
  onCancel(): void;
  onImport(onDuplicate: OnDuplicate): void;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files chosen in the file dialog or dropped on the window, before they are imported. */
export function ImportDialog({ files, onCancel, onImport }: Props) {
  const ref = useModal(files !== null);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  return (
    <dialog ref={ref} aria-labelledby="import-title" onClose={onCancel} className="dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onImport(onDuplicate);
        }}
      >
        <h2 id="import-title">Import</h2>
        <ul aria-label="Files to import" className="file-list">
          {(files ?? []).map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name} <span className="muted">({size(f.size)})</span>
            </li>
          ))}
        </ul>
        <p className="muted">
          BibTeX, BibLaTeX, RIS, CSL-JSON, EndNote XML or .enw, PubMed .nbib, or a pasted paper
          listing; the format is read from the content.
        </p>
        <DuplicateChoice value={onDuplicate} onChange={setOnDuplicate} />
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" autoFocus>
            Import
          </button>
        </div>
      </form>
    </dialog>
  );
}
