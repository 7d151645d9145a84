import { invoke } from '../api/client';
import { run } from '../lib/run';

interface Props {
  onNewItem(): void;
  /** Opens File → Import… (the file picker). */
  onImportFile(): void;
  /** Opens File → Paste listing…. */
  onPasteListing(): void;
  /** Opens the toolbar's Add PDFs… picker. */
  onAddPdfs(): void;
}

/** First run: an empty library shows the ways in instead of an empty table. */
export function EmptyState({ onNewItem, onImportFile, onPasteListing, onAddPdfs }: Props) {
  return (
    <section className="empty-state" aria-label="Get started">
      <h2>Your library is empty</h2>
      <p>Ways to bring papers in:</p>
      <ul>
        <li>
          <button type="button" className="link" onClick={onImportFile}>
            Import a file…
          </button>{' '}
          a BibTeX/BibLaTeX, RIS, CSL-JSON, EndNote or PubMed export from another reference manager
          (or drop the file onto this window).
        </li>
        <li>
          <button type="button" className="link" onClick={onAddPdfs}>
            Add PDFs…
          </button>{' '}
          or drop them onto this list: each becomes an item, its metadata read from the PDF.
        </li>
        <li>
          <button type="button" className="link" onClick={onPasteListing}>
            Paste a listing…
          </button>{' '}
          an arXiv or Hugging Face papers page, titles and abstracts.
        </li>
        <li>
          <button type="button" className="link" onClick={onNewItem}>
            Add an item by hand
          </button>
        </li>
      </ul>
      <button
        type="button"
        className="primary"
        onClick={() => run(invoke('library.loadSample', {}))}
      >
        Open sample library
      </button>
      <p className="hint">
        A dozen well-known papers with tags, collections and notes, to try things out.
      </p>
    </section>
  );
}
