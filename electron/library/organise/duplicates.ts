import type { Database } from 'better-sqlite3';
import type { Item } from '../../../shared/domain/item';
import type {
  DuplicateCandidate,
  DuplicateGroup,
  DuplicateReason,
  FieldDifference,
} from '../../../shared/domain/organise';
import { AppError, notFound } from '../errors';
import { getItem, updateItem, type ItemPatch } from '../items/repo';
import { type CreatorDbRow, type ItemDbRow, toCreator, toItem } from '../items/rows';
import { arxivId, normaliseDoi, titleKey } from './duplicate-keys';
import { capture, recordUndo, type ScopeSpec } from './undo';

interface KeyRow {
  id: number;
  title: string;
  year: number | null;
  doi: string;
  url: string;
  fields: string;
  first_author: string | null;
}

/** Groups of live items that are the same work, by DOI, arXiv id or title + year + first author. */
export function findDuplicates(db: Database): DuplicateGroup[] {
  const rows = db
    .prepare<[], KeyRow>(
      `SELECT i.id, i.title, i.year, i.doi, i.url, i.fields,
         -- the first author, else the first creator; both walk the (item_id, position) key in order
         coalesce(
           (SELECT coalesce(nullif(c.family, ''), c.literal) FROM creators c
            WHERE c.item_id = i.id AND c.role = 'author' ORDER BY c.position LIMIT 1),
           (SELECT coalesce(nullif(c.family, ''), c.literal) FROM creators c
            WHERE c.item_id = i.id ORDER BY c.position LIMIT 1)) AS first_author
       FROM items i WHERE i.deleted_at IS NULL ORDER BY i.id`,
    )
    .all();
  // union-find over the three keys, remembering which key joined each pair
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const reasons = new Map<number, Set<DuplicateReason>>();
  const firstByKey = new Map<string, number>();
  const join = (id: number, key: string, reason: DuplicateReason) => {
    if (!key) return;
    const k = `${reason}:${key}`;
    const other = firstByKey.get(k);
    if (other === undefined) {
      firstByKey.set(k, id);
      return;
    }
    parent.set(find(id), find(other));
    for (const m of [id, other]) {
      const s = reasons.get(m) ?? new Set();
      s.add(reason);
      reasons.set(m, s);
    }
  };
  for (const r of rows) {
    parent.set(r.id, r.id);
    const fields = JSON.parse(r.fields) as Record<string, string>;
    join(r.id, normaliseDoi(r.doi), 'doi');
    join(r.id, arxivId(fields, r.doi, r.url), 'arxiv');
    join(r.id, titleKey(r.title, r.year, r.first_author ?? ''), 'title');
  }
  const groups = new Map<number, number[]>();
  for (const id of reasons.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  const members = [...groups.values()].map((ids) => ids.sort((a, b) => a - b));
  const ctx = context(db, members.flat());
  return members
    .map((ids) => buildGroup(ctx, ids, reasons))
    .sort((a, b) => a.items[0]!.title.localeCompare(b.items[0]!.title));
}

/** Everything the preview shows about the group members, read once. */
interface Ctx {
  item(id: number): Item;
  attachments: Map<number, number>;
  notes: Map<number, number>;
}

/** Whole items for many ids in five queries, not five per item (thousands of groups at 100k). */
function loadItems(db: Database, ids: number[]): Map<number, Item> {
  const json = JSON.stringify(ids);
  const byItem = <R extends { item_id: number }>(sql: string) => {
    const m = new Map<number, R[]>();
    for (const r of db.prepare<[string], R>(sql).all(json)) {
      const list = m.get(r.item_id);
      if (list) list.push(r);
      else m.set(r.item_id, [r]);
    }
    return m;
  };
  const IN = 'IN (SELECT value FROM json_each(?))';
  const creators = byItem<CreatorDbRow>(
    `SELECT * FROM creators WHERE item_id ${IN} ORDER BY item_id, position`,
  );
  const tags = byItem<{ item_id: number; name: string }>(
    `SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
     WHERE it.item_id ${IN} ORDER BY t.name COLLATE NOCASE`,
  );
  const cols = byItem<{ item_id: number; collection_id: number }>(
    `SELECT item_id, collection_id FROM collection_items WHERE item_id ${IN} ORDER BY collection_id`,
  );
  const aliases = byItem<{ item_id: number; alias: string }>(
    `SELECT item_id, alias FROM citation_key_aliases WHERE item_id ${IN} ORDER BY alias`,
  );
  const out = new Map<number, Item>();
  for (const r of db.prepare<[string], ItemDbRow>(`SELECT * FROM items WHERE id ${IN}`).all(json)) {
    out.set(
      r.id,
      toItem(
        r,
        (creators.get(r.id) ?? []).map(toCreator),
        (tags.get(r.id) ?? []).map((t) => t.name),
        (cols.get(r.id) ?? []).map((c) => c.collection_id),
        (aliases.get(r.id) ?? []).map((a) => a.alias),
      ),
    );
  }
  return out;
}

function context(db: Database, ids: number[]): Ctx {
  const cache = loadItems(db, ids);
  const counts = (sql: string) =>
    new Map(
      db
        .prepare<[string], { id: number; n: number }>(sql)
        .all(JSON.stringify(ids))
        .map((r) => [r.id, r.n]),
    );
  return {
    item(id) {
      let it = cache.get(id);
      if (!it) cache.set(id, (it = getItem(db, id)));
      return it;
    },
    attachments: counts(
      'SELECT item_id AS id, count(*) AS n FROM attachments WHERE item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id',
    ),
    notes: counts(
      'SELECT item_id AS id, count(*) AS n FROM notes WHERE deleted_at IS NULL AND item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id',
    ),
  };
}

const creatorList = (it: Item) =>
  it.creators
    .map((c) => c.literal || [c.given, c.prefix, c.family].filter(Boolean).join(' '))
    .join('; ');

function candidate(ctx: Ctx, id: number): DuplicateCandidate {
  const it = ctx.item(id);
  return {
    id,
    type: it.type,
    citationKey: it.citationKey,
    title: it.title,
    creators: creatorList(it),
    year: it.year,
    venue: it.venue,
    dateAdded: it.dateAdded,
    attachments: ctx.attachments.get(id) ?? 0,
    notes: ctx.notes.get(id) ?? 0,
    tags: it.tags,
  };
}

const CORE = ['type', 'title', 'date', 'venue', 'doi', 'url', 'abstract'] as const;

/** Every mergeable field of an item as display text, keyed like `FieldDifference.field`. */
function fieldValues(ctx: Ctx, id: number): Map<string, string> {
  const it = ctx.item(id);
  const out = new Map<string, string>();
  for (const f of CORE) out.set(f, it[f]);
  out.set('creators', creatorList(it));
  for (const [k, v] of Object.entries(it.fields)) out.set(`fields.${k}`, v);
  return out;
}

function differences(ctx: Ctx, ids: readonly number[]): FieldDifference[] {
  const values = ids.map((id) => ({ id, v: fieldValues(ctx, id) }));
  const names = new Set(values.flatMap((x) => [...x.v.keys()]));
  const out: FieldDifference[] = [];
  for (const field of names) {
    const vals = values
      .map((x) => ({ itemId: x.id, value: x.v.get(field) ?? '' }))
      .filter((x) => x.value !== '');
    if (new Set(vals.map((x) => x.value)).size > 1) out.push({ field, values: vals });
  }
  return out;
}

function buildGroup(
  ctx: Ctx,
  ids: number[],
  reasons: Map<number, Set<DuplicateReason>>,
): DuplicateGroup {
  const items = ids.map((id) => candidate(ctx, id));
  const master = [...items].sort(
    (a, b) => a.dateAdded.localeCompare(b.dateAdded) || a.id - b.id,
  )[0]!;
  const why = new Set(ids.flatMap((id) => [...(reasons.get(id) ?? [])]));
  return {
    key: ids.join('-'),
    reasons: (['doi', 'arxiv', 'title'] as const).filter((r) => why.has(r)),
    masterId: master.id,
    items,
    differences: differences(ctx, ids),
  };
}

export interface MergeSpec {
  masterId: number;
  otherIds: readonly number[];
  /** Field (as in `FieldDifference.field`) -> the item whose value to keep. */
  choices?: Record<string, number> | undefined;
}

const READ_RANK = { unread: 0, reading: 1, read: 2 } as const;

/** The rows a merge touches, captured before it so one undo restores every one of them. */
function mergeScope(ids: number[]): ScopeSpec[] {
  return [
    { table: 'items', scope: { id: ids } },
    { table: 'creators', scope: { item_id: ids } },
    { table: 'item_tags', scope: { item_id: ids } },
    { table: 'collection_items', scope: { item_id: ids } },
    { table: 'citation_key_aliases', scope: { item_id: ids } },
    { table: 'notes', scope: { item_id: ids } },
    { table: 'attachments', scope: { item_id: ids } },
  ];
}

function checkSpec(db: Database, spec: MergeSpec): number[] {
  const others = [...new Set(spec.otherIds)].filter((id) => id !== spec.masterId);
  if (others.length === 0) throw new AppError('invalid_input', 'A merge needs at least two items.');
  const ids = [spec.masterId, ...others];
  for (const id of ids) {
    if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(id)) throw notFound('Item', id);
  }
  for (const [field, from] of Object.entries(spec.choices ?? {})) {
    if (!ids.includes(from)) {
      throw new AppError(
        'invalid_input',
        `The value of ${field} must come from an item of the group.`,
      );
    }
  }
  return others;
}

