import { useEffect, useState } from 'react';
import type { RefreshProposal } from '../../../../shared/domain/online';
import { invoke } from '../../api/client';
import { message, useModal } from './use-modal';
import './online.css';

interface Props {
  /** The item to refresh; null keeps the dialog closed. */
  itemId: number | null;
  onClose(): void;
}

/**
 * Current metadata next to what the service has now, one row per field; only the ticked fields
 * are taken. An arXiv preprint that has been published can take the published version instead.
 */
export function RefreshDialog({ itemId, onClose }: Props) {
  const ref = useModal(itemId !== null);
  const [proposal, setProposal] = useState<RefreshProposal | null>(null);
  const [usePublished, setUsePublished] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (itemId === null) return;
    let live = true;
    setProposal(null);
    setChosen(new Set());
    setUsePublished(false);
    setError(null);
    setBusy(true);
    invoke('online.refresh.fetch', { itemId })
      .then((p) => live && setProposal(p))
      .catch((e: unknown) => live && setError(message(e)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [itemId]);

  const shown = usePublished && proposal?.published ? proposal.published : proposal;
  const toggle = (field: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(field)) n.delete(field);
      else n.add(field);
      return n;
    });

  const apply = () => {
    if (!shown) return;
    setBusy(true);
    invoke('online.refresh.apply', { proposalId: shown.proposalId, fields: [...chosen] })
      .then(onClose)
      .catch((e: unknown) => setError(message(e)))
      .finally(() => setBusy(false));
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="refresh-title"
      onClose={onClose}
      className="dialog online-dialog"
    >
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="refresh-title">Update metadata</h2>
        {busy && !proposal ? <p role="status">Fetching current metadata…</p> : null}
        {error ? <p role="alert">{error}</p> : null}
        {proposal?.published ? (
          <div className="version-choice" role="group" aria-label="Version">
            <button
              type="button"
              aria-pressed={!usePublished}
              onClick={() => {
                setUsePublished(false);
                setChosen(new Set());
              }}
            >
              Preprint ({proposal.source})
            </button>
            <button
              type="button"
              aria-pressed={usePublished}
              onClick={() => {
                setUsePublished(true);
                setChosen(new Set());
              }}
            >
              Published version ({proposal.published.journalRef || proposal.published.source})
            </button>
          </div>
        ) : null}
        {shown ? (
          <>
            <p className="hint">
              From {shown.source}. Tick the fields to take; nothing else changes.
            </p>
            <div className="compare-scroll">
              <table className="compare" aria-label="Metadata comparison">
                <thead>
                  <tr>
                    <th scope="col">Take</th>
                    <th scope="col">Field</th>
                    <th scope="col">Current</th>
                    <th scope="col">Fetched</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.changes.map((c) => (
                    <tr key={c.field} className={c.same ? 'same' : ''}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Take ${c.label}`}
                          checked={chosen.has(c.field)}
                          disabled={c.same}
                          onChange={() => toggle(c.field)}
                        />
                      </td>
                      <th scope="row">{c.label}</th>
                      <td className="value">{c.current || '—'}</td>
                      <td className="value">{c.incoming}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button
              type="button"
              onClick={() =>
                setChosen(new Set(shown.changes.filter((c) => !c.same).map((c) => c.field)))
              }
            >
              Tick all differences
            </button>
          </>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || chosen.size === 0}
            onClick={apply}
          >
            Apply selected fields
          </button>
        </div>
      </form>
    </dialog>
  );
}
