import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SortColumn } from '../../../shared/domain/item';
import type { ItemPages } from '../hooks/use-item-pages';
import { COLUMNS } from './columns';

const ROW_HEIGHT = 28;

interface Props {
  pages: ItemPages;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  onSort(column: SortColumn): void;
  selectedId: number | null;
  onSelect(id: number | null): void;
  onDelete(id: number): void;
  label: string;
}

/**
 * The item table: a virtualised grid, so only the visible rows exist in the DOM and only the
 * pages under them are fetched.
 */
export function ItemTable({ pages, sort, onSort, selectedId, onSelect, onDelete, label }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
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

  const selectedIndex = (() => {
    if (selectedId === null) return -1;
    for (const v of items) if (pages.rowAt(v.index)?.id === selectedId) return v.index;
    return -1;
  })();

  function move(to: number) {
    const index = Math.max(0, Math.min(pages.total - 1, to));
    virtualizer.scrollToIndex(index);
    const row = pages.rowAt(index);
    if (row) onSelect(row.id);
    else pages.ensure(index, index);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 280) / ROW_HEIGHT) - 1);
    const at = selectedIndex < 0 ? first - 1 : selectedIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(pages.total - 1),
      Delete: () => selectedId !== null && onDelete(selectedId),
      Backspace: () => selectedId !== null && onDelete(selectedId),
    };
    const action = keys[e.key];
    if (action && pages.total > 0) {
      e.preventDefault();
      action();
    }
  }

  const gridWidth = COLUMNS.reduce((w, c) => w + c.width, 0);

  return (
    <div
      className="item-table"
      role="grid"
      aria-label={label}
      aria-rowcount={pages.total + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="item-table-head" role="row" aria-rowindex={1} style={{ width: gridWidth }}>
        {COLUMNS.map((c) => (
          <div
            key={c.id}
            role="columnheader"
            aria-sort={
              sort.column === c.id
                ? sort.direction === 'asc'
                  ? 'ascending'
                  : 'descending'
                : 'none'
            }
            style={{ width: c.width }}
            className="item-table-header"
          >
            <button type="button" onClick={() => onSort(c.id)} title={`Sort by ${c.label}`}>
              {c.label}
              {sort.column === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          </div>
        ))}
      </div>
      <div ref={scroller} className="item-table-body">
        {pages.loaded && pages.total === 0 ? (
          <p className="empty-note">No items here.</p>
        ) : (
          <div
            style={{ height: virtualizer.getTotalSize(), width: gridWidth, position: 'relative' }}
          >
            {items.map((v) => {
              const row = pages.rowAt(v.index);
              const selected = row !== undefined && row.id === selectedId;
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={selected}
                  className={`item-row${selected ? ' selected' : ''}${v.index % 2 ? ' odd' : ''}`}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onMouseDown={() => row && onSelect(row.id)}
                >
                  {COLUMNS.map((c) => (
                    <div key={c.id} role="gridcell" style={{ width: c.width }}>
                      {row ? c.value(row) : '…'}
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
