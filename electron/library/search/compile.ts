// Turns a parsed query into SQL over `items i`: one WHERE fragment with its parameters, plus the
// FTS5 expressions used to rank and to cut snippets. Full-text terms go through FTS5 (diacritics
// folded, case ignored by the unicode61 tokenizer); structured fields use the `fold()` SQL
// function registered in functions.ts, so `author:muller` finds Müller too.
import { type QueryNode, type TextField, textTokens } from './parse';
import { fold, foldWords } from './functions';
import { type MetaTerm, matchWords } from './meta-snippet';

export interface CompiledQuery {
  where: string;
  params: unknown[];
  /** FTS5 expression over items_fts for ranking and snippets (positive terms only), or null. */
  metaMatch: string | null;
  /** The same for notes, annotations and PDF pages (unfielded positive terms only), or null. */
  bodyMatch: string | null;
  /** metaMatch's terms one by one, for cutting snippets without FTS5 (meta-snippet.ts). */
  metaTerms: MetaTerm[];
  /**
   * When the whole query is one unfielded word or phrase: the distinct ids it matches (a
   * UNION), trashed items included, so a count need not look up every matching item row.
   */
  members?: { sql: string; params: unknown[] };
  /** The whole query is one unfielded word or phrase: its item matches are all members. */
  oneWord?: boolean;
  /**
   * Set by the item list when the query's words match only in items_fts (see `split`): then
   * `where` and `members` are that FTS5 expression's rows.
   */
  ftsOnly?: boolean;
  /**
   * When the whole query is words (one, or several ANDed): their items_fts match alone (`fts`,
   * one FTS5 expression, `match`, the words ANDed) and their other sources (tags, notes, PDFs;
   * `rest`). When `rest` matches nothing the query's matches are exactly `fts`'s, so a count
   * or a membership test can take FTS5's own (one doclist walk instead of a UNION per word and
   * their INTERSECT).
   */
  split?: Split;
  /** With `split`: each word's own sources, for membership worked out word by word. */
  words?: Split[];
}

interface Split {
  match: string;
  fts: Sql;
  rest: Sql;
  /** `rest`'s sources one by one (tags, notes, … of each word), for cheap EXISTS tests. */
  restParts: Sql[];
}

export interface CompileOptions {
  /** Search notes, annotations and PDF text too (the default); false = metadata only. */
  fullText: boolean;
}

const FTS_COLUMN: Record<Exclude<TextField, 'author'>, string> = {
  title: 'title',
  abstract: 'abstract',
  venue: 'venue',
};

/** items_fts column numbers (title, creators, abstract, venue, extra) of the fielded terms. */
const META_COLUMN: Record<TextField, number> = { title: 0, author: 1, abstract: 2, venue: 3 };

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Words shorter than this are matched whole, longer ones as prefixes too. */
export const MIN_PREFIX = 3;

/**
 * One FTS5 term: a word is prefix-matched (results update as the user types); a phrase is exact.
 * A word of one or two characters is matched whole (AI, ML, 3D, "de"): as a prefix it matches
 * a large part of the library (two thirds of 100k items for some), and ranking and counting
 * that many costs 50–100 ms per keystroke at 100k items (B4) for a list nobody reads; from
 * the third character on, the word is a prefix again.
 */