/**
 * Merges `otherIds` into `masterId`. Field values follow `choices`, else the master's, else the
 * first non-empty one among the others, so no value the master lacks is lost. Tags, notes,
 * attachments (with their annotations), collections and key aliases all move to the master;
 * each other item's citation key becomes an alias of the master; then the others are deleted.
 */
function mergeOne(db: Database, spec: MergeSpec): void {
  const others = checkSpec(db, spec);
  const master = getItem(db, spec.masterId);
  const items = [master, ...others.map((id) => getItem(db, id))];
  const byId = new Map(items.map((i) => [i.id, i]));
  const choices = spec.choices ?? {};
  const pick = <T>(
    field: string,
    get: (i: (typeof items)[number]) => T,
    empty: (v: T) => boolean,
  ) => {
    const chosen = choices[field];
    if (chosen !== undefined) return get(byId.get(chosen)!);
    const own = get(master);
    if (!empty(own)) return own;
    return items.map(get).find((v) => !empty(v)) ?? own;
  };
  const patch: ItemPatch = {};
  for (const f of CORE)
    patch[f] = pick(
      f,
      (i) => i[f],
      (v) => v === '',
    );
  patch.creators = pick(
    'creators',
    (i) => i.creators,
    (v) => v.length === 0,
  );
  const fields: Record<string, string> = {};
  for (const name of new Set(items.flatMap((i) => Object.keys(i.fields)))) {
    fields[name] = pick(
      `fields.${name}`,
      (i) => i.fields[name] ?? '',
      (v) => v === '',
    );
  }
  patch.fields = fields;
  patch.readState = items.reduce(
    (best, i) => (READ_RANK[i.readState] > READ_RANK[best] ? i.readState : best),
    master.readState,
  );
  patch.starred = items.some((i) => i.starred);
  patch.rating = Math.max(...items.map((i) => i.rating));
  patch.reviewNeeded = items.some((i) => i.reviewNeeded);

  const ids = JSON.stringify(others);
  const m = spec.masterId;
  db.prepare(
    `INSERT OR IGNORE INTO item_tags (item_id, tag_id)
     SELECT ?, tag_id FROM item_tags WHERE item_id IN (SELECT value FROM json_each(?))`,
  ).run(m, ids);
  db.prepare(
    `INSERT OR IGNORE INTO collection_items (collection_id, item_id)
     SELECT collection_id, ? FROM collection_items WHERE item_id IN (SELECT value FROM json_each(?))`,
  ).run(m, ids);
  for (const t of ['notes', 'attachments', 'citation_key_aliases']) {
    db.prepare(`UPDATE ${t} SET item_id = ? WHERE item_id IN (SELECT value FROM json_each(?))`).run(
      m,
      ids,
    );
  }
  const alias = db.prepare(
    'INSERT OR IGNORE INTO citation_key_aliases (alias, item_id) VALUES (?, ?)',
  );
  for (const o of items.slice(1)) {
    if (o.citationKey.toLowerCase() !== master.citationKey.toLowerCase())
      alias.run(o.citationKey, m);
  }
  db.prepare('DELETE FROM items WHERE id IN (SELECT value FROM json_each(?))').run(ids);
  updateItem(db, m, patch);
}

/** Merges groups as one undoable action (a single group or "merge all" after the preview). */
export function mergeGroups(db: Database, specs: readonly MergeSpec[]): number {
  const all = specs.flatMap((s) => [...new Set([s.masterId, ...s.otherIds])]);
  if (new Set(all).size !== all.length) {
    throw new AppError('invalid_input', 'An item appears in more than one merge group.');
  }
  const snap = capture(db, mergeScope(all));
  let merged = 0;
  for (const s of specs) {
    mergeOne(db, s);
    merged += new Set(s.otherIds.filter((id) => id !== s.masterId)).size;
  }
  const label =
    specs.length === 1
      ? `Merge ${merged + 1} duplicates`
      : `Merge ${specs.length} duplicate groups`;
  recordUndo(db, label, snap);
  return merged;
}
