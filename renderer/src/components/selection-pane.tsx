import { useId, useState, type FormEvent } from 'react';
import type { Tag } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';

/** The item pane when several items are selected: bulk tagging, star, reading state. */
export function SelectionPane({
  ids,
  allTags,
  trash,
}: {
  ids: number[];
  allTags: Tag[];
  trash: boolean;
}) {
  const [text, setText] = useState('');
  const listId = useId();
  const names = () =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (names().length === 0) return;
    run(invoke('tags.add', { itemIds: ids, names: names() }), () => setText(''));
  };
  return (
    <aside className="item-pane" aria-label="Item details">
      <h2 className="pane-title">{ids.length} items selected</h2>
      {trash ? (
        <button type="button" onClick={() => run(invoke('items.restore', { ids }))}>
          Restore {ids.length} items
        </button>
      ) : (
        <>
          <form onSubmit={add} className="inline-form">
            <input
              aria-label="Tag selected items"
              placeholder="Tag all selected…"
              list={listId}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <datalist id={listId}>
              {allTags.map((t) => (
                <option key={t.id} value={t.name} />
              ))}
            </datalist>
            <button type="submit">Add tag</button>
            <button
              type="button"
              onClick={() =>
                names().length &&
                run(invoke('tags.remove', { itemIds: ids, names: names() }), () => setText(''))
              }
            >
              Remove tag
            </button>
          </form>
          <div className="button-row">
            <button
              type="button"
              onClick={() => run(invoke('items.setFlags', { ids, starred: true }))}
            >
              Star all
            </button>
            <button
              type="button"
              onClick={() => run(invoke('items.setFlags', { ids, readState: 'read' }))}
            >
              Mark read
            </button>
            <button
              type="button"
              onClick={() => run(invoke('items.setFlags', { ids, readState: 'unread' }))}
            >
              Mark unread
            </button>
          </div>
          <button
            type="button"
            className="danger"
            onClick={() => run(invoke('items.trash', { ids }))}
          >
            Move {ids.length} items to Trash
          </button>
        </>
      )}
      <p className="hint">Keys: 1–9 toggle coloured tags, S stars, Delete moves to Trash.</p>
    </aside>
  );
}