export function ftsTerm(value: string, phrase: boolean): string {
  const tokens = textTokens(value);
  const prefix = !phrase && [...(tokens.at(-1) ?? '')].length >= MIN_PREFIX;
  return quote(tokens.join(' ')) + (prefix ? '*' : '');
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const ITEM_FTS = 'SELECT rowid FROM items_fts WHERE items_fts MATCH ?';
export const NOTE_ITEMS = `SELECT n.item_id FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
  WHERE notes_fts MATCH ? AND n.deleted_at IS NULL AND n.item_id IS NOT NULL`;
export const ANNOTATION_ITEMS = `SELECT a.item_id FROM annotations_fts
  JOIN annotations an ON an.id = annotations_fts.rowid JOIN attachments a ON a.id = an.attachment_id
  WHERE annotations_fts MATCH ?`;
export const PAGE_ITEMS = `SELECT a.item_id FROM pages_fts
  JOIN attachment_pages p ON p.rowid = pages_fts.rowid JOIN attachments a ON a.id = p.attachment_id
  WHERE pages_fts MATCH ?`;
// The matching tags first, then their items by index: joined the other way round, foldwords()
// (a JavaScript function) ran once per tag link, ~10 ms per keystroke at 10k items.
const TAG_ITEMS = `SELECT it.item_id FROM item_tags it WHERE it.tag_id IN
  (SELECT t.id FROM tags t WHERE (' ' || foldwords(t.name) || ' ') LIKE ? ESCAPE '\\')`;

interface Sql {
  sql: string;
  params: unknown[];
}

function textSql(
  node: Extract<QueryNode, { kind: 'text' }>,
  opts: CompileOptions,
): Sql & { union?: Sql; split?: Split } {
  const term = ftsTerm(node.value, node.phrase);
  if (node.field === 'author') {
    // every creator, not just the three in creators_text; word-start match, diacritics folded
    const words = foldWords(node.value);
    const like = `% ${escapeLike(words)}${node.phrase ? '' : '%'}`;
    return {
      sql: `i.id IN (SELECT c.item_id FROM creators c
              WHERE (' ' || foldwords(c.given || ' ' || c.prefix || ' ' || c.family || ' ' || c.literal) || ' ') LIKE ? ESCAPE '\\')`,
      params: [node.phrase ? `${like} %` : like],
    };
  }
  if (node.field) {
    return { sql: `i.id IN (${ITEM_FTS})`, params: [`{${FTS_COLUMN[node.field]}} : ${term}`] };
  }
  // A tag name matches as the FTS5 term does: one- and two-letter words and phrases whole
  // (`ml` finds the tag `ML` and `ml/theory`, not `mlops`), longer words as prefixes.
  // Prefix-matched, `a` took in every tag with a word starting with a, and with it a large part
  // of the library.
  const words = foldWords(node.value);
  const tagLike = `% ${escapeLike(words)}${term.endsWith('*') ? '%' : ' %'}`;
  // One IN over a UNION rather than an OR of INs: SQLite can then drive the query from the
  // (usually few) matching ids instead of testing every item in the library.
  const parts: Sql[] = [
    { sql: ITEM_FTS, params: [term] },
    { sql: TAG_ITEMS, params: [tagLike] },
  ];
  if (opts.fullText) {
    parts.push(
      { sql: NOTE_ITEMS, params: [term] },
      { sql: ANNOTATION_ITEMS, params: [term] },
      { sql: PAGE_ITEMS, params: [term] },
    );
  }
  return {
    sql: `i.id IN (${parts.map((p) => p.sql).join(' UNION ')})`,
    params: parts.flatMap((p) => p.params),
    union: { sql: parts.map((p) => p.sql).join(' UNION '), params: parts.flatMap((p) => p.params) },
    split: {
      match: term,
      fts: parts[0]!,
      rest: {
        sql: parts
          .slice(1)
          .map((p) => p.sql)
          .join(' UNION '),
        params: parts.slice(1).flatMap((p) => p.params),
      },
      restParts: parts.slice(1),
    },
  };
}

/** An unfielded word or phrase: it matches through the UNION of every source. */
function isWord(node: QueryNode): node is Extract<QueryNode, { kind: 'text' }> {
  return node.kind === 'text' && node.field === null;
}

/** The intersection of the unfielded words' match UNIONs (trashed items included). */
function wordUnions(
  children: QueryNode[],
  opts: CompileOptions,
): (Sql & { length: number }) | null {
  const unions = children.filter(isWord).map((c) => textSql(c, opts).union!);
  if (unions.length === 0) return null;
  // each UNION wrapped: compound operators bind left to right, so `a UNION b INTERSECT c`
  // would be `(a UNION b) INTERSECT c`
  return {
    sql: unions.map((u) => `SELECT * FROM (${u.sql})`).join(' INTERSECT '),
    params: unions.flatMap((u) => u.params),
    length: unions.length,
  };
}

/** Several unfielded words ANDed: their FTS matches as one FTS5 AND, and their other sources. */
function wordsSplit(children: QueryNode[], opts: CompileOptions): Split {
  const splits = children.filter(isWord).map((c) => textSql(c, opts).split!);
  const match = splits.map((x) => x.match).join(' AND ');
  return {
    match,
    fts: { sql: ITEM_FTS, params: [match] },
    rest: {
      sql: splits.map((x) => `SELECT * FROM (${x.rest.sql})`).join(' UNION '),
      params: splits.flatMap((x) => x.rest.params),
    },
    restParts: splits.flatMap((x) => x.restParts),
  };
}

/** The items a tag applies to; a parent tag includes its children (ml and ml/retrieval). */
function tagMembers(name: string): Sql {
  const f = fold(name);
  return {
    // the matching tags first (fold() runs once per tag), then their items by index
    sql: `SELECT it.item_id FROM item_tags it WHERE it.tag_id IN
            (SELECT t.id FROM tags t WHERE fold(t.name) = ? OR fold(t.name) LIKE ? ESCAPE '\\')`,
    params: [f, `${escapeLike(f)}/%`],
  };
}

function tagSql(name: string): Sql {
  const m = tagMembers(name);
  return { sql: `i.id IN (${m.sql})`, params: m.params };
}

function nodeSql(node: QueryNode, opts: CompileOptions): Sql {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const tags = node.kind === 'and' ? node.children.filter((c) => c.kind === 'tag') : [];
      if (tags.length > 1) {
        // Several tags are one membership test on the intersection of their members: SQLite
        // would otherwise look up every item of the first tag to test the others (9 ms
        // against 1.6 ms for two tags of 6,000 and 3,000 items at 100k).
        const members = tags.map((t) => tagMembers(t.name));
        const rest = node.children.filter((c) => c.kind !== 'tag').map((c) => nodeSql(c, opts));
        const parts = [
          ...rest,
          {
            sql: `i.id IN (${members.map((m) => m.sql).join(' INTERSECT ')})`,
            params: members.flatMap((m) => m.params),
          },
        ];
        return {
          sql: `(${parts.map((p) => p.sql).join(' AND ')})`,
          params: parts.flatMap((p) => p.params),
        };
      }
      const words = node.kind === 'and' ? wordUnions(node.children, opts) : null;
      if (words && words.length > 1) {
        // Several words are one membership test on the intersection of their matches: SQLite
        // would otherwise look up every item matching the first word to test the others
        // (40 ms against a few for `qui velcorlog` at 100k, where `qui` matches 47k items).
        const rest = node.children.filter((c) => !isWord(c)).map((c) => nodeSql(c, opts));
        const parts = [...rest, { sql: `i.id IN (${words.sql})`, params: words.params }];
        return {
          sql: `(${parts.map((p) => p.sql).join(' AND ')})`,
          params: parts.flatMap((p) => p.params),
        };
      }
      const parts = node.children.map((c) => nodeSql(c, opts));
      return {
        sql: `(${parts.map((p) => p.sql).join(node.kind === 'and' ? ' AND ' : ' OR ')})`,
        params: parts.flatMap((p) => p.params),
      };
    }
    case 'not': {
      const inner = nodeSql(node.child, opts);
      return { sql: `NOT ${inner.sql}`, params: inner.params };
    }
    case 'text':
      return textSql(node, opts);
    case 'year': {
      const conds: string[] = [];
      const params: unknown[] = [];
      if (node.from !== null) {
        conds.push('i.year >= ?');
        params.push(node.from);
      }
      if (node.to !== null) {
        conds.push('i.year <= ?');
        params.push(node.to);
      }
      return { sql: `(i.year IS NOT NULL AND ${conds.join(' AND ')})`, params };
    }
    case 'tag':
      return tagSql(node.name);
    case 'type':
      return { sql: 'i.type = ?', params: [node.value] };
    case 'key':
      return {
        sql: `(i.citation_key LIKE ? ESCAPE '\\' OR i.id IN (SELECT item_id FROM citation_key_aliases WHERE alias LIKE ? ESCAPE '\\'))`,
        params: [`${escapeLike(node.value)}%`, `${escapeLike(node.value)}%`],
      };
    case 'doi': {
      const doi = node.value.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '').toLowerCase();
      // a DOI stored as a doi.org URL (kept as the user wrote it) is compared from its `10.` on
      return {
        sql: `lower(substr(i.doi, instr(i.doi, '10.'))) LIKE ? ESCAPE '\\'`,
        params: [`${escapeLike(doi)}%`],
      };
    }
    case 'in':
      return {
        sql: `i.id IN (SELECT ci.item_id FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                WHERE fold(c.name) = ?)`,
        params: [fold(node.name)],
      };
    case 'has':
      return hasSql(node.what);
    case 'is':
      return node.what === 'starred'
        ? { sql: 'i.starred = 1', params: [] }
        : { sql: 'i.read_state = ?', params: [node.what] };
  }
}

