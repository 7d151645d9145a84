import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Feed } from '../../../../shared/domain/online';
import { invoke } from '../../api/client';
import { useEngineEvent } from '../../hooks/use-engine-event';
import { message, useModal } from './use-modal';
import './online.css';

interface Props {
  selectedFeedId: number | null;
  onSelect(feedId: number): void;
  onError(message: string): void;
}

/** The sidebar's feeds: unread counts, a mark on feeds whose last refresh failed, subscribe. */
export function FeedsSection({ selectedFeedId, onSelect, onError }: Props) {
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [subscribing, setSubscribing] = useState(false);
  const load = useCallback(() => {
    invoke('feeds.list', {})
      .then(setFeeds)
      .catch((e: unknown) => onError(message(e)));
  }, [onError]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('feeds')) load();
  });

  return (
    <section aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">
        Feeds
        <button
          type="button"
          className="icon"
          aria-label="Subscribe to a feed"
          onClick={() => setSubscribing(true)}
        >
          +
        </button>
      </h2>
      {feeds.length === 0 ? <p className="hint">No feeds yet.</p> : null}
      <ul aria-label="Feeds">
        {feeds.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className={selectedFeedId === f.id ? 'active' : ''}
              aria-current={selectedFeedId === f.id ? 'page' : undefined}
              title={f.lastError ?? f.url}
              onClick={() => onSelect(f.id)}
            >
              {f.title || f.url}
              {f.lastError ? (
                <span className="feed-error" aria-label="refresh failed">
                  !
                </span>
              ) : null}
              <span className="count">{f.unread}</span>
            </button>
          </li>
        ))}
      </ul>
      <SubscribeDialog
        open={subscribing}
        onClose={() => setSubscribing(false)}
        onSubscribed={(feed) => {
          setSubscribing(false);
          load();
          onSelect(feed.id);
        }}
      />
    </section>
  );
}

function SubscribeDialog({
  open,
  onClose,
  onSubscribed,
}: {
  open: boolean;
  onClose(): void;
  onSubscribed(feed: Feed): void;
}) {
  const ref = useModal(open);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    invoke('feeds.subscribe', { url: url.trim() })
      .then((f) => {
        setUrl('');
        onSubscribed(f);
      })
      .catch((err: unknown) => setError(message(err)))
      .finally(() => setBusy(false));
  };
  return (
    <dialog ref={ref} aria-labelledby="subscribe-title" onClose={onClose} className="dialog">
      <form onSubmit={submit}>
        <h2 id="subscribe-title">Subscribe to a feed</h2>
        <label>
          Feed URL (RSS or Atom: an arXiv category, Hugging Face daily papers, a journal)
          <input
            type="url"
            required
            value={url}
            placeholder="https://rss.arxiv.org/rss/cs.LG"
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        {error ? <p role="alert">{error}</p> : null}
        {busy ? <p role="status">Fetching the feed…</p> : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Subscribe
          </button>
        </div>
      </form>
    </dialog>
  );
}
