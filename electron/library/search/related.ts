// "Related papers", offline: the items whose text (title, abstract, keywords, tags, notes) is
// most similar to one item's, by TF-IDF cosine similarity. FTS5 finds a shortlist cheaply (items
// sharing the item's most distinctive words or tags); the exact cosine then ranks it, so the cost
// is independent of the library's size beyond the index lookups.
import type { Database } from 'better-sqlite3';
import type { ItemRow } from '../../../shared/domain/item';
import { notFound } from '../errors';
import { COLORS } from '../items/list';
import { type ItemListDbRow, toItemRow } from '../items/rows';
import { foldWords } from './functions';

export interface RelatedItem {
  item: ItemRow;
  /** Cosine similarity, 0–1. */
  score: number;
  /** The shared words that weigh most, so the UI can say why. */
  sharedTerms: string[];
}

const STOPWORDS = new Set(
  `about above after again against all also among and any are because been before being below
  between both but can could did does doing down during each few for from further had has have
  having her here hers him his how however into its itself just more most much must not now off
  once only other our ours out over own same she should some such than that the their theirs them
  then there these they this those through too under until upon very via was were what when where
  which while who whom why will with would you your yours using use used based new paper study
  show shows results approach method methods propose proposed present work also well may one two
  three first second can many thus within without`.split(/\s+/),
);

/** The words of a text that carry meaning: folded, 3+ characters, not stopwords or numbers. */
export function contentWords(text: string): string[] {
  return foldWords(text)
    .split(' ')
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

interface DocDbRow {
  id: number;
  title: string;
  abstract: string;
  keywords: string | null;
  tags: string | null;
  notes: string | null;
}

const DOC_SQL = `SELECT i.id, i.title, i.abstract, json_extract(i.fields, '$.keywords') AS keywords,
  (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id) AS tags,
  (SELECT group_concat(n.body, ' ') FROM notes n WHERE n.item_id = i.id AND n.deleted_at IS NULL) AS notes
  FROM items i`;

/** Term frequencies of an item's text; the title and keywords count twice, being chosen words. */
function termCounts(d: DocDbRow): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (text: string | null, weight: number) => {
    for (const w of contentWords(text ?? '')) tf.set(w, (tf.get(w) ?? 0) + weight);
  };
  add(d.title, 2);
  add(d.keywords, 2);
  add(d.tags, 2);
  add(d.abstract, 1);
  add(d.notes, 1);
  return tf;
}

class Idf {
  private readonly cache = new Map<string, number>();
  private readonly lookup;
  private readonly n: number;

  constructor(db: Database) {
    // a per-connection view of the index's vocabulary: document frequency of each term
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_fts_vocab USING fts5vocab(main, items_fts, 'row')`,
    );
    this.lookup = db
      .prepare<[string], number>('SELECT doc FROM temp.items_fts_vocab WHERE term = ?')
      .pluck();
    this.n = db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
  }

  /** The weight of a term seen in one document only: the most a term can weigh. */
  get rare(): number {
    return Math.log((this.n + 1) / 2) + 1;
  }

  of(term: string): number {
    let v = this.cache.get(term);
    if (v === undefined) {
      const df = this.lookup.get(term) ?? 0;
      v = Math.log((this.n + 1) / (df + 1)) + 1;
      this.cache.set(term, v);
    }
    return v;
  }
}

/**
 * TF-IDF weights. For a candidate, only the terms it shares with the target get their exact IDF;
 * the rest (which only enter its norm) count as rare, since looking up thousands of document
 * frequencies per call measured at seconds on a 100k library and changed no ranking we tested.
 */
function vector(
  tf: Map<string, number>,
  idf: Idf,
  target?: Map<string, number>,
): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, n] of tf) {
    const w = !target || target.has(t) ? idf.of(t) : idf.rare;
    v.set(t, (1 + Math.log(n)) * w);
  }
  return v;
}

function norm(v: Map<string, number>): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

const SHORTLIST_TERMS = 24;
const SHORTLIST_SIZE = 200;

export function relatedItems(db: Database, id: number, limit = 10): RelatedItem[] {
  const target = db.prepare<[number], DocDbRow>(`${DOC_SQL} WHERE i.id = ?`).get(id);
  if (!target) throw notFound('Item', id);
  const idf = new Idf(db);
  const tv = vector(termCounts(target), idf);
  const tn = norm(tv);
  if (tn === 0) return [];

  const top = [...tv.entries()].sort((a, b) => b[1] - a[1]).slice(0, SHORTLIST_TERMS);
  const match = top.map(([t]) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
  const shortlist = new Set<number>(
    db
      .prepare<[string, number], number>(
        `SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .pluck()
      .all(match, SHORTLIST_SIZE),
  );
  for (const other of db
    .prepare<[string, number], number>(
      `SELECT DISTINCT n.item_id FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
       WHERE notes_fts MATCH ? AND n.item_id IS NOT NULL ORDER BY rank LIMIT ?`,
    )
    .pluck()
    .all(match, SHORTLIST_SIZE / 2)) {
    shortlist.add(other);
  }
  for (const other of db
    .prepare<[number, number], number>(
      `SELECT DISTINCT b.item_id FROM item_tags a JOIN item_tags b ON b.tag_id = a.tag_id
       WHERE a.item_id = ? LIMIT ?`,
    )
    .pluck()
    .all(id, SHORTLIST_SIZE / 2)) {
    shortlist.add(other);
  }
  shortlist.delete(id);
  if (shortlist.size === 0) return [];

  const ids = [...shortlist];
  const docs = db
    .prepare<number[], DocDbRow>(
      `${DOC_SQL} WHERE i.deleted_at IS NULL AND i.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids);
  const scored: { id: number; score: number; shared: string[] }[] = [];
  for (const d of docs) {
    const v = vector(termCounts(d), idf, tv);
    let dot = 0;
    const shared: [string, number][] = [];
    for (const [t, x] of v) {
      const y = tv.get(t);
      if (y !== undefined) {
        dot += x * y;
        shared.push([t, x * y]);
      }
    }
    if (dot === 0) continue;
    const score = dot / (tn * norm(v));
    shared.sort((a, b) => b[1] - a[1]);
    scored.push({ id: d.id, score, shared: shared.slice(0, 5).map(([t]) => t) });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const best = scored.slice(0, limit);
  if (best.length === 0) return [];
  const rows = new Map(
    db
      .prepare<number[], ItemListDbRow>(
        `SELECT i.id, i.type, i.citation_key, i.title, i.creators_text, i.year, i.venue, i.date_added,
           i.date_modified, i.read_state, i.starred, i.rating, i.deleted_at,
           (SELECT count(*) FROM attachments a WHERE a.item_id = i.id) AS attachments, ${COLORS}
         FROM items i WHERE i.id IN (${best.map(() => '?').join(',')})`,
      )
      .all(...best.map((b) => b.id))
      .map((r) => [r.id, toItemRow(r)]),
  );
  return best.map((b) => ({
    item: rows.get(b.id)!,
    score: Math.round(b.score * 1000) / 1000,
    sharedTerms: b.shared,
  }));
}
