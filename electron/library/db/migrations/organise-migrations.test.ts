import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

// Migrations 20 and 21 add trigger-kept counts to libraries that already hold data: the
// initial values must match the links already there.
it('initialises tag, collection and filed counts from existing rows', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 20),
  );
  db.exec(`
    INSERT INTO items (id, type, citation_key, date_added, date_modified) VALUES
      (1, 'article', 'a', '2020', '2020'), (2, 'article', 'b', '2020', '2020'),
      (3, 'article', 'c', '2020', '2020');
    UPDATE items SET deleted_at = '2021' WHERE id = 3;
    INSERT INTO tags (id, name) VALUES (1, 'x'), (2, 'y');
    INSERT INTO item_tags VALUES (1, 1), (2, 1), (3, 1), (3, 2);
    INSERT INTO collections (id, name, date_added) VALUES (1, 'C', '2020');
    INSERT INTO collection_items VALUES (1, 1), (1, 3);
  `);
  migrate(db);
  expect(db.prepare('SELECT id, live_count FROM tags ORDER BY id').all()).toEqual([
    { id: 1, live_count: 2 },
    { id: 2, live_count: 0 },
  ]);
  expect(db.prepare('SELECT live_count FROM collections').pluck().get()).toBe(1);
  expect(db.prepare('SELECT id, collection_count FROM items ORDER BY id').all()).toEqual([
    { id: 1, collection_count: 1 },
    { id: 2, collection_count: 0 },
    { id: 3, collection_count: 1 },
  ]);
  db.close();
});
