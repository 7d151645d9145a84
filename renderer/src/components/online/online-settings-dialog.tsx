import { useEffect, useState, type FormEvent } from 'react';
import {
  ONLINE_SERVICES,
  type OnlineService,
  type OnlineSettings,
} from '../../../../shared/domain/online';
import { invoke } from '../../api/client';
import { message, useModal } from './use-modal';
import './online.css';

const SERVICE_LABEL: Record<OnlineService, string> = {
  crossref: 'Crossref URL',
  datacite: 'DataCite URL',
  arxiv: 'arXiv URL',
  openlibrary: 'Open Library URL',
  pubmed: 'PubMed E-utilities URL',
};

interface Props {
  open: boolean;
  onClose(): void;
}

/** The library's online settings: the network switch, the contact address, service URLs. */
export function OnlineSettingsDialog({ open, onClose }: Props) {
  const ref = useModal(open);
  const [s, setS] = useState<OnlineSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    invoke('online.settings.get', {})
      .then(setS)
      .catch((e: unknown) => setError(message(e)));
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    invoke('online.settings.set', {
      enabled: s.enabled,
      contactEmail: s.contactEmail.trim(),
      baseUrls: s.baseUrls,
      arxivIntervalMs: s.arxivIntervalMs,
      feedIntervalHours: s.feedIntervalHours,
    })
      .then(onClose)
      .catch((err: unknown) => setError(message(err)));
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="online-settings-title"
      onClose={onClose}
      className="dialog online-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="online-settings-title">Online settings</h2>
        {s ? (
          <>
            <label className="inline">
              <input
                type="checkbox"
                checked={s.enabled}
                onChange={(e) => setS({ ...s, enabled: e.target.checked })}
              />
              Use network features (off: no request leaves this computer)
            </label>
            <label>
              Contact email (sent to services so they can reach you instead of blocking)
              <input
                type="email"
                value={s.contactEmail}
                onChange={(e) => setS({ ...s, contactEmail: e.target.value })}
              />
            </label>
            <div className="settings-grid">
              {ONLINE_SERVICES.map((k) => (
                <label key={k}>
                  {SERVICE_LABEL[k]}
                  <input
                    type="url"
                    value={s.baseUrls[k]}
                    onChange={(e) =>
                      setS({ ...s, baseUrls: { ...s.baseUrls, [k]: e.target.value } })
                    }
                  />
                </label>
              ))}
              <label>
                arXiv: milliseconds between requests
                <input
                  type="number"
                  min={0}
                  max={60000}
                  value={s.arxivIntervalMs}
                  onChange={(e) => setS({ ...s, arxivIntervalMs: Number(e.target.value) })}
                />
              </label>
              <label>
                Refresh feeds every (hours)
                <input
                  type="number"
                  min={0.25}
                  max={168}
                  step={0.25}
                  value={s.feedIntervalHours}
                  onChange={(e) => setS({ ...s, feedIntervalHours: Number(e.target.value) })}
                />
              </label>
            </div>
          </>
        ) : null}
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!s}>
            Save settings
          </button>
        </div>
      </form>
    </dialog>
  );
}
