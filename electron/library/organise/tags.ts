import type { Database } from 'better-sqlite3';
import type { Tag } from '../../../shared/domain/library';
import { cachedUntilChange } from '../db/change-cache';
import { cached } from '../db/statements';
import { AppError, notFound } from '../errors';
import { renameInSavedQueries, savedQueryChanges } from '../search/saved-rename';
import { mergeInQuery, savedSearchesNaming } from '../search/saved-tags';
import { capture, recordUndo } from './undo';

interface TagDbRow {
  id: number;
  name: string;
  color: string | null;
  position: number | null;
  item_count: number;
}

const toTag = (r: TagDbRow): Tag => ({
  id: r.id,
  name: r.name,
  color: r.color,
  position: r.position,
  itemCount: r.item_count,
});

// live_count is kept by triggers (migration 20)
const TAG_SELECT = `SELECT t.id, t.name, t.color, t.position, t.live_count AS item_count FROM tags t`;

export function listTags(db: Database): Tag[] {
  return db.prepare<[], TagDbRow>(`${TAG_SELECT} ORDER BY t.name COLLATE NOCASE`).all().map(toTag);
}

export function getTag(db: Database, id: number): Tag {
  const r = db.prepare<[number], TagDbRow>(`${TAG_SELECT} WHERE t.id = ?`).get(id);
  if (!r) throw notFound('Tag', id);
  return toTag(r);
}

/** `ml // retrieval/` -> `ml/retrieval`: hierarchy segments are trimmed and never empty. */
export function normaliseTagName(name: string): string {
  const n = name
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('/');
  if (!n) throw new AppError('invalid_input', `"${name}" is not a usable tag name.`);
  return n;
}

/** The id of a tag by name (case-insensitive), created when missing. */
export function ensureTag(db: Database, name: string): number {
  const clean = normaliseTagName(name);
  const existing = db
    .prepare<[string], number>('SELECT id FROM tags WHERE name = ?')
    .pluck()
    .get(clean);
  if (existing !== undefined) return existing;
  return db.prepare('INSERT INTO tags (name) VALUES (?)').run(clean).lastInsertRowid as number;
}

function requireItem(db: Database, itemId: number): void {
  if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId)) throw notFound('Item', itemId);
}

export function itemTagNames(db: Database, itemId: number): string[] {
  return db
    .prepare<[number], string>(
      'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE',
    )
    .pluck()
    .all(itemId);
}

/** Replaces an item's tags with exactly `names` (duplicates ignored). */
export function setItemTags(db: Database, itemId: number, names: readonly string[]): string[] {
  requireItem(db, itemId);
  db.prepare('DELETE FROM item_tags WHERE item_id = ?').run(itemId);
  const link = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  for (const name of names) link.run(itemId, ensureTag(db, name));
  return itemTagNames(db, itemId);
}

const LINK_MANY = `INSERT OR IGNORE INTO item_tags (item_id, tag_id)
  SELECT id, ? FROM items WHERE id IN (SELECT value FROM json_each(?))`;
const UNLINK_MANY = `DELETE FROM item_tags WHERE tag_id = ?
  AND item_id IN (SELECT value FROM json_each(?))`;

/**
 * Bulk tagging of a selection; returns how many links were added. Ids of items gone since the
 * selection was made are ignored, and a tag is created only when some item gets it: tags exist
 * through their items (there is no call to make a bare one), so a stale selection must not leave
 * an empty tag in the sidebar.
 */
export function addTags(
  db: Database,
  itemIds: readonly number[],
  names: readonly string[],
): number {
  const clean = names.map(normaliseTagName);
  const ids = JSON.stringify(itemIds);
  const existing = db
    .prepare<[string], number>(
      'SELECT count(*) FROM items WHERE id IN (SELECT value FROM json_each(?))',
    )
    .pluck()
    .get(ids)!;
  if (existing === 0) return 0;
  const link = db.prepare(LINK_MANY);
  return clean.reduce((n, name) => n + link.run(ensureTag(db, name), ids).changes, 0);
}

export function removeTags(
  db: Database,
  itemIds: readonly number[],
  names: readonly string[],
): number {
  const unlink = db.prepare(UNLINK_MANY);
  const find = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
  const ids = JSON.stringify(itemIds);
  let n = 0;
  for (const name of names) {
    const id = find.get(normaliseTagName(name));
    if (id !== undefined) n += unlink.run(id, ids).changes;
  }
  return n;
}

/**
 * The digit-key toggle: when every selected item already has the tag it is removed from all,
 * otherwise added to those missing it (what users of coloured tags expect from Zotero).
 */
