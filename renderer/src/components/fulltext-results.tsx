import { useEffect, useState } from 'react';
import type { FullTextHit } from '../../../shared/domain/attachment';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import type { ReaderTarget } from './reader-target';

/** Quick-search hits inside PDF text, each with its page; a click opens the reader there. */
export function FullTextResults({
  search,
  onOpen,
}: {
  search: string;
  onOpen(t: ReaderTarget): void;
}) {
  const [hits, setHits] = useState<FullTextHit[]>([]);
  // PDFs are indexed in the background: look again when an index finishes.
  const [generation, setGeneration] = useState(0);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('fulltext')) setGeneration((g) => g + 1);
  });
  useEffect(() => {
    const q = search.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    let stale = false;
    const t = setTimeout(() => {
      invoke('fulltext.search', { query: q, limit: 20 })
        .then((h) => !stale && setHits(h))
        .catch(() => !stale && setHits([]));
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [search, generation]);
  if (!hits.length) return null;
  return (
    <section className="fulltext-results" aria-label="Found in PDFs">
      <h2>Found in PDFs</h2>
      <ul>
        {hits.map((h) => (
          <li key={`${h.attachmentId}-${h.page}`}>
            <button
              type="button"
              className="link"
              onClick={() => onOpen({ attachmentId: h.attachmentId, page: h.page })}
            >
              <strong>{h.itemTitle || 'Untitled'}</strong> — page {h.page}
            </button>
            <p className="snippet">
              {h.snippet
                .split(/(«[^»]*»)/)
                .map((part, i) =>
                  part.startsWith('«') ? (
                    <mark key={i}>{part.slice(1, -1)}</mark>
                  ) : (
                    <span key={i}>{part}</span>
                  ),
                )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
