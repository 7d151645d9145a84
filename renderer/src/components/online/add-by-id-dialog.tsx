import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { parseIdentifiers } from '../../../../shared/domain/identifiers';
import type { AddByIdResult, PendingIdentifier } from '../../../../shared/domain/online';
import { invoke } from '../../api/client';
import { useEngineEvent } from '../../hooks/use-engine-event';
import { message, useModal } from './use-modal';
import './online.css';

interface Props {
  open: boolean;
  onClose(): void;
  /** Called with the first item added, so the table can select it. */
  onAdded(itemId: number): void;
}

/** Paste one or many DOIs, arXiv ids, ISBNs or PubMed ids; see what was added and what waits. */
export function AddByIdDialog({ open, onClose, onAdded }: Props) {
  const ref = useModal(open);
  const [text, setText] = useState('');
  const [downloadPdf, setDownloadPdf] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AddByIdResult | null>(null);
  const [pending, setPending] = useState<PendingIdentifier[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEngineEvent('job.progress', (p) => {
    if (p.job === 'online.addByIds') setProgress({ done: p.done, total: p.total });
  });
  const recognised = useMemo(() => parseIdentifiers(text).ids.length, [text]);

  const loadPending = useCallback(() => {
    invoke('online.pending.list', {})
      .then(setPending)
      .catch((e: unknown) => setError(message(e)));
  }, []);
  useEffect(() => {
    if (open) loadPending();
  }, [open, loadPending]);
  useEngineEvent('library.changed', (e) => {
    if (open && e.kinds.includes('pending')) loadPending();
  });

  const run = (p: Promise<AddByIdResult>) => {
    setBusy(true);
    setError(null);
    setProgress(null);
    p.then((r) => {
      setResult(r);
      const first = r.added[0];
      if (first) onAdded(first.itemId);
      loadPending();
    })
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(invoke('online.addByIds', { text, downloadPdf }));
    setText('');
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="add-by-id-title"
      onClose={onClose}
      className="dialog online-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="add-by-id-title">Add by identifier</h2>
        <label>
          Identifiers (DOIs, arXiv ids, ISBNs or PubMed ids, one or many)
          <textarea
            rows={5}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'10.1038/nature14539\narXiv:1706.03762\n978-0-262-03384-8\nPMID 26017442'}
          />
        </label>
        <div className="online-row">
          <label className="inline">
            <input
              type="checkbox"
              checked={downloadPdf}
              onChange={(e) => setDownloadPdf(e.target.checked)}
            />
            Download PDFs (arXiv)
          </label>
          <span className="hint" aria-live="polite">
            {recognised} recognised
          </span>
        </div>
        {error ? <p role="alert">{error}</p> : null}
        {busy ? (
          <p role="status">Looking up…{progress ? ` ${progress.done} of ${progress.total}` : ''}</p>
        ) : null}
        {result ? <ResultList result={result} /> : null}
        <section aria-labelledby="pending-heading" className="pending">
          <h3 id="pending-heading">Pending identifiers</h3>
          {pending.length === 0 ? (
            <p className="hint">Nothing is waiting.</p>
          ) : (
            <>
              <ul aria-label="Pending identifiers">
                {pending.map((p) => (
                  <li key={p.id}>
                    <strong>{p.input}</strong> <span className="reason">{p.reason}</span>{' '}
                    <span className="hint">
                      ({p.attempts} {p.attempts === 1 ? 'attempt' : 'attempts'})
                    </span>
                    <button
                      type="button"
                      aria-label={`Dismiss ${p.input}`}
                      onClick={() => {
                        invoke('online.pending.dismiss', { ids: [p.id] })
                          .then(loadPending)
                          .catch((e: unknown) => setError(message(e)));
                      }}
                    >
                      Dismiss
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                disabled={busy}
                onClick={() => run(invoke('online.pending.retry', {}))}
              >
                Retry pending
              </button>
            </>
          )}
        </section>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy || recognised === 0}>
            Add
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ResultList({ result }: { result: AddByIdResult }) {
  return (
    <ul className="add-results" aria-label="Results">
      {result.added.map((a) => (
        <li key={`a${a.itemId}`}>
          Added: {a.title}
          {a.pdf ? (a.pdf.ok ? ' (PDF attached)' : ` (PDF not downloaded: ${a.pdf.reason})`) : ''}
        </li>
      ))}
      {result.existing.map((e) => (
        <li key={`e${e.itemId}`}>Already in the library: {e.title}</li>
      ))}
      {result.pending.map((p) => (
        <li key={`p${p.id}`}>
          Pending: {p.input} — {p.reason}
        </li>
      ))}
      {result.invalid.map((i) => (
        <li key={`i${i.input}`}>
          Not an identifier: {i.input} — {i.reason}
        </li>
      ))}
    </ul>
  );
}
