import { useId, useState, type FormEvent } from 'react';
import type { Tag } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';

interface Props {
  itemId: number;
  tags: string[];
  allTags: Tag[];
  /** Shown without remove buttons or the add field (an item in the Trash). */
  readOnly?: boolean;
}

/** The item's tags as removable chips, and an input with autocomplete from every tag. */
export function TagEditor({ itemId, tags, allTags, readOnly = false }: Props) {
  const [text, setText] = useState('');
  const listId = useId();
  const save = (next: string[]) => run(invoke('tags.setForItem', { itemId, tags: next }));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const names = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) return;
    save([...tags, ...names]);
    setText('');
  };
  const colour = (name: string) => allTags.find((t) => t.name === name)?.color;
  return (
    <section className="pane-section" aria-label="Tags">
      <h3>Tags</h3>
      <ul className="chips">
        {tags.map((t) => (
          <li key={t} className="chip">
            {colour(t) ? (
              <span className="tag-dot" style={{ background: colour(t)! }} aria-hidden />
            ) : null}
            {t}
            {readOnly ? null : (
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => save(tags.filter((x) => x !== t))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {tags.length === 0 && readOnly ? <p className="hint">No tags.</p> : null}
      {readOnly ? null : (
        <form onSubmit={add} className="inline-form">
          <input
            aria-label="Add tag"
            placeholder="Add tag (ml/retrieval)…"
            list={listId}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <datalist id={listId}>
            {allTags
              .filter((t) => !tags.includes(t.name))
              .map((t) => (
                <option key={t.id} value={t.name} />
              ))}
          </datalist>
        </form>
      )}
    </section>
  );
}
