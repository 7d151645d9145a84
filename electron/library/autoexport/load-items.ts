// Loads full items for an export in pages, in a stable order (citation key, which the schema
// compares case-insensitively, then id), yielding
// to the event loop between pages so requests keep being served while a big library exports.
import type { Database } from 'better-sqlite3';
import type { Creator, Item } from '../../../shared/domain/item';
import { type CreatorDbRow, type ItemDbRow, toCreator, toItem } from '../items/rows';

const PAGE = 2_000;

function scopeSql(collectionId: number | null): { sql: string; params: unknown[] } {
  return collectionId === null
    ? { sql: 'deleted_at IS NULL', params: [] }
    : {
        sql: 'deleted_at IS NULL AND id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)',
        params: [collectionId],
      };
}

function group<T>(rows: { item_id: number; v: T }[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.item_id);
    if (list) list.push(r.v);
    else m.set(r.item_id, [r.v]);
  }
  return m;
}

function completeItems(db: Database, rows: ItemDbRow[]): Item[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const inList = `(${ids.map(() => '?').join(',')})`;
  const creators = new Map<number, Creator[]>();
  for (const c of db
    .prepare<number[], CreatorDbRow>(
      `SELECT * FROM creators WHERE item_id IN ${inList} ORDER BY item_id, position`,
    )
    .all(...ids)) {
    const list = creators.get(c.item_id);
    if (list) list.push(toCreator(c));
    else creators.set(c.item_id, [toCreator(c)]);
  }
  const tags = group(
    db
      .prepare<number[], { item_id: number; v: string }>(
        `SELECT it.item_id, t.name AS v FROM item_tags it JOIN tags t ON t.id = it.tag_id
         WHERE it.item_id IN ${inList} ORDER BY t.name COLLATE NOCASE`,
      )
      .all(...ids),
  );
  const collections = group(
    db
      .prepare<number[], { item_id: number; v: number }>(
        `SELECT item_id, collection_id AS v FROM collection_items WHERE item_id IN ${inList} ORDER BY collection_id`,
      )
      .all(...ids),
  );
  const aliases = group(
    db
      .prepare<number[], { item_id: number; v: string }>(
        `SELECT item_id, alias AS v FROM citation_key_aliases WHERE item_id IN ${inList} ORDER BY alias`,
      )
      .all(...ids),
  );
  return rows.map((r) =>
    toItem(
      r,
      creators.get(r.id) ?? [],
      tags.get(r.id) ?? [],
      collections.get(r.id) ?? [],
      aliases.get(r.id) ?? [],
    ),
  );
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Hands every live item of the library (collectionId null) or of one collection to `onPage`, a
 * page at a time in citation-key order, yielding to the event loop between pages.
 */
export async function forEachExportPage(
  db: Database,
  collectionId: number | null,
  onPage: (items: Item[]) => void,
): Promise<void> {
  const scope = scopeSql(collectionId);
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const page: ItemDbRow[] = after
      ? db
          .prepare<unknown[], ItemDbRow>(
            `SELECT * FROM items WHERE ${scope.sql}
               AND (citation_key, id) > (?, ?)
             ORDER BY citation_key, id LIMIT ?`,
          )
          .all(...scope.params, after.key, after.id, PAGE)
      : db
          .prepare<unknown[], ItemDbRow>(
            `SELECT * FROM items WHERE ${scope.sql} ORDER BY citation_key, id LIMIT ?`,
          )
          .all(...scope.params, PAGE);
    onPage(completeItems(db, page));
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { key: last.citation_key, id: last.id };
    await tick();
  }
}

/** Every live item of the library (collectionId null) or of one collection, by citation key. */
export async function loadExportItems(db: Database, collectionId: number | null): Promise<Item[]> {
  const out: Item[] = [];
  await forEachExportPage(db, collectionId, (items) => out.push(...items));
  return out;
}
