import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import type { SortColumn } from '../../shared/domain/item';
import type { Collection, ItemView, Tag } from '../../shared/domain/library';
import { parseReaderLink, readerLink } from '../../shared/domain/attachment';
import { invoke } from './api/client';
import './reader.css';
import { FullTextResults } from './components/fulltext-results';
import { attachFiles } from './components/item-attachments';
import { isPdfFile } from './pdf/files';
import { ItemPane } from './components/item-pane';
import { JobProgress } from './components/job-progress';
import type { ReaderTarget } from './components/reader-target';

// pdf.js is large: the reader loads on first use, not with the item table.
const PdfReader = lazy(() =>
  import('./components/pdf-reader').then((m) => ({ default: m.PdfReader })),
);
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
  // The reader is addressed by the URL hash (#/pdf/ID?page=N), so a reload reopens it and a
  // page link in a note opens it.
  const [reader, setReader] = useState<ReaderTarget | null>(() =>
    parseReaderLink(window.location.hash),
  );
  const [dropping, setDropping] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onHash = () => setReader(parseReaderLink(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const openReader = useCallback((t: ReaderTarget) => {
    window.location.hash = readerLink(t.attachmentId, t.page, t.annotationId).slice(1);
    setReader(t);
  }, []);
  const closeReader = useCallback(() => {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    setReader(null);
  }, []);
  const onReaderPage = useCallback((page: number) => {
    const cur = parseReaderLink(window.location.hash);
    if (cur) history.replaceState(null, '', readerLink(cur.attachmentId, page));
  }, []);

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
  const onError = useCallback((m: string) => setError(m || null), []);
  const importPdfs = (files: File[]) => {
    void attachFiles(files, null, onError);
  };

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
        <button type="button" onClick={() => importInput.current?.click()}>
          Add PDFs…
        </button>
        <input
          ref={importInput}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          hidden
          aria-label="Add PDF files as new items"
          onChange={(e) => {
            importPdfs(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
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
      {reader ? (
        <Suspense fallback={<p className="empty-note">Opening the reader…</p>}>
          <PdfReader
            target={reader}
            onClose={closeReader}
            onPage={onReaderPage}
            onError={onError}
          />
        </Suspense>
      ) : null}
      <main className="panes" hidden={reader !== null}>
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
        <section
          className={`center${dropping ? ' drop-target' : ''}`}
          aria-label={viewLabel}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            setDropping(true);
          }}
          onDragLeave={() => setDropping(false)}
          onDrop={(e) => {
            setDropping(false);
            const files = Array.from(e.dataTransfer.files);
            // PDFs become items here; anything else goes on to the window's import drop.
            if (!files.length || !files.every(isPdfFile)) return;
            e.preventDefault();
            e.stopPropagation();
            importPdfs(files);
          }}
        >
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
          <FullTextResults search={search} onOpen={openReader} />
          <JobProgress />
          <footer className="status" aria-live="polite">
            {pages.total} {pages.total === 1 ? 'item' : 'items'}
          </footer>
        </section>
        <ItemPane itemId={selectedId} onError={onError} onOpenPdf={openReader} />
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
