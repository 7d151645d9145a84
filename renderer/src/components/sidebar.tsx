import type { ReactNode } from 'react';
import type { Collection, ItemView, Tag } from '../../../shared/domain/library';
import { CollectionTree, collectionDrop, newCollection } from './collection-tree';
import { TagTree } from './tag-tree';

/** Where the centre pane's content comes from: an item view, or one of the organising tools. */
export type Place =
  ItemView | { kind: 'duplicates' } | { kind: 'notes' } | { kind: 'feed'; id: number };

interface Props {
  place: Place;
  onPlace(place: Place): void;
  counts: { library: number; unfiled: number; trash: number };
  collections: Collection[];
  tags: Tag[];
  tagFilter: string[];
  onTagFilter(paths: string[]): void;
  /** Further sections (feeds) below the tags. */
  children?: ReactNode;
}

function same(a: Place, b: Place): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Library views, collections and tags: where the item table's rows come from. */
export function Sidebar({
  place,
  onPlace,
  counts,
  collections,
  tags,
  tagFilter,
  onTagFilter,
  children,
}: Props) {
  const entry = (v: Place, label: string, count?: number) => (
    <li>
      <button
        type="button"
        className={same(place, v) ? 'active' : ''}
        aria-current={same(place, v) ? 'page' : undefined}
        onClick={() => onPlace(v)}
      >
        {label} {count === undefined ? null : <span className="count">{count}</span>}
      </button>
    </li>
  );
  const view: ItemView =
    place.kind === 'duplicates' || place.kind === 'notes' || place.kind === 'feed'
      ? { kind: 'library' }
      : place;
  return (
    <nav className="sidebar" aria-label="Library">
      <ul className="views">
        {entry({ kind: 'library' }, 'My Library', counts.library)}
        {entry({ kind: 'unfiled' }, 'Unfiled', counts.unfiled)}
        {entry({ kind: 'starred' }, 'Starred')}
        {entry({ kind: 'unread' }, 'Unread')}
        {entry({ kind: 'notes' }, 'Notes')}
        {entry({ kind: 'duplicates' }, 'Duplicates')}
        {entry({ kind: 'trash' }, 'Trash', counts.trash)}
      </ul>
      <section aria-labelledby="collections-heading">
        <h2 id="collections-heading" {...collectionDrop(null)}>
          Collections
          <button
            type="button"
            className="icon"
            aria-label="New collection"
            onClick={() => void newCollection(null)}
          >
            +
          </button>
        </h2>
        {collections.length === 0 ? <p className="hint">No collections yet.</p> : null}
        <CollectionTree parentId={null} all={collections} view={view} onView={onPlace} />
      </section>
      <section aria-labelledby="tags-heading" className="tag-section">
        <h2 id="tags-heading">
          Tags
          {tagFilter.length > 0 ? (
            <button
              type="button"
              className="icon"
              aria-label="Clear tag filter"
              onClick={() => onTagFilter([])}
            >
              ×
            </button>
          ) : null}
        </h2>
        <TagTree tags={tags} filter={tagFilter} onFilter={onTagFilter} />
      </section>
      {children}
    </nav>
  );
}