export function toggleTagByPosition(
  db: Database,
  itemIds: readonly number[],
  position: number,
): { tag: string; added: boolean } {
  const tag = db
    .prepare<[number], { id: number; name: string }>('SELECT id, name FROM tags WHERE position = ?')
    .get(position);
  if (!tag) throw new AppError('not_found', `No tag is assigned to key ${position}.`);
  const ids = JSON.stringify(itemIds);
  const having = db
    .prepare<[number, string], number>(
      `SELECT count(*) FROM item_tags WHERE tag_id = ? AND item_id IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .get(tag.id, ids)!;
  const existing = db
    .prepare<[string], number>(
      'SELECT count(*) FROM items WHERE id IN (SELECT value FROM json_each(?))',
    )
    .pluck()
    .get(ids)!;
  if (existing > 0 && having === existing) {
    db.prepare(UNLINK_MANY).run(tag.id, ids);
    return { tag: tag.name, added: false };
  }
  db.prepare(LINK_MANY).run(tag.id, ids);
  return { tag: tag.name, added: true };
}

/** Colour and digit key; a digit taken by another tag moves to this one. */
export function updateTag(
  db: Database,
  id: number,
  patch: { color?: string | null | undefined; position?: number | null | undefined },
): Tag {
  getTag(db, id);
  if (patch.position !== undefined) {
    if (patch.position !== null) {
      db.prepare('UPDATE tags SET position = NULL WHERE position = ? AND id <> ?').run(
        patch.position,
        id,
      );
    }
    db.prepare('UPDATE tags SET position = ? WHERE id = ?').run(patch.position, id);
  }
  if (patch.color !== undefined) {
    db.prepare('UPDATE tags SET color = ? WHERE id = ?').run(patch.color, id);
  }
  return getTag(db, id);
}

function descendants(db: Database, name: string): { id: number; name: string }[] {
  return db
    .prepare<[string], { id: number; name: string }>(
      `SELECT id, name FROM tags WHERE name LIKE ? ESCAPE '\\'`,
    )
    .all(`${name.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`);
}

/** Renames a tag and, with it, its children (`ml/x` follows `ml` -> `machine-learning/x`). */
export function renameTag(db: Database, id: number, newName: string): Tag {
  const tag = getTag(db, id);
  const name = normaliseTagName(newName);
  const moves = [{ id, name }];
  for (const d of descendants(db, tag.name)) {
    moves.push({ id: d.id, name: name + d.name.slice(tag.name.length) });
  }
  const moving = new Set(moves.map((m) => m.id));
  const find = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
  for (const m of moves) {
    const other = find.get(m.name);
    if (other !== undefined && !moving.has(other)) {
      throw new AppError(
        'conflict',
        `A tag named "${m.name}" already exists; merge the tags instead of renaming.`,
      );
    }
  }
  // through a temporary name first, so swapping case or shifting a subtree never collides
  const upd = db.prepare('UPDATE tags SET name = ? WHERE id = ?');
  for (const m of moves) upd.run(`\u001frename-${m.id}`, m.id);
  for (const m of moves) upd.run(m.name, m.id);
  renameInSavedQueries(db, 'tag', tag.name, name);
  return getTag(db, id);
}

/** Moves every item of the source tags onto the target and deletes the sources; undoable. */
export function mergeTags(db: Database, sourceIds: readonly number[], targetId: number): Tag {
  const target = getTag(db, targetId);
  const sources = sourceIds.filter((s) => s !== targetId).map((s) => getTag(db, s));
  if (sources.length === 0)
    throw new AppError('invalid_input', 'Choose at least one other tag to merge.');
  const all = [targetId, ...sources.map((s) => s.id)];
  // smart collections naming a source follow it into the target, as after a rename
  const merged = new Set(all);
  const keepsChildren = (s: Tag) => descendants(db, s.name).some((d) => !merged.has(d.id));
  const queries = savedQueryChanges(db, (q) =>
    sources.reduce((acc, s) => mergeInQuery(acc, s.name, target.name, keepsChildren(s)), q),
  );
  const snap = capture(db, [
    { table: 'tags', scope: { id: all } },
    { table: 'item_tags', scope: { tag_id: all } },
    { table: 'saved_searches', scope: { id: queries.map((q) => q.id) }, columns: ['query'] },
  ]);
  const setQuery = db.prepare('UPDATE saved_searches SET query = ? WHERE id = ?');
  for (const q of queries) setQuery.run(q.query, q.id);
  const relink = db.prepare(
    'INSERT OR IGNORE INTO item_tags (item_id, tag_id) SELECT item_id, ? FROM item_tags WHERE tag_id = ?',
  );
  for (const s of sources) relink.run(targetId, s.id);
  db.prepare('DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(sources.map((s) => s.id)),
  );
  recordUndo(
    db,
    `Merge ${sources.map((s) => `"${s.name}"`).join(', ')} into "${target.name}"`,
    snap,
  );
  return getTag(db, targetId);
}

/** Deletes tags (the items keep everything else); undoable. */
export function deleteTags(db: Database, ids: readonly number[]): number {
  const tags = ids.map((id) => getTag(db, id));
  const snap = capture(db, [
    { table: 'tags', scope: { id: ids } },
    { table: 'item_tags', scope: { tag_id: ids } },
  ]);
  db.prepare('DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(ids),
  );
  const label = tags.length === 1 ? `Delete tag "${tags[0]!.name}"` : `Delete ${tags.length} tags`;
  // the undo toast is what the user sees after a delete: it names the smart collections that
  // now miss these items, next to the button that brings them back
  const names = tags.map((t) => t.name);
  const named = namedBy(savedSearchesNaming(db, names), tags.length);
  recordUndo(db, label + named, snap);
  return tags.length;
}

function namedBy(names: readonly string[], tagCount: number): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, 3).map((n) => `"${n}"`);
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  const what = names.length === 1 ? 'the smart collection' : 'the smart collections';
  return ` (${what} ${shown.join(', ')}${more} named ${tagCount === 1 ? 'it' : 'them'})`;
}

export interface TagTreeCount {
  /** Lower-case path of a tree level that has sub-tags (it may have no tag of its own). */
  path: string;
  /** Distinct live items carrying the tag at this path or any tag below it. */
  count: number;
}

/**
 * Counts for the tag tree's parent levels. Summing the children in the UI would count an item
 * tagged both `ml/a` and `ml/b` twice, so the engine counts distinct items per level. Leaves
 * need nothing here: their own `itemCount` is already right. Cached until the library changes:
 * the sidebar asks at start-up and after every change while page fetches wait behind it.
 */
export function tagTreeCounts(db: Database): TagTreeCount[] {
  return cachedUntilChange(db, 'tags.treeCounts', () => computeTagTreeCounts(db)).map((c) => ({
    ...c,
  }));
}

/**
 * Uncached: a level whose subtree holds one tag takes that tag's trigger-kept live count; the
 * others are counted in one statement over the covering (tag_id, item_id) index (every linked
 * item, without reading the wide items rows) minus the few trashed items, found through the
 * partial index on trashed items.
 */
export function computeTagTreeCounts(db: Database): TagTreeCount[] {
  const tags = cached<[], { id: number; name: string; live: number }>(
    db,
    'SELECT id, name, live_count AS live FROM tags',
  ).all();
  // each level → the tags at it or below it (a level exists when some tag lies below it)
  const levels = new Map<string, { ids: number[]; live: number }>();
  const named = new Map<string, number[]>();
  for (const t of tags) {
    const name = t.name.toLowerCase();
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      const l = levels.get(path);
      if (l) l.ids.push(t.id);
      else levels.set(path, { ids: [t.id], live: t.live });
    }
    const own = named.get(name);
    if (own) own.push(t.id);
    else named.set(name, [t.id]);
  }
  for (const [path, l] of levels) {
    for (const id of named.get(path) ?? []) l.ids.push(id);
  }
  const counts = new Map<string, number>();
  const subtrees: [string, number[]][] = [];
  const pathsOf = new Map<number, string[]>();
  for (const [path, l] of levels) {
    if (l.ids.length === 1) {
      counts.set(path, l.live);
      continue;
    }
    subtrees.push([path, l.ids]);
    for (const id of l.ids) {
      const ps = pathsOf.get(id);
      if (ps) ps.push(path);
      else pathsOf.set(id, [path]);
    }
  }
  if (pathsOf.size === 0) return sortedCounts(levels.keys(), counts);
  // One distinct count per level: measured faster than grouping all (level, item) links at
  // once, whose sort over every link costs more than many small distinct sets.
  const linked = cached<[string], { path: string; n: number }>(
    db,
    `SELECT p.value ->> 0 AS path, (SELECT count(DISTINCT it.item_id) FROM item_tags it
       WHERE it.tag_id IN (SELECT value FROM json_each(p.value -> 1))) AS n
     FROM json_each(?) p`,
  ).all(JSON.stringify(subtrees));
  for (const r of linked) counts.set(r.path, r.n);
  // an item with two tags of one subtree in the trash comes off that level once
  const trashed = new Set<string>();
  const links = cached<[], { item: number; tag: number }>(
    db,
    `SELECT it.item_id AS item, it.tag_id AS tag FROM items i
     JOIN item_tags it ON it.item_id = i.id WHERE i.deleted_at IS NOT NULL`,
  ).all();
  for (const { item, tag } of links) {
    for (const path of pathsOf.get(tag) ?? []) {
      const key = `${item}\u0000${path}`;
      if (trashed.has(key)) continue;
      trashed.add(key);
      counts.set(path, (counts.get(path) ?? 0) - 1);
    }
  }
  return sortedCounts(levels.keys(), counts);
}

function sortedCounts(paths: Iterable<string>, counts: Map<string, number>): TagTreeCount[] {
  return [...paths].sort().map((path) => ({ path, count: counts.get(path) ?? 0 }));
}