function hasSql(what: Extract<QueryNode, { kind: 'has' }>['what']): Sql {
  switch (what) {
    case 'pdf':
      return {
        sql: `EXISTS (SELECT 1 FROM attachments a WHERE a.item_id = i.id AND a.mime = 'application/pdf')`,
        params: [],
      };
    case 'attachment':
      return { sql: 'EXISTS (SELECT 1 FROM attachments a WHERE a.item_id = i.id)', params: [] };
    case 'note':
      return {
        sql: 'EXISTS (SELECT 1 FROM notes n WHERE n.item_id = i.id AND n.deleted_at IS NULL)',
        params: [],
      };
    case 'annotation':
      return {
        sql: `EXISTS (SELECT 1 FROM annotations an JOIN attachments a ON a.id = an.attachment_id
                WHERE a.item_id = i.id)`,
        params: [],
      };
    case 'doi':
      return { sql: `i.doi <> ''`, params: [] };
    case 'abstract':
      return { sql: `i.abstract <> ''`, params: [] };
  }
}

/** The positive (not excluded) full-text terms, which are what ranking and snippets use. */
function positiveTerms(node: QueryNode, out: Extract<QueryNode, { kind: 'text' }>[]): void {
  if (node.kind === 'and' || node.kind === 'or')
    node.children.forEach((c) => positiveTerms(c, out));
  else if (node.kind === 'text') out.push(node);
}

