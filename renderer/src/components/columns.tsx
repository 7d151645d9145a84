import type { ReactNode } from 'react';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';

export const COLUMN_IDS = [
  'title',
  'creators',
  'year',
  'venue',
  'type',
  'citationKey',
  'dateAdded',
  'dateModified',
  'starred',
  'rating',
  'readState',
  'attachments',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface Column {
  id: ColumnId;
  label: string;
  /** Header text when it differs from the label (a narrow column shows a symbol). */
  header?: string;
  width: number;
  /** The engine sort this column maps to; star has none. */
  sort?: SortColumn;
  render(row: ItemRow): ReactNode;
}

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

export const COLUMNS: Record<ColumnId, Column> = {
  title: {
    id: 'title',
    label: 'Title',
    width: 380,
    sort: 'title',
    render: (r) => (
      <>
        {r.colorTags.map((t) => (
          <span
            key={t.name}
            className="tag-dot"
            style={{ background: t.color }}
            title={t.name}
            data-tag={t.name}
          />
        ))}
        {r.title || '(untitled)'}
      </>
    ),
  },
  creators: {
    id: 'creators',
    label: 'Creators',
    width: 200,
    sort: 'creators',
    render: (r) => r.creators,
  },
  year: {
    id: 'year',
    label: 'Year',
    width: 60,
    sort: 'year',
    render: (r) => (r.year === null ? '' : String(r.year)),
  },
  venue: { id: 'venue', label: 'Venue', width: 180, sort: 'venue', render: (r) => r.venue },
  type: { id: 'type', label: 'Type', width: 100, sort: 'type', render: (r) => r.type },
  citationKey: {
    id: 'citationKey',
    label: 'Citation key',
    width: 170,
    sort: 'citationKey',
    render: (r) => r.citationKey,
  },
  dateAdded: {
    id: 'dateAdded',
    label: 'Date added',
    width: 110,
    sort: 'dateAdded',
    render: (r) => r.dateAdded.slice(0, 10),
  },
  dateModified: {
    id: 'dateModified',
    label: 'Date modified',
    width: 110,
    sort: 'dateModified',
    render: (r) => r.dateModified.slice(0, 10),
  },
  starred: {
    id: 'starred',
    label: 'Star',
    header: '★',
    width: 46,
    render: (r) => (r.starred ? <span aria-label="starred">★</span> : ''),
  },
  rating: {
    id: 'rating',
    label: 'Rating',
    width: 90,
    sort: 'rating',
    render: (r) => <span aria-label={`rating ${r.rating}`}>{stars(r.rating)}</span>,
  },
  readState: {
    id: 'readState',
    label: 'Read state',
    width: 90,
    sort: 'readState',
    render: (r) => r.readState,
  },
  attachments: {
    id: 'attachments',
    label: 'Attachments',
    width: 90,
    sort: 'attachments',
    render: (r) => (r.attachments ? `📎 ${r.attachments}` : ''),
  },
};

export interface ColumnLayout {
  /** Visible columns, in display order. */
  order: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
}

export const DEFAULT_LAYOUT: ColumnLayout = {
  order: ['starred', 'title', 'creators', 'year', 'venue', 'type', 'citationKey', 'dateAdded'],
  widths: {},
};

/** A stored layout, checked: unknown columns from an older or damaged setting are dropped. */
export function parseLayout(v: unknown): ColumnLayout {
  if (!v || typeof v !== 'object') return DEFAULT_LAYOUT;
  const o = v as { order?: unknown; widths?: unknown };
  const order = Array.isArray(o.order)
    ? o.order.filter((c): c is ColumnId => COLUMN_IDS.includes(c as ColumnId))
    : [];
  const widths: ColumnLayout['widths'] = {};
  if (o.widths && typeof o.widths === 'object') {
    for (const [k, w] of Object.entries(o.widths)) {
      if (COLUMN_IDS.includes(k as ColumnId) && typeof w === 'number' && w >= 30 && w <= 2000) {
        widths[k as ColumnId] = w;
      }
    }
  }
  return order.includes('title') ? { order: [...new Set(order)], widths } : DEFAULT_LAYOUT;
}

export const widthOf = (layout: ColumnLayout, id: ColumnId) =>
  layout.widths[id] ?? COLUMNS[id].width;
