import { memo, type DragEvent, type MouseEvent } from 'react';
import type { ItemRow } from '../../../shared/domain/item';
import type { Column } from './columns';

export const ROW_HEIGHT = 28;

/** The table's handlers, one stable object for every row (see ItemTable). */
export interface RowEvents {
  onMouseDown(e: MouseEvent, index: number, id: number): void;
  onClick(e: MouseEvent, index: number): void;
  onDragStart(e: DragEvent, id: number): void;
  onContextMenu(e: MouseEvent, index: number, id: number): void;
}

interface Props {
  index: number;
  /** Offset from the top of the table body, in pixels. */
  start: number;
  /** Undefined while its page loads: the row shows placeholders. */
  row: ItemRow | undefined;
  selected: boolean;
  columns: readonly Column[];
  widths: readonly number[];
  events: RowEvents;
}

/**
 * One row of the item table. Memoised: while the table scrolls or a page arrives, rows whose
 * item, position, selection and columns are unchanged are not rendered again (a page carries
 * new row objects only for its own rows).
 */
export const ItemRowView = memo(function ItemRowView({
  index,
  start,
  row,
  selected,
  columns,
  widths,
  events,
}: Props) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-item-id={row?.id}
      className={`item-row${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      draggable={row !== undefined}
      onDragStart={(e) => row && events.onDragStart(e, row.id)}
      onMouseDown={(e) => row && events.onMouseDown(e, index, row.id)}
      onClick={(e) => row && events.onClick(e, index)}
      onContextMenu={(e) => row && events.onContextMenu(e, index, row.id)}
    >
      {columns.map((c, i) => (
        <div key={c.id} role="gridcell" style={{ width: widths[i] }}>
          {row ? c.render(row) : '…'}
        </div>
      ))}
    </div>
  );
});