export function compileQuery(node: QueryNode, opts: CompileOptions): CompiledQuery {
  const { sql, params } = nodeSql(node, opts);
  // the whole query is words (one or several, ANDed): its ids are their matches' intersection
  const words =
    node.kind === 'text'
      ? [node]
      : node.kind === 'and' && node.children.every(isWord)
        ? node.children
        : [];
  const splits = words.map((w) => (isWord(w) ? textSql(w, opts).split! : null));
  const split =
    splits.length === 0 || splits.some((x) => x === null)
      ? undefined
      : splits.length === 1
        ? splits[0]!
        : wordsSplit(words, opts);
  const members = !split
    ? undefined
    : node.kind === 'text'
      ? textSql(node, opts).union
      : wordUnions(words, opts)!;
  const terms: Extract<QueryNode, { kind: 'text' }>[] = [];
  positiveTerms(node, terms);
  const meta = terms.map((t) => {
    const term = ftsTerm(t.value, t.phrase);
    if (t.field === 'author') return `{creators} : ${term}`;
    return t.field ? `{${FTS_COLUMN[t.field]}} : ${term}` : term;
  });
  const metaTerms = terms.map((t) => {
    const words = matchWords(t.value);
    const prefix = ftsTerm(t.value, t.phrase).endsWith('*');
    return { words, prefix, column: t.field ? META_COLUMN[t.field] : null };
  });
  const body = terms.filter((t) => t.field === null).map((t) => ftsTerm(t.value, t.phrase));
  return {
    where: sql,
    params,
    metaMatch: meta.length ? meta.join(' OR ') : null,
    metaTerms,
    bodyMatch: body.length && opts.fullText ? body.join(' OR ') : null,
    ...(members && split ? { members, split, words: splits as Split[] } : {}),
    ...(node.kind === 'text' && members ? { oneWord: true } : {}),
  };
}
