import { useCallback, useEffect, useState } from 'react';
import type { SortColumn } from '../../shared/domain/item';
import type { Collection, ItemView, Tag } from '../../shared/domain/library';
import { invoke } from './api/client';
import { ItemPane } from './components/item-pane';
import { ItemTable } from './components/item-table';
import { NewItemDialog } from './components/new-item-dialog';
import { Sidebar } from './components/sidebar';
import { TransferMenu } from './components/transfer-menu';
import { useEngineEvent } from './hooks/use-engine-event';
import { useItemPages } from './hooks/use-item-pages';

const VIEW_LABEL: Record<ItemView['kind'], string> = {
  library: 'My Library',
  unfiled: 'Unfiled',
  trash: 'Trash',
  collection: 'Collection',
  tag: 'Tag',
};

export function App() {
  const [view, setView] = useState<ItemView>({ kind: 'library' });
  const [sort, setSort] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>({
    column: 'dateAdded',
    direction: 'desc',
  });
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [counts, setCounts] = useState({ library: 0, unfiled: 0, trash: 0 });
  const [collections, setCollections] = useState<Collection[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [error, setError] = useState<string | null>(null);
  const pages = useItemPages(view, sort, search);

  const loadSidebar = useCallback(() => {
    Promise.all([
      invoke('items.counts', {}),
      invoke('collections.list', {}),
      invoke('tags.list', {}),
    ])
      .then(([c, cols, t]) => {
        setCounts(c);
        setCollections(cols);
        setTags(t);
      })
      .catch((e: unknown) => setError((e as Error).message));
  }, []);
  useEffect(loadSidebar, [loadSidebar]);
  const { refresh } = pages;
  useEngineEvent('library.changed', () => {
    refresh();
    loadSidebar();
  });

  const onSort = (column: SortColumn) =>
    setSort((s) => ({
      column,
      direction: s.column === column && s.direction === 'asc' ? 'desc' : 'asc',
    }));

  const newCollection = () => {
    const name = window.prompt('Name of the new collection');
    if (name?.trim()) {
      invoke('collections.create', { name: name.trim() }).catch((e: unknown) =>
        setError((e as Error).message),
      );
    }
  };
  const onError = useCallback((m: string) => setError(m), []);

  const viewLabel =
    view.kind === 'collection'
      ? (collections.find((c) => c.id === view.id)?.name ?? 'Collection')
      : view.kind === 'tag'
        ? `Tag: ${view.name}`
        : VIEW_LABEL[view.kind];

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Shelfmark</h1>
        <TransferMenu
          selectedIds={selectedId === null ? [] : [selectedId]}
          collections={collections}
          currentCollectionId={view.kind === 'collection' ? view.id : null}
          onError={onError}
        />
        <button type="button" className="primary" onClick={() => setNewOpen(true)}>
          New item
        </button>
        <input
          type="search"
          className="search"
          placeholder="Search title, creators, abstract…"
          aria-label="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </header>
      {error ? (
        <div role="alert" className="error-bar">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
      <main className="panes">
        <Sidebar
          view={view}
          onView={(v) => {
            setView(v);
            setSelectedId(null);
          }}
          counts={counts}
          collections={collections}
          tags={tags}
          onNewCollection={newCollection}
        />
        <section className="center" aria-label={viewLabel}>
          <ItemTable
            pages={pages}
            sort={sort}
            onSort={onSort}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onDelete={(id) => {
              invoke(view.kind === 'trash' ? 'items.restore' : 'items.trash', { ids: [id] }).catch(
                (e: unknown) => setError((e as Error).message),
              );
            }}
            label={`Items in ${viewLabel}`}
          />
          <footer className="status" aria-live="polite">
            {pages.total} {pages.total === 1 ? 'item' : 'items'}
          </footer>
        </section>
        <ItemPane itemId={selectedId} onError={onError} />
      </main>
      <NewItemDialog
        open={newOpen}
        onClose={() => setNewOpen(false)}
        onCreated={(item) => {
          setNewOpen(false);
          setSelectedId(item.id);
        }}
      />
    </div>
  );
}
