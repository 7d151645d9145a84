import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { listItems } from '../../items/list';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

// Migrations 110 and 115 rebuild items_fts with other prefix indexes: a library made before
// them must find the same items afterwards, the trash stays indexed, and the triggers of
// migration 1 keep the new table in step with later edits.
it('rebuilds items_fts of an existing library with prefixes 3 4 5, keeping every match', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 110),
  );
  expect(
    db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'items_fts'`).pluck().get(),
  ).toMatch(/prefix = '2 3'/);
  db.exec(`
    INSERT INTO items (id, type, citation_key, title, abstract, venue, creators_text, doi, fields,
                       date_added, date_modified) VALUES
      (1, 'article', 'knuth1984', 'Literate programming', 'Programs as literature', 'Comput J',
       'Knuth', '10.1093/comjnl/27.2.97', '{"publisher":"Oxford Formidable Press"}', '2020', '2020'),
      (2, 'article', 'muller2001', 'Formal grammars of Übersetzung', '', 'Journal', 'Müller', '',
       '{}', '2020', '2020'),
      (3, 'book', 'trashed2002', 'Formation of stars', '', '', 'Smith', '', '{}', '2020', '2020');
    UPDATE items SET deleted_at = '2021' WHERE id = 3;
  `);
  const search = (q: string, view: 'library' | 'trash' = 'library') =>
    listItems(db, { view: { kind: view }, search: q }, 0, 100).rows.map((r) => r.id);
  const queries = [
    'form',
    'forma',
    'formal',
    'formidable',
    'lit',
    'liter',
    'uber',
    'muller',
    'knuth',
    'knuth1984',
    '10.1093',
  ];
  const results = () => queries.map((q) => [search(q), search(q, 'trash')]);
  const before = results();

  migrate(db);

  expect(
    db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'items_fts'`).pluck().get(),
  ).toMatch(/prefix = '3 4 5'/);
  // FTS5's own check: the index holds exactly the table's rows
  db.exec(`INSERT INTO items_fts (items_fts) VALUES ('integrity-check')`);
  expect(db.prepare('SELECT count(*) FROM items_fts').pluck().get()).toBe(3);
  const after = results();
  expect(after).toEqual(before);
  expect(search('form').sort()).toEqual([1, 2]);
  expect(search('form', 'trash')).toEqual([3]);
  expect(search('formidable')).toEqual([1]);
  // the page's snippets come from the rebuilt table
  const row = listItems(db, { view: { kind: 'library' }, search: 'formi' }, 0, 10).rows[0]!;
  expect(row.snippet?.parts.some((p) => p.hit && /Formidable/.test(p.text))).toBe(true);

  // the old triggers write to the new table
  db.prepare(`UPDATE items SET title = 'Structured programs' WHERE id = 2`).run();
  expect(search('struc')).toEqual([2]);
  expect(search('grammars')).toEqual([]);
  db.prepare('DELETE FROM items WHERE id = 1').run();
  expect(search('formidable')).toEqual([]);
  db.exec(`INSERT INTO items_fts (items_fts) VALUES ('integrity-check')`);
  db.close();
});
