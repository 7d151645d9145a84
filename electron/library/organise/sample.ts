import type { Database } from 'better-sqlite3';
import sample from '../../../resources/sample-library.json' with { type: 'json' };
import { insertItem } from '../items/repo';
import { AppError } from '../errors';
import { createCollection } from './collections';
import { createNote } from './notes';
import { addTags, ensureTag, updateTag } from './tags';

// The bundled sample library: real papers' metadata, with tags, collections and notes written
// for it. It is imported into the open library (first run), through the same engine functions.

interface SampleItem {
  type: string;
  citationKey: string;
  title: string;
  date: string;
  venue: string;
  doi?: string;
  url?: string;
  creators: string[][];
  fields: Record<string, string>;
  tags: string[];
  collections: string[];
  readState?: string;
  starred?: boolean;
  rating?: number;
  notes?: string[];
}

interface Sample {
  collections: string[];
  tags: { name: string; color: string; position: number }[];
  items: SampleItem[];
  notes: string[];
}

export function loadSample(db: Database): number {
  const data = sample as unknown as Sample;
  const count = db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
  if (count > 0) {
    throw new AppError('conflict', 'The sample library only loads into an empty library.');
  }
  const collections = new Map<string, number>();
  for (const path of data.collections) {
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? null : (collections.get(path.slice(0, cut)) ?? null);
    collections.set(path, createCollection(db, path.slice(cut + 1), parent).id);
  }
  for (const t of data.tags) updateTag(db, ensureTag(db, t.name), t);
  for (const it of data.items) {
    const id = insertItem(db, {
      type: it.type,
      citationKey: it.citationKey,
      title: it.title,
      date: it.date,
      venue: it.venue,
      doi: it.doi,
      url: it.url,
      creators: it.creators.map(([family = '', given = '']) => ({
        role: 'author',
        family,
        given,
        prefix: '',
        suffix: '',
        literal: '',
      })),
      fields: it.fields,
      readState: (it.readState ?? 'unread') as 'unread' | 'reading' | 'read',
      starred: it.starred,
      rating: it.rating,
    });
    if (it.tags.length > 0) addTags(db, [id], it.tags);
    const link = db.prepare('INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)');
    for (const c of it.collections) link.run(collections.get(c)!, id);
    for (const body of it.notes ?? []) createNote(db, { itemId: id, title: '', body });
  }
  for (const body of data.notes) createNote(db, { itemId: null, title: '', body });
  return data.items.length;
}
