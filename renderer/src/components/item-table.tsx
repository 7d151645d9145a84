import {
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { SortColumn } from '../../../shared/domain/item';
import type { ItemPages } from '../hooks/use-item-pages';
import { useRowWindow } from '../hooks/use-row-window';
import { COLUMNS, type ColumnLayout } from './columns';
import { ItemRowView, ROW_HEIGHT, type RowEvents } from './item-table-row';
import { TableHeader } from './table-header';

export const ITEMS_MIME = 'application/x-shelfmark-items';

export type TableAction =
  { kind: 'delete' } | { kind: 'star' } | { kind: 'selectAll' } | { kind: 'tag'; position: number };

/** What the rest of the window may ask of the table. */
export interface ItemTableHandle {
  /** Focuses the rows on the selected one, or selects the first (ArrowDown from the search). */
  focusRows(): void;
  /** Scrolls row `index` into view and puts the keyboard there (the selection is the app's). */
  scrollToRow(index: number): void;
}

interface Props {
  handle?: Ref<ItemTableHandle>;
  pages: ItemPages;
  /** `relevance`: ranked search results, no column sorted. */
  sort: { column: SortColumn | 'relevance'; direction: 'asc' | 'desc' };
  onSort(column: SortColumn): void;
  layout: ColumnLayout;
  onLayout(layout: ColumnLayout): void;
  selected: ReadonlySet<number>;
  /** New selection; `focus` is the row the keyboard is on (shown in the item pane). */
  onSelect(ids: number[], focus: number | null): void;
  onAction(action: TableAction): void;
  onRowMenu(at: { clientX: number; clientY: number }, ids: number[]): void;
  label: string;
  /** Shown under "No items here." when the view is empty (the first-run ways in). */
  empty?: ReactNode;
}

/**
 * The item table: a virtualised grid, so only the visible rows exist in the DOM and only the
 * pages under them are fetched. Multi-select with shift/ctrl, drag rows onto collections.
 */
export function ItemTable(props: Props) {
  const { pages, sort, onSort, layout, onLayout, selected, onSelect, onAction, label } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);
  const cursor = useRef<number | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  // page arrivals re-render the table only (the app does not re-render for them)
  useSyncExternalStore(pages.subscribe, pages.version);
  // a few rows past each edge: every extra row is rendered on every scroll frame
  const rows = useRowWindow(scroller, pages.total, ROW_HEIGHT, 4);
  const first = rows.first;
  const last = Math.max(rows.first, rows.last);
  const count = rows.last - rows.first + 1;
  const { ensureSoon } = pages;
  useEffect(() => {
    if (pages.total > 0) ensureSoon(first, last);
  }, [ensureSoon, first, last, pages.total]);

  function pick(index: number, mode: 'only' | 'toggle' | 'range') {
    const row = pages.rowAt(index);
    if (!row) return;
    cursor.current = index;
    if (mode === 'range' && anchor.current !== null) {
      // every row of the range, also those on pages never loaded (a fling scroll skips them)
      const [lo, hi] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
      void pages
        .idsBetween(lo, hi)
        .then((ids) => ids && onSelect(ids, row.id))
        .catch(() => undefined); // the table shows the engine's error on its next page fetch
      return;
    }
    anchor.current = index;
    if (mode === 'toggle') {
      const next = new Set(selected);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      onSelect([...next], next.has(row.id) ? row.id : null);
    } else {
      onSelect([row.id], row.id);
    }
  }

  function move(to: number, extend: boolean) {
    const index = Math.max(0, Math.min(pages.total - 1, to));
    rows.scrollToIndex(index);
    if (pages.rowAt(index)) pick(index, extend ? 'range' : 'only');
    else pages.ensure(index, index);
  }

  // As in Zotero: the keyboard lands on the selection when it is among the results, else on
  // the first row. Only loaded rows are searched: the selection in view is always loaded.
  useImperativeHandle(props.handle, () => ({
    focusRows() {
      grid.current?.focus();
      if (pages.total === 0) return;
      for (let i = 0; i < pages.total; i++) {
        const row = pages.rowAt(i);
        if (row && selected.has(row.id)) {
          cursor.current = anchor.current = i;
          rows.scrollToIndex(i);
          return;
        }
      }
      move(0, false);
    },
    scrollToRow(index) {
      cursor.current = anchor.current = index;
      rows.scrollToIndex(index);
    },
  }));

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (pages.total === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 280) / ROW_HEIGHT) - 1);
    const at = cursor.current ?? first - 1;
    const mod = e.ctrlKey || e.metaKey;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1, e.shiftKey),
      ArrowUp: () => move(at - 1, e.shiftKey),
      PageDown: () => move(at + page, e.shiftKey),
      PageUp: () => move(at - page, e.shiftKey),
      Home: () => move(0, e.shiftKey),
      End: () => move(pages.total - 1, e.shiftKey),
      Delete: () => onAction({ kind: 'delete' }),
      Backspace: () => onAction({ kind: 'delete' }),
    };
    let action = keys[e.key];
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      // the row menu from the keyboard, under the selected row
      action = () => {
        const el = scroller.current?.querySelector('[role="row"][aria-selected="true"]');
        const r = (el ?? scroller.current)?.getBoundingClientRect();
        if (r && selected.size > 0)
          props.onRowMenu({ clientX: r.left + 40, clientY: r.bottom }, [...selected]);
      };
    }
    if (!action && mod && e.key.toLowerCase() === 'a')
      action = () => onAction({ kind: 'selectAll' });
    if (!action && !mod && !e.altKey && /^[1-9]$/.test(e.key)) {
      action = () => onAction({ kind: 'tag', position: Number(e.key) });
    }
    if (!action && !mod && !e.altKey && e.key.toLowerCase() === 's')
      action = () => onAction({ kind: 'star' });
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const columns = useMemo(() => layout.order.map((id) => COLUMNS[id]), [layout.order]);
  const widths = useMemo(
    () => columns.map((c) => layout.widths[c.id] ?? c.width),
    [columns, layout.widths],
  );
  const gridWidth = widths.reduce((w, x) => w + x, 0) + 32;

  // Rows get one stable object of handlers, which reads the latest props and selection
  // through a ref: a memoised row then re-renders only when its own data changes.
  const live = useRef({ selected, pick, onRowMenu: props.onRowMenu });
  live.current = { selected, pick, onRowMenu: props.onRowMenu };
  const events = useMemo<RowEvents>(
    () => ({
      onMouseDown(e: MouseEvent, index: number, id: number) {
        if (e.button !== 0) return;
        const { selected: sel, pick: select } = live.current;
        if (e.shiftKey) select(index, 'range');
        else if (e.ctrlKey || e.metaKey) select(index, 'toggle');
        // keep a multi-selection under the pointer so it can be dragged; a click narrows it
        else if (!sel.has(id)) select(index, 'only');
      },
      onClick(e: MouseEvent, index: number) {
        const { selected: sel, pick: select } = live.current;
        if (!e.shiftKey && !e.ctrlKey && !e.metaKey && sel.size > 1) select(index, 'only');
      },
      onDragStart(e, id) {
        const sel = live.current.selected;
        const ids = sel.has(id) ? [...sel] : [id];
        e.dataTransfer.setData(ITEMS_MIME, JSON.stringify(ids));
        e.dataTransfer.setData('text/plain', `${ids.length} item(s)`);
        e.dataTransfer.effectAllowed = 'copyMove';
      },
      onContextMenu(e, index, id) {
        const { selected: sel, pick: select, onRowMenu } = live.current;
        e.preventDefault();
        const ids = sel.has(id) ? [...sel] : [id];
        if (!sel.has(id)) select(index, 'only');
        onRowMenu(e, ids);
      },
    }),
    [],
  );

  return (
    <div
      ref={grid}
      className="item-table"
      role="grid"
      aria-label={label}
      aria-rowcount={pages.total + 1}
      aria-multiselectable
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <TableHeader
        columns={columns}
        layout={layout}
        onLayout={onLayout}
        sort={sort}
        onSort={onSort}
        width={gridWidth}
      />
      <div ref={scroller} className="item-table-body" style={{ minWidth: gridWidth }}>
        {pages.loaded && pages.total === 0 ? (
          <>
            <p className="empty-note">No items here.</p>
            {props.empty}
          </>
        ) : (
          <div style={{ height: pages.total * ROW_HEIGHT, width: gridWidth, position: 'relative' }}>
            {Array.from({ length: Math.max(0, count) }, (_, i) => {
              const index = first + i;
              const row = pages.rowAt(index);
              return (
                <ItemRowView
                  // keyed by slot, not by index: a row scrolled out is reused for the one
                  // scrolled in (its text and attributes change) instead of being removed and
                  // created again, which was most of the DOM work on every scroll frame
                  key={index % count}
                  index={index}
                  start={index * ROW_HEIGHT}
                  row={row}
                  selected={row !== undefined && selected.has(row.id)}
                  columns={columns}
                  widths={widths}
                  events={events}
                />
              );
            })}
          </div>
        )}
      </div>
      {/* a view that is gone is the app's to handle (back to the Library, with a notice) */}
      {pages.error && !pages.viewGone ? <p role="alert">{pages.error}</p> : null}
    </div>
  );
}
