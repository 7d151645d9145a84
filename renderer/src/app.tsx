import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseReaderLink, readerLink } from '../../shared/domain/attachment';
import type { SortColumn } from '../../shared/domain/item';
import type { Collection, ItemView, Note, Tag } from '../../shared/domain/library';
import { RELEVANCE_LIMIT } from '../../shared/domain/search';
import { invoke } from './api/client';
import './reader.css';
import { BackupsDialog } from './components/backups-dialog';
import { DEFAULT_LAYOUT, parseLayout, type ColumnLayout } from './components/columns';
import { ContextMenuHost } from './components/context-menu';
import { askConfirm, DialogHost } from './components/dialogs';
import { DuplicatesView } from './components/duplicates-view';
import { EmptyState } from './components/empty-state';
import { FullTextResults } from './components/fulltext-results';
import { attachFiles } from './components/item-attachments';
import { ItemPane } from './components/item-pane';
import { ItemTable, type ItemTableHandle, type TableAction } from './components/item-table';
import { itemMenu } from './components/item-menu';
import { JobProgress } from './components/job-progress';
import { LibraryCheckBanner } from './components/library-check-banner';
import { NewItemDialog } from './components/new-item-dialog';
import { NoteEditor } from './components/note-editor';
import type { ReaderTarget } from './components/reader-target';
import { ErrorBoundary } from './components/error-boundary';
import { PdfReaderLoader } from './components/reader-loader';
import { AddByIdDialog } from './components/online/add-by-id-dialog';
import { FeedEntries } from './components/online/feed-entries';
import { FeedsSection } from './components/online/feeds-section';
import { OnlineSettingsDialog } from './components/online/online-settings-dialog';
import { RefreshDialog } from './components/online/refresh-dialog';
import { NotesList } from './components/notes-list';
import { SelectionPane } from './components/selection-pane';
import { Sidebar, type Place } from './components/sidebar';
import { TransferMenu, type TransferActions } from './components/transfer-menu';
import { UndoToast } from './components/undo-toast';
import { AutoExports } from './components/auto-exports';
import { CiteActions } from './components/cite-actions';
import { QuickSearch } from './components/quick-search';
import { RelatedItems } from './components/related-items';
import { SmartCollections } from './components/smart-collections';
import { useAfterFirstPaint } from './hooks/use-after-first-paint';
import { useFindAndCite } from './hooks/use-find-and-cite';
import { useEngineEvent } from './hooks/use-engine-event';
import { DEFAULT_SORT, useItemPages } from './hooks/use-item-pages';
import { useRevealItem } from './hooks/use-reveal-item';
import { run, setErrorReporter } from './lib/run';
import { isPdfFile } from './pdf/files';

const VIEW_LABEL: Record<Place['kind'], string> = {
  library: 'My Library',
  unfiled: 'Unfiled',
  starred: 'Starred',
  unread: 'Unread',
  trash: 'Trash',
  collection: 'Collection',
  tag: 'Tag',
  saved: 'Smart collection',
  duplicates: 'Duplicates',
  notes: 'Notes',
  feed: 'Feed',
};

const NEW_ITEM_TITLE = 'New item (Alt+N, or N in the table; Ctrl+N in the desktop app)';

