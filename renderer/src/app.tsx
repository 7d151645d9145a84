import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SortColumn } from '../../shared/domain/item';
import type { Collection, ItemView, Tag } from '../../shared/domain/library';
import { invoke } from './api/client';
import { ItemPane } from './components/item-pane';
import { ItemTable } from './components/item-table';
import { NewItemDialog } from './components/new-item-dialog';
import { AutoExports } from './components/auto-exports';
import { CiteActions } from './components/cite-actions';
import { QuickSearch } from './components/quick-search';
import { RelatedItems } from './components/related-items';
import { Sidebar } from './components/sidebar';
import { SmartCollections } from './components/smart-collections';
import { SnippetText } from './components/snippet';
import { useFindAndCite } from './hooks/use-find-and-cite';
import { useEngineEvent } from './hooks/use-engine-event';
import { useItemPages } from './hooks/use-item-pages';

const VIEW_LABEL: Record<ItemView['kind'], string> = {
  library: 'My Library',
  unfiled: 'Unfiled',
  trash: 'Trash',
  collection: 'Collection',
  tag: 'Tag',
  saved: 'Smart collection',
};

export function App() {
  const [view, setView] = useState<ItemView>({ kind: 'library' });
  const [sort, setSort] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>({
    column: 'dateAdded',
    direction: 'desc',
  });
  const [search, setSearch] = useState('');
  const [fullText, setFullText] = useState(true);
  // With a query, rows come by relevance until the user sorts by a column.
  const [byRelevance, setByRelevance] = useState(true);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [counts, setCounts] = useState({ library: 0, unfiled: 0, trash: 0 });
  const [collections, setCollections] = useState<Collection[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ranked = search.trim() !== '' && byRelevance;
  const listSort = useMemo(
    () => (ranked ? { column: 'relevance' as const, direction: 'asc' as const } : sort),
    [ranked, sort],
  );
  const pages = useItemPages(view, listSort, search, fullText);

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

  const onSort = (column: SortColumn) => {
    setByRelevance(false);
    setSort((s) => ({
      column,
      direction: s.column === column && s.direction === 'asc' ? 'desc' : 'asc',
    }));
  };

  const newCollection = () => {
    const name = window.prompt('Name of the new collection');
    if (name?.trim()) {
      invoke('collections.create', { name: name.trim() }).catch((e: unknown) =>
        setError((e as Error).message),
      );
    }
  };
  const onError = useCallback((m: string) => setError(m), []);
  const find = useFindAndCite(onError);
  const hasSnippets = search.trim() !== '' && pages.queryError === null;

  const viewLabel =
    view.kind === 'collection'
      ? (collections.find((c) => c.id === view.id)?.name ?? 'Collection')
      : view.kind === 'tag'
        ? `Tag: ${view.name}`
        : view.kind === 'saved'
          ? (find.saved.find((s) => s.id === view.id)?.name ?? 'Smart collection')
          : VIEW_LABEL[view.kind];

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Shelfmark</h1>
        <button type="button" className="primary" onClick={() => setNewOpen(true)}>
          New item
        </button>
        <QuickSearch
          value={search}
          onChange={(q) => {
            if (!search.trim() && q.trim()) setByRelevance(true);
            setSearch(q);
          }}
          fullText={fullText}
          onFullText={setFullText}
          error={pages.queryError}
          onSave={() =>
            find.saveSearch(search.trim(), (v) => {
              setView(v);
              setSearch('');
              setSelectedId(null);
            })
          }
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
        >
          <SmartCollections
            saved={find.saved}
            view={view}
            onView={(v) => {
              setView(v);
              setSelectedId(null);
            }}
            onRename={find.renameSaved}
            onDelete={(s) =>
              find.deleteSaved(s, () => {
                if (view.kind === 'saved' && view.id === s.id) setView({ kind: 'library' });
              })
            }
          />
          <AutoExports
            bindings={find.bindings}
            collections={collections}
            onAdd={() => find.addExport(view, collections)}
            onRun={find.runExport}
            onRemove={find.removeExport}
          />
        </Sidebar>
        <section className="center" aria-label={viewLabel}>
          <ItemTable
            pages={pages}
            sort={listSort}
            onSort={onSort}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onDelete={(id) => {
              invoke(view.kind === 'trash' ? 'items.restore' : 'items.trash', { ids: [id] }).catch(
                (e: unknown) => setError((e as Error).message),
              );
            }}
            label={`Items in ${viewLabel}`}
            extraColumn={
              hasSnippets
                ? {
                    label: 'Found in',
                    width: 420,
                    render: (row) => (row.snippet ? <SnippetText snippet={row.snippet} /> : null),
                  }
                : undefined
            }
          />
          <footer className="status" aria-live="polite">
            {pages.total} {pages.total === 1 ? 'item' : 'items'}
          </footer>
        </section>
        <ItemPane itemId={selectedId} onError={onError}>
          {selectedId !== null ? (
            <>
              <CiteActions ids={[selectedId]} onError={onError} />
              <RelatedItems itemId={selectedId} onSelect={setSelectedId} />
            </>
          ) : null}
        </ItemPane>
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
