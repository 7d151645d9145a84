import { invoke } from '../api/client';
import { run } from '../lib/run';

/** First run: an empty library shows the ways in instead of an empty table. */
export function EmptyState({ onNewItem }: { onNewItem(): void }) {
  return (
    <section className="empty-state" aria-label="Get started">
      <h2>Your library is empty</h2>
      <p>Ways to bring papers in:</p>
      <ul>
        <li>
          <strong>Import a file</strong>: a BibTeX/BibLaTeX, RIS, CSL-JSON, EndNote or PubMed export
          from another reference manager.
        </li>
        <li>
          <strong>Drop PDFs</strong> onto this window: metadata is read offline from the DOI, arXiv
          id or the first page.
        </li>
        <li>
          <strong>Paste a listing</strong>: an arXiv or Hugging Face papers page, titles and
          abstracts.
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
