// Fills a library straight from a generated one: one transaction, statements prepared once.
// This is the benchmark's set-up path, not the import pipeline (which B2 measures): it skips
// parsing, duplicate detection and key generation so B3–B6 can start from 100k items quickly.
import { creatorsText } from '../shared/domain/item';
import type { Library } from '../electron/library/library';
import type { GenLibrary } from './generate';

const MONTH_NUM: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

export function populate(lib: Library, gen: GenLibrary): { items: number; ms: number } {
  const db = lib.db;
  const t0 = performance.now();
  const insItem = db.prepare(
    `INSERT INTO items (type, citation_key, title, date, venue, doi, url, abstract, fields,
       creators_text, read_state, starred, rating, date_added, date_modified)
     VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCreator = db.prepare(
    `INSERT INTO creators (item_id, position, role, family, given) VALUES (?, ?, 'author', ?, ?)`,
  );
  const insTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
  const insItemTag = db.prepare('INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  const insColl = db.prepare(
    'INSERT INTO collections (parent_id, name, position, date_added) VALUES (?, ?, ?, ?)',
  );
  const insCollItem = db.prepare(
    'INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)',
  );
  const insSaved = db.prepare(
    'INSERT INTO saved_searches (name, query, date_added) VALUES (?, ?, ?)',
  );
  // date_added spread over ten years so the default sort has real work to do
  const base = Date.UTC(2016, 0, 1);
  const span = 10 * 365 * 24 * 3600 * 1000;
  let n = 0;
  lib.write(() => {
    const tagIds = gen.tags.map((t) => Number(insTag.run(t).lastInsertRowid));
    const tagId = new Map(gen.tags.map((t, i) => [t, tagIds[i]!]));
    const stamp = new Date(base).toISOString();
    const collIds: number[] = [];
    gen.collections.forEach((c, i) => {
      const parent = c.parent >= 0 ? collIds[c.parent]! : null;
      collIds.push(Number(insColl.run(parent, c.name, i, stamp).lastInsertRowid));
    });
    const all = [...gen.parents, ...gen.entries];
    all.forEach((e, i) => {
      const fields: Record<string, string> = {};
      if (e.volume) fields.volume = e.volume;
      if (e.number) fields.number = e.number;
      if (e.pages) fields.pages = e.pages;
      if (e.crossref) fields.crossref = e.crossref;
      const date = e.month ? `${e.year}-${MONTH_NUM[e.month]}` : String(e.year);
      const creators = e.authors.map((a) => ({
        role: 'author' as const,
        family: a.family,
        given: a.given,
        prefix: '',
        suffix: '',
        literal: '',
      }));
      const added = new Date(base + Math.floor((i / all.length) * span)).toISOString();
      const id = Number(
        insItem.run(
          e.type,
          e.key,
          e.title,
          date,
          e.venue,
          e.doi,
          e.abstract,
          JSON.stringify(fields),
          creatorsText(creators),
          i % 7 === 0 ? 'read' : 'unread',
          i % 11 === 0 ? 1 : 0,
          i % 6,
          added,
          added,
        ).lastInsertRowid,
      );
      e.authors.forEach((a, p) => insCreator.run(id, p, a.family, a.given));
      for (const t of e.tags) insItemTag.run(id, tagId.get(t)!);
      for (const c of e.collections) insCollItem.run(collIds[c]!, id);
      n++;
    });
    for (const s of gen.savedSearches) insSaved.run(s.name, s.query, stamp);
  });
  return { items: n, ms: performance.now() - t0 };
}
