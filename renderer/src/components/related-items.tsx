import { useCallback, useEffect, useState } from 'react';
import type { RelatedItem } from '../../../shared/api/search';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';

interface Props {
  itemId: number;
  onSelect(id: number): void;
}

/** The ten items whose text is most like this one's, computed in the engine, offline. */
export function RelatedItems({ itemId, onSelect }: Props) {
  const [related, setRelated] = useState<RelatedItem[] | null>(null);
  const load = useCallback(() => {
    invoke('items.related', { id: itemId })
      .then(setRelated)
      .catch(() => setRelated([]));
  }, [itemId]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('items')) load();
  });
  return (
    <section className="related" aria-labelledby="related-heading">
      <h3 id="related-heading">Related</h3>
      {related === null ? null : related.length === 0 ? (
        <p className="hint">No similar items in the library.</p>
      ) : (
        <ol aria-label="Related items">
          {related.map((r) => (
            <li key={r.item.id}>
              <button
                type="button"
                onClick={() => onSelect(r.item.id)}
                title={`Shares: ${r.sharedTerms.join(', ')}`}
              >
                {r.item.title || '(untitled)'}
                <span className="related-meta">
                  {[r.item.creators, r.item.year].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