export function App() {
  const [place, setPlace] = useState<Place>({ kind: 'library' });
  const view: ItemView =
    place.kind === 'duplicates' || place.kind === 'notes' || place.kind === 'feed'
      ? { kind: 'library' }
      : place;
  const [sort, setSort] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>(DEFAULT_SORT);
  const [search, setSearch] = useState('');
  const [fullText, setFullText] = useState(true);
  // With a query, rows come by relevance until the user sorts by a column.
  const [byRelevance, setByRelevance] = useState(true);
  const [tagFilter, setTagFilter] = useState<string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [focusId, setFocusId] = useState<number | null>(null);
  const [layout, setLayout] = useState<ColumnLayout>(DEFAULT_LAYOUT);
  const [newOpen, setNewOpen] = useState(false);
  const [backupsOpen, setBackupsOpen] = useState(false);
  // Online features: dialogs for add by identifier, metadata refresh and online settings.
  const [addByIdOpen, setAddByIdOpen] = useState(false);
  const [onlineSettingsOpen, setOnlineSettingsOpen] = useState(false);
  const [refreshItemId, setRefreshItemId] = useState<number | null>(null);
  const [openNote, setOpenNote] = useState<Note | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [counts, setCounts] = useState({ library: 0, unfiled: 0, trash: 0 });
  const [collections, setCollections] = useState<Collection[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLElement>(null);
  const tableApi = useRef<ItemTableHandle>(null);
  const transfer = useRef<TransferActions>(null);
  const searching = search.trim() !== '';
  const listSort = useMemo(
    () =>
      searching && byRelevance ? { column: 'relevance' as const, direction: 'asc' as const } : sort,
    [searching, byRelevance, sort],
  );
  const pages = useItemPages(view, listSort, search, tagFilter, fullText);
  // At start the first page of rows goes to the engine alone: the host answers one call at a
  // time, and the sidebar's lists (tag tree counts, 2,000 collections with counts) took longer
  // than the rows and were drawn before them. They are asked for once the first rows are in.
  const [rowsIn, setRowsIn] = useState(() => pages.loaded || pages.error !== null);
  if (!rowsIn && (pages.loaded || pages.error !== null)) setRowsIn(true);
  // ... and once those rows are on screen (see useAfterFirstPaint)
  const painted = useAfterFirstPaint();
  const started = rowsIn && painted;
  const find = useFindAndCite(setError, started);
  useEffect(() => setErrorReporter(setError), []);
  // The reader is addressed by the URL hash (#/pdf/ID?page=N), so a reload reopens it and a
  // page link in a note opens it.
  const [reader, setReader] = useState<ReaderTarget | null>(() =>
    parseReaderLink(window.location.hash),
  );
  const [dropping, setDropping] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onHash = () => {
      const target = parseReaderLink(window.location.hash);
      setReader(target);
      // a page link clicked in a note opens the reader in place of the note
      if (target) setOpenNote(null);
    };
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
  const onError = useCallback((m: string) => setError(m || null), []);
  const importPdfs = (files: File[]) => {
    void attachFiles(files, null, onError);
  };

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
  useEffect(() => {
    if (started) loadSidebar();
  }, [started, loadSidebar]);
  useEffect(
    () => run(invoke('settings.getUi', { key: 'table.columns' }), (v) => setLayout(parseLayout(v))),
    [],
  );
  const { refresh } = pages;
  useEngineEvent('library.changed', () => {
    refresh();
    loadSidebar();
  });

  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // while searching, the snippets sit right after the title; never stored in the layout
  const shownLayout = useMemo(() => {
    const order = layout.order.filter((c) => c !== 'foundIn');
    if (!searching || pages.queryError) return { ...layout, order };
    const at = order.indexOf('title') + 1;
    return { ...layout, order: [...order.slice(0, at), 'foundIn' as const, ...order.slice(at)] };
  }, [layout, searching, pages.queryError]);
  const onLayout = (next: ColumnLayout) => {
    const l = { ...next, order: next.order.filter((c) => c !== 'foundIn') };
    setLayout(l);
    clearTimeout(saveTimer.current);
    // resizing fires per pointer move: store the layout once the user stops
    saveTimer.current = setTimeout(
      () => run(invoke('settings.setUi', { key: 'table.columns', value: l })),
      300,
    );
  };

  const select = useCallback((ids: number[], focus: number | null) => {
    setSelected(new Set(ids));
    setFocusId(focus ?? (ids.length === 1 ? ids[0]! : null));
  }, []);
  const dropFromSelection = useCallback((id: number) => {
    setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : s));
    setFocusId((f) => (f === id ? null : f));
  }, []);
  const goTo = (p: Place) => {
    setPlace(p);
    select([], null);
    // a notice is about the view it was given in ("… was deleted", a tag toggled there)
    setNotice(null);
  };
  // The collection or smart collection shown was deleted (in another window, by the CLI, or
  // here): back to the library, as deleting the smart collection shown here always did, rather
  // than an error over an empty table whose sidebar entry is gone.
  const { viewGone } = pages;
  useEffect(() => {
    if (!viewGone) return;
    setPlace({ kind: 'library' });
    select([], null);
    setNotice('the collection shown was deleted');
  }, [viewGone, select]);

  const revealItem = useRevealItem(
    { view, sort: listSort, search, tags: tagFilter, fullText },
    () => {
      setPlace({ kind: 'library' });
      setSearch('');
      setTagFilter([]);
    },
    (id) => select([id], id),
    tableApi,
  );

  const onSort = (column: SortColumn) => {
    setByRelevance(false);
    setSort((s) => ({
      column,
      direction: s.column === column && s.direction === 'asc' ? 'desc' : 'asc',
    }));
  };

  const ids = [...selected];
  const trashSelected = (list: number[]) => {
    if (list.length === 0) return;
    if (view.kind === 'trash') {
      void askConfirm(
        `Delete ${list.length} item${list.length === 1 ? '' : 's'} permanently? This cannot be undone.`,
        'Delete permanently',
        true,
      ).then((ok) => ok && run(invoke('items.purge', { ids: list })));
    } else {
      run(invoke('items.trash', { ids: list }), () => select([], null));
    }
  };
  const onAction = (a: TableAction) => {
    if (a.kind === 'selectAll') {
      run(invoke('items.ids', { view, sort: listSort, search, tags: tagFilter, fullText }), (all) =>
        select(all, focusId),
      );
    } else if (a.kind === 'delete') {
      trashSelected(ids);
    } else if (ids.length === 0 || view.kind === 'trash') {
      return;
    } else if (a.kind === 'star') {
      const target = focusId ?? ids[0]!;
      run(invoke('items.get', { id: target }), (it) =>
        run(invoke('items.setFlags', { ids, starred: !it.starred })),
      );
    } else {
      run(invoke('tags.toggle', { itemIds: ids, position: a.position }), (r) =>
        setNotice(
          `${r.added ? 'Added' : 'Removed'} tag “${r.tag}” ${r.added ? 'to' : 'from'} ${ids.length} item${ids.length === 1 ? '' : 's'}`,
        ),
      );
    }
  };

  // global shortcuts; table-only keys (digits, S, Delete) live in the table
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const typing =
        e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      // Ctrl/Cmd+N reaches us only in Electron: a browser keeps it for a new window. Alt+N
      // (by physical key, since macOS Option+N types a character) and a plain N in the table
      // work in both.
      const inTable = e.target instanceof HTMLElement && e.target.closest('[role="grid"]') !== null;
      const plain = !mod && !e.altKey && !e.shiftKey;
      if (
        (mod && !e.altKey && e.key.toLowerCase() === 'n') ||
        (e.altKey && !mod && e.code === 'KeyN') ||
        (plain && inTable && !typing && e.key.toLowerCase() === 'n')
      ) {
        e.preventDefault();
        setNewOpen(true);
      } else if ((mod && e.key.toLowerCase() === 'f') || (!typing && e.key === '/')) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape' && e.target === searchRef.current) {
        tableRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const viewLabel =
    place.kind === 'collection'
      ? (collections.find((c) => c.id === place.id)?.name ?? 'Collection')
      : place.kind === 'tag'
        ? `Tag: ${place.name}`
        : place.kind === 'saved'
          ? (find.saved.find((s) => s.id === place.id)?.name ?? 'Smart collection')
          : VIEW_LABEL[place.kind];
  const firstRun =
    place.kind === 'library' &&
    counts.library === 0 &&
    counts.trash === 0 &&
    !search &&
    tagFilter.length === 0;

  let pane;
  if (place.kind === 'duplicates' || place.kind === 'notes' || place.kind === 'feed') pane = null;
  else if (selected.size > 1)
    pane = <SelectionPane ids={ids} allTags={tags} trash={view.kind === 'trash'} />;
  else {
    pane = (
      <ItemPane
        itemId={selected.size === 1 ? ids[0]! : null}
        onError={onError}
        allTags={tags}
        onOpenNote={setOpenNote}
        onOpenPdf={openReader}
        onGone={dropFromSelection}
      >
        {selected.size === 1 ? (
          <>
            <CiteActions ids={ids} onError={onError} />
            <RelatedItems itemId={ids[0]!} onSelect={revealItem} />
          </>
        ) : null}
      </ItemPane>
    );
  }

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Shelfmark</h1>
        <TransferMenu
          selectedIds={ids}
          collections={collections}
          currentCollectionId={view.kind === 'collection' ? view.id : null}
          onError={setError}
          actions={transfer}
        />
        <button
          type="button"
          className="primary"
          onClick={() => setNewOpen(true)}
          title={NEW_ITEM_TITLE}
          aria-keyshortcuts="Alt+N Control+N"
        >
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
        <button type="button" onClick={() => setAddByIdOpen(true)}>
          Add by identifier
        </button>
        <button
          type="button"
          disabled={selected.size !== 1 || place.kind === 'feed'}
          onClick={() => setRefreshItemId(ids[0] ?? null)}
        >
          Update metadata
        </button>
        <button type="button" onClick={() => setOnlineSettingsOpen(true)}>
          Online settings
        </button>
        <QuickSearch
          inputRef={searchRef}
          value={search}
          onChange={(q) => {
            if (!searching && q.trim()) setByRelevance(true);
            setSearch(q);
          }}
          fullText={fullText}
          onFullText={setFullText}
          error={pages.queryError}
          onToResults={() => tableApi.current?.focusRows()}
          onSave={() =>
            find.saveSearch(search.trim(), (p) => {
              setSearch('');
              goTo(p);
            })
          }
        />
        <button type="button" onClick={() => setBackupsOpen(true)}>
          Backups
        </button>
      </header>
      {painted ? <LibraryCheckBanner /> : null}
      {error ? (
        <div role="alert" className="error-bar">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
      {reader ? (
        // pdf.js is large: the reader loads on first use (or when an item with a PDF is shown)
        <ErrorBoundary what="The PDF reader" onClose={closeReader}>
          <PdfReaderLoader
            target={reader}
            onClose={closeReader}
            onPage={onReaderPage}
            onError={onError}
          />
        </ErrorBoundary>
      ) : null}
      <main className={`panes${pane ? '' : ' no-pane'}`} hidden={reader !== null}>
        <Sidebar
          place={place}
          onPlace={goTo}
          counts={counts}
          collections={collections}
          tags={tags}
          tagFilter={tagFilter}
          onTagFilter={(f) => {
            setTagFilter(f);
            select([], null);
          }}
        >
          <SmartCollections
            saved={find.saved}
            view={view}
            onView={goTo}
            onRename={find.renameSaved}
            onDelete={(s) =>
              find.deleteSaved(s, () => {
                if (place.kind === 'saved' && place.id === s.id) goTo({ kind: 'library' });
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
          {painted ? (
            <FeedsSection
              selectedFeedId={place.kind === 'feed' ? place.id : null}
              onSelect={(id) => goTo({ kind: 'feed', id })}
              onError={setError}
            />
          ) : null}
        </Sidebar>
        {place.kind === 'duplicates' ? (
          <DuplicatesView />
        ) : place.kind === 'feed' ? (
          <section className="center" aria-label="Feed">
            <FeedEntries
              feedId={place.id}
              onError={setError}
              onOpenItem={(id) => {
                setPlace({ kind: 'library' });
                select([id], id);
              }}
              onUnsubscribed={() => goTo({ kind: 'library' })}
            />
          </section>
        ) : place.kind === 'notes' ? (
          <section className="center notes-center" aria-label="Notes">
            <NotesList itemId={null} onOpen={setOpenNote} full />
          </section>
        ) : (
          <section
            className={`center${dropping ? ' drop-target' : ''}`}
            aria-label={viewLabel}
            ref={tableRef}
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
            {tagFilter.length > 0 || view.kind === 'trash' ? (
              <div className="filter-bar">
                {tagFilter.length > 0 ? (
                  <span role="status" aria-label="Tag filter">
                    Tags (all of):{' '}
                    {tagFilter.map((t) => (
                      <button
                        key={t}
                        type="button"
                        className="chip"
                        onClick={() => setTagFilter(tagFilter.filter((x) => x !== t))}
                        aria-label={`Remove filter ${t}`}
                      >
                        {t} ×
                      </button>
                    ))}
                  </span>
                ) : null}
                {view.kind === 'trash' ? (
                  <button
                    type="button"
                    className="danger"
                    disabled={counts.trash === 0}
                    onClick={() =>
                      void askConfirm(
                        `Empty the Trash? ${counts.trash} item${counts.trash === 1 ? '' : 's'} will be deleted permanently. This cannot be undone.`,
                        'Empty Trash',
                        true,
                      ).then((ok) => ok && run(invoke('trash.empty', {})))
                    }
                  >
                    Empty Trash…
                  </button>
                ) : null}
              </div>
            ) : null}
            <ItemTable
              handle={tableApi}
              pages={pages}
              // a relevance search over too many matches comes newest first: the header says so
              sort={pages.sortedBy ?? listSort}
              onSort={onSort}
              layout={shownLayout}
              onLayout={onLayout}
              selected={selected}
              onSelect={select}
              onAction={onAction}
              onRowMenu={(at, list) =>
                itemMenu(at, list, view, collections, {
                  trash: trashSelected,
                  openNote: setOpenNote,
                })
              }
              label={`Items in ${viewLabel}`}
              empty={
                firstRun ? (
                  <EmptyState
                    onNewItem={() => setNewOpen(true)}
                    onImportFile={() => transfer.current?.chooseFiles()}
                    onPasteListing={() => transfer.current?.pasteListing()}
                    onAddPdfs={() => importInput.current?.click()}
                  />
                ) : null
              }
            />
            <FullTextResults search={search} onOpen={openReader} />
            <JobProgress />
            <footer className="status" aria-live="polite">
              {pages.total} {pages.total === 1 ? 'item' : 'items'}
              {pages.sortedBy
                ? ` · newest first: over ${RELEVANCE_LIMIT.toLocaleString('en')} matches are not ranked by relevance (type more to narrow)`
                : ''}
              {selected.size > 1 ? ` · ${selected.size} selected` : ''}
              {notice ? ` · ${notice}` : ''}
            </footer>
          </section>
        )}
        {pane}
      </main>
      {/* closed dialogs are 160 elements the first screen does not show */}
      {painted ? (
        <>
          <BackupsDialog open={backupsOpen} onClose={() => setBackupsOpen(false)} />
          <NewItemDialog
            open={newOpen}
            onClose={() => setNewOpen(false)}
            onCreated={(item) => {
              setNewOpen(false);
              select([item.id], item.id);
            }}
          />
          <AddByIdDialog
            open={addByIdOpen}
            onClose={() => setAddByIdOpen(false)}
            onAdded={(id) => {
              if (place.kind === 'feed' || place.kind === 'duplicates' || place.kind === 'notes') {
                setPlace({ kind: 'library' });
              }
              select([id], id);
            }}
          />
          <RefreshDialog itemId={refreshItemId} onClose={() => setRefreshItemId(null)} />
          <OnlineSettingsDialog
            open={onlineSettingsOpen}
            onClose={() => setOnlineSettingsOpen(false)}
          />
          <NoteEditor note={openNote} onClose={() => setOpenNote(null)} />
        </>
      ) : null}
      {painted ? <UndoToast /> : null}
      <DialogHost />
      <ContextMenuHost />
    </div>
  );
}
