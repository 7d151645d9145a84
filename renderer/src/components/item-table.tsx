import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { SortColumn } from '../../../shared/domain/item';
import type { ItemPages } from '../hooks/use-item-pages';
import { COLUMNS, type ColumnLayout } from './columns';
import { TableHeader } from './table-header';

const ROW_HEIGHT = 28;
export const ITEMS_MIME = 'application/x-shelfmark-items';

export type TableAction =
  { kind: 'delete' } | { kind: 'star' } | { kind: 'selectAll' } | { kind: 'tag'; position: number };

interface Props {
  pages: ItemPages;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
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
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (pages.total > 0) ensure(first, last);
  }, [ensure, first, last, pages.total]);

  /** Ids of loaded rows between two indexes (a shift-range over unloaded pages loads them first). */
  function range(a: number, b: number): number[] {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    pages.ensure(lo, hi);
    const ids: number[] = [];
    for (let i = lo; i <= hi; i++) {
      const r = pages.rowAt(i);
      if (r) ids.push(r.id);
    }
    return ids;
  }

  function pick(index: number, mode: 'only' | 'toggle' | 'range') {
    const row = pages.rowAt(index);
    if (!row) return;
    cursor.current = index;
    if (mode === 'range' && anchor.current !== null) {
      onSelect(range(anchor.current, index), row.id);
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
    virtualizer.scrollToIndex(index);
    if (pages.rowAt(index)) pick(index, extend ? 'range' : 'only');
    else pages.ensure(index, index);
  }

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

  const columns = layout.order.map((id) => COLUMNS[id]);
  const width = (id: (typeof columns)[number]['id']) => layout.widths[id] ?? COLUMNS[id].width;
  const gridWidth = columns.reduce((w, c) => w + width(c.id), 0) + 32;

  const onRowMouseDown = (e: MouseEvent, index: number, id: number) => {
    if (e.button !== 0) return;
    if (e.shiftKey) pick(index, 'range');
    else if (e.ctrlKey || e.metaKey) pick(index, 'toggle');
    // keep a multi-selection under the pointer so it can be dragged; a click narrows it
    else if (!selected.has(id)) pick(index, 'only');
  };

  return (
    <div
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
          <div
            style={{ height: virtualizer.getTotalSize(), width: gridWidth, position: 'relative' }}
          >
            {items.map((v) => {
              const row = pages.rowAt(v.index);
              const isSel = row !== undefined && selected.has(row.id);
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={isSel}
                  data-item-id={row?.id}
                  className={`item-row${isSel ? ' selected' : ''}${v.index % 2 ? ' odd' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  draggable={row !== undefined}
                  onDragStart={(e) => {
                    if (!row) return;
                    const ids = selected.has(row.id) ? [...selected] : [row.id];
                    e.dataTransfer.setData(ITEMS_MIME, JSON.stringify(ids));
                    e.dataTransfer.setData('text/plain', `${ids.length} item(s)`);
                    e.dataTransfer.effectAllowed = 'copyMove';
                  }}
                  onMouseDown={(e) => row && onRowMouseDown(e, v.index, row.id)}
                  onClick={(e) => {
                    if (row && !e.shiftKey && !e.ctrlKey && !e.metaKey && selected.size > 1) {
                      pick(v.index, 'only');
                    }
                  }}
                  onContextMenu={(e) => {
                    if (!row) return;
                    e.preventDefault();
                    const ids = selected.has(row.id) ? [...selected] : [row.id];
                    if (!selected.has(row.id)) pick(v.index, 'only');
                    props.onRowMenu(e, ids);
                  }}
                >
                  {columns.map((c) => (
                    <div key={c.id} role="gridcell" style={{ width: width(c.id) }}>
                      {row ? c.render(row) : '…'}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {pages.error ? <p role="alert">{pages.error}</p> : null}
    </div>
  );
}
