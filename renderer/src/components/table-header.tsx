import { useRef, type PointerEvent } from 'react';
import type { SortColumn } from '../../../shared/domain/item';
import { COLUMN_IDS, COLUMNS, type Column, type ColumnId, type ColumnLayout } from './columns';
import { openContextMenu } from './context-menu';

const COLUMN_MIME = 'application/x-shelfmark-column';

interface Props {
  columns: Column[];
  layout: ColumnLayout;
  onLayout(layout: ColumnLayout): void;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  onSort(column: SortColumn): void;
  width: number;
}

/** Column headers: click to sort, drag to reorder, drag the edge to resize, right-click to choose. */
export function TableHeader({ columns, layout, onLayout, sort, onSort, width }: Props) {
  const resizing = useRef<{ id: ColumnId; x: number; w: number } | null>(null);

  const chooser = (at: { clientX: number; clientY: number }) =>
    openContextMenu(
      at,
      'Columns',
      COLUMN_IDS.map((id) => ({
        label: COLUMNS[id].label,
        checked: layout.order.includes(id),
        disabled: id === 'title',
        onSelect: () =>
          onLayout({
            ...layout,
            order: layout.order.includes(id)
              ? layout.order.filter((c) => c !== id)
              : [...layout.order, id],
          }),
      })),
    );

  const startResize = (e: PointerEvent<HTMLSpanElement>, c: Column) => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    resizing.current = { id: c.id, x: e.clientX, w: layout.widths[c.id] ?? c.width };
  };
  const onResize = (e: PointerEvent<HTMLSpanElement>) => {
    const r = resizing.current;
    if (!r) return;
    const w = Math.max(40, Math.min(1200, Math.round(r.w + e.clientX - r.x)));
    onLayout({ ...layout, widths: { ...layout.widths, [r.id]: w } });
  };

  return (
    <div
      className="item-table-head"
      role="row"
      aria-rowindex={1}
      style={{ width }}
      onContextMenu={(e) => {
        e.preventDefault();
        chooser(e);
      }}
    >
      {columns.map((c) => {
        const sorted = c.sort !== undefined && sort.column === c.sort;
        return (
          <div
            key={c.id}
            role="columnheader"
            aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            style={{ width: layout.widths[c.id] ?? c.width }}
            className="item-table-header"
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes(COLUMN_MIME)) e.preventDefault();
            }}
            onDrop={(e) => {
              const moved = e.dataTransfer.getData(COLUMN_MIME) as ColumnId;
              if (!moved || moved === c.id) return;
              e.preventDefault();
              const order = layout.order.filter((x) => x !== moved);
              order.splice(order.indexOf(c.id), 0, moved);
              onLayout({ ...layout, order });
            }}
          >
            <button
              type="button"
              // the button is the drag handle: Chromium starts no drag from a button inside a
              // draggable element
              draggable
              onDragStart={(e) => e.dataTransfer.setData(COLUMN_MIME, c.id)}
              onClick={() => c.sort && onSort(c.sort)}
              title={c.sort ? `Sort by ${c.label}` : c.label}
              aria-label={c.header ? c.label : undefined}
            >
              {c.header ?? c.label}
              {sorted ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
            <span
              className="col-resize"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${c.label}`}
              onPointerDown={(e) => startResize(e, c)}
              onPointerMove={onResize}
              onPointerUp={() => (resizing.current = null)}
            />
          </div>
        );
      })}
      <button
        type="button"
        className="icon col-chooser"
        aria-label="Choose columns"
        onClick={(e) => chooser(e)}
      >
        ⋯
      </button>
    </div>
  );
}
