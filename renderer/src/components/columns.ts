import type { ItemRow, SortColumn } from '../../../shared/domain/item';

export interface Column {
  id: SortColumn;
  label: string;
  width: number;
  value(row: ItemRow): string;
}

export const COLUMNS: Column[] = [
  { id: 'title', label: 'Title', width: 380, value: (r) => r.title || '(untitled)' },
  { id: 'creators', label: 'Creators', width: 200, value: (r) => r.creators },
  { id: 'year', label: 'Year', width: 60, value: (r) => (r.year === null ? '' : String(r.year)) },
  { id: 'venue', label: 'Venue', width: 180, value: (r) => r.venue },
  { id: 'type', label: 'Type', width: 100, value: (r) => r.type },
  { id: 'citationKey', label: 'Citation key', width: 170, value: (r) => r.citationKey },
  { id: 'dateAdded', label: 'Date added', width: 110, value: (r) => r.dateAdded.slice(0, 10) },
];
