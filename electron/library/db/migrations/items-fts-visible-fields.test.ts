import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { FTS_ROWS_SQL } from '../../import/parallel-fts';
import { listItems } from '../../items/list';
import { expectedItemsFtsTokens, itemsFtsTokens } from '../../testing/items-fts';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

// Migration 120: items_fts's `extra` column leaves out the engine's own fields (`latex:…`,
// `shelfmark:…`), and the table keeps no copy of the text (contentless). An existing library
// is indexed again, later inserts, edits and deletes go through the new triggers, and those
// index exactly what the bulk import's fill writes (FTS_ROWS_SQL).

const FIELDS = JSON.stringify({
  publisher: 'Oxford Formidable Press',
  'latex:author': 'M{\\"u}ller, Zygmunt',
  'shelfmark:inherited': '{"venue":"Proceedings of Quuxology"}',
});

const extraOf = (db: Database.Database, id: number) =>
  db.prepare<[number], string>('SELECT extra FROM items_fts WHERE rowid = ?').pluck().get(id);
/** The terms items_fts indexed in row `id`'s `extra` column. */
const extraTerms = (db: Database.Database, id: number) =>
  itemsFtsTokens(db)
    .filter(([, row, col]) => row === id && col === 'extra')
    .map(([term]) => term);
const search = (db: Database.Database, q: string) =>
  listItems(db, { view: { kind: 'library' }, search: q }, 0, 100).rows.map((r) => r.id);

it('indexes only the fields a person sees, in old libraries and for later edits', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 120),
  );
  db.prepare(
    `INSERT INTO items (id, type, citation_key, title, venue, creators_text, doi, fields,
                        date_added, date_modified)
     VALUES (1, 'inproceedings', 'muller2001', 'Grammars', 'Proceedings of Quuxology', 'Müller',
             '10.1/x', ?, '2020', '2020')`,
  ).run(FIELDS);
  // before: the hidden LaTeX source and bookkeeping JSON were searchable
  expect(extraOf(db, 1)).toContain('{"venue":');
  expect(search(db, 'zygmunt')).toEqual([1]);
  expect(search(db, 'venue')).toEqual([1]);

  migrate(db);

  expect(extraOf(db, 1)).toBeNull(); // no copy of the text: snippets read items
  expect(
    db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'items_fts'`).pluck().get(),
  ).toMatch(/prefix = '3 4 5', content = '', contentless_delete = 1/);
  expect(extraTerms(db, 1)).toEqual([
    'muller2001',
    '10',
    '1',
    'x',
    'oxford',
    'formidable',
    'press',
  ]);
  db.exec(`INSERT INTO items_fts (items_fts) VALUES ('integrity-check')`);
  expect(search(db, 'zygmunt')).toEqual([]);
  expect(search(db, 'venue')).toEqual([]);
  expect(search(db, 'formidable')).toEqual([1]);
  expect(search(db, 'quuxology')).toEqual([1]); // the venue column still has it
  expect(search(db, 'muller2001')).toEqual([1]);

  // a new item and an edited one: what the triggers write is what the bulk fill computes
  db.prepare(
    `INSERT INTO items (id, type, citation_key, title, fields, date_added, date_modified)
     VALUES (2, 'article', 'k2', 'Second', ?, '2020', '2020')`,
  ).run(FIELDS);
  db.prepare(
    `UPDATE items SET fields = json_set(fields, '$.note', 'Seen in Tarragona',
                                        '$."latex:title"', '{G}rammars') WHERE id = 1`,
  ).run();
  expect(itemsFtsTokens(db)).toEqual(expectedItemsFtsTokens(db));
  expect(db.prepare(FTS_ROWS_SQL).raw().all(0, 1)).toEqual([
    [
      1,
      'Grammars',
      'Müller',
      '',
      'Proceedings of Quuxology',
      'muller2001 10.1/x Oxford Formidable Press Seen in Tarragona',
    ],
  ]);
  expect(search(db, 'tarragona')).toEqual([1]);
  expect(search(db, 'zygmunt')).toEqual([]);
  // the page's snippet comes from the item's own text
  const row = listItems(db, { view: { kind: 'library' }, search: 'tarrag' }, 0, 10).rows[0]!;
  expect(row.snippet?.parts.some((p) => p.hit && /Tarragona/.test(p.text))).toBe(true);
  // a deleted item leaves the index (contentless_delete)
  db.prepare('DELETE FROM items WHERE id = 2').run();
  expect(itemsFtsTokens(db).some(([, r]) => r === 2)).toBe(false);
  expect(itemsFtsTokens(db)).toEqual(expectedItemsFtsTokens(db));
  db.exec(`INSERT INTO items_fts (items_fts) VALUES ('integrity-check')`);
  db.close();
});
