import { useCallback, useEffect, useState } from 'react';
import type { FeedEntryPage } from '../../../../shared/api/online';
import type { Feed, FeedEntry } from '../../../../shared/domain/online';
import { invoke } from '../../api/client';
import { useEngineEvent } from '../../hooks/use-engine-event';
import { message } from './use-modal';
import './online.css';

interface Props {
  feedId: number;
  onError(message: string): void;
  /** Shows an item in the library after it was added from an entry. */
  onOpenItem(itemId: number): void;
  onUnsubscribed(): void;
}

type PdfChoice = 'link' | 'download' | 'none';

/** One feed's entries, stored locally so they read offline: read/unread, hide, add to library. */
export function FeedEntries({ feedId, onError, onOpenItem, onUnsubscribed }: Props) {
  const [feed, setFeed] = useState<Feed | null>(null);
  const [page, setPage] = useState<FeedEntryPage>({ total: 0, entries: [] });
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    Promise.all([
      invoke('feeds.list', {}),
      invoke('feeds.entries', { feedId, unreadOnly, limit: 500 }),
    ])
      .then(([feeds, p]) => {
        setFeed(feeds.find((f) => f.id === feedId) ?? null);
        setPage(p);
      })
      .catch((e: unknown) => onError(message(e)));
  }, [feedId, unreadOnly, onError]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('feeds')) load();
  });

  const act = <T,>(p: Promise<T>) => p.then(load).catch((e: unknown) => onError(message(e)));

  const refresh = () => {
    setBusy(true);
    void act(invoke('feeds.refresh', { ids: [feedId] })).finally(() => setBusy(false));
  };

  const label = feed?.title || feed?.url || 'Feed';
  return (
    <div className="feed-entries" role="region" aria-label={`Feed: ${label}`}>
      <header>
        <h2>{label}</h2>
        <button type="button" onClick={refresh} disabled={busy}>
          {busy ? 'Refreshing…' : 'Refresh feed'}
        </button>
        <label className="inline">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.target.checked)}
          />
          Unread only
        </label>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(`Unsubscribe from ${label}? Its stored entries are removed.`)) {
              invoke('feeds.unsubscribe', { id: feedId })
                .then(onUnsubscribed)
                .catch((e: unknown) => onError(message(e)));
            }
          }}
        >
          Unsubscribe
        </button>
      </header>
      {feed?.lastError ? (
        <p role="status" className="feed-error">
          Last refresh failed: {feed.lastError}. Showing the entries stored before.
        </p>
      ) : null}
      {page.entries.length === 0 ? <p className="hint">No entries.</p> : null}
      <ul className="entries" aria-label="Feed entries">
        {page.entries.map((e) => (
          <EntryRow key={e.id} entry={e} act={act} onOpenItem={onOpenItem} onError={onError} />
        ))}
      </ul>
    </div>
  );
}

function EntryRow({
  entry: e,
  act,
  onOpenItem,
  onError,
}: {
  entry: FeedEntry;
  act<T>(p: Promise<T>): Promise<unknown>;
  onOpenItem(itemId: number): void;
  onError(message: string): void;
}) {
  const [pdf, setPdf] = useState<PdfChoice>('link');
  const [adding, setAdding] = useState(false);
  const add = () => {
    setAdding(true);
    invoke('feeds.addToLibrary', { entryId: e.id, pdf })
      .then((r) => {
        if (r.pdf && !r.pdf.ok) onError(`Added, but the PDF was not downloaded: ${r.pdf.reason}`);
      })
      .catch((err: unknown) => onError(message(err)))
      .finally(() => setAdding(false));
  };
  return (
    <li className={`feed-entry${e.read ? ' read' : ''}`} aria-label={e.title}>
      <h3>
        {e.link ? (
          <a href={e.link} target="_blank" rel="noreferrer noopener">
            {e.title}
          </a>
        ) : (
          e.title
        )}
      </h3>
      <div className="meta">
        {e.authors.join(', ')}
        {e.published ? ` · ${e.published.slice(0, 10)}` : ''}
        {e.arxivId ? ` · arXiv:${e.arxivId}` : ''}
        {e.doi ? ` · doi:${e.doi}` : ''}
      </div>
      {e.summary ? (
        <details>
          <summary>Abstract</summary>
          <p className="summary">{e.summary}</p>
        </details>
      ) : null}
      <div className="actions">
        <button
          type="button"
          onClick={() => act(invoke('feeds.mark', { entryIds: [e.id], read: !e.read }))}
        >
          {e.read ? 'Mark unread' : 'Mark read'}
        </button>
        <button
          type="button"
          onClick={() => act(invoke('feeds.mark', { entryIds: [e.id], hidden: !e.hidden }))}
        >
          {e.hidden ? 'Unhide' : 'Hide'}
        </button>
        {e.itemId ? (
          <button type="button" onClick={() => onOpenItem(e.itemId!)}>
            Show in library
          </button>
        ) : (
          <>
            <select
              aria-label="PDF"
              value={pdf}
              onChange={(ev) => setPdf(ev.target.value as PdfChoice)}
            >
              <option value="link">Keep PDF link</option>
              <option value="download">Download PDF</option>
              <option value="none">No PDF</option>
            </select>
            <button type="button" className="primary" disabled={adding} onClick={add}>
              {adding ? 'Adding…' : 'Add to library'}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
