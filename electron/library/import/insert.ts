// Batch insertion of imported records: statements prepared once per import, tags cached, keys
// kept as imported (made unique with a/b/c suffixes) or generated from the library's pattern.
import type { Database, Statement } from 'better-sqlite3';
import type { ImportRecord } from '../../../shared/domain/import';
import { creatorsText, yearOf } from '../../../shared/domain/item';
import { expandKeyPattern, keySuffix } from '../keys/generate';
import { getKeyPattern } from '../keys/pattern';
import { now } from '../items/repo';

export class RecordInserter {
  private readonly insertItem: Statement;
  private readonly insertCreator: Statement;
  private readonly keyTaken: Statement<[string, string], number>;
  private readonly findTag: Statement<[string], number>;
  private readonly insertTag: Statement;
  private readonly linkTag: Statement;
  private readonly insertAlias: Statement;
  private readonly tagIds = new Map<string, number>();
  private readonly pattern: string;
  private readonly stamp = now();

  constructor(private readonly db: Database) {
    this.insertItem = db.prepare(
      `INSERT INTO items (type, citation_key, title, date, venue, doi, url, abstract, fields,
         creators_text, date_added, date_modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCreator = db.prepare(
      `INSERT INTO creators (item_id, position, role, family, given, prefix, suffix, literal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.keyTaken = db
      .prepare<[string, string], number>(
        `SELECT 1 FROM items WHERE citation_key = ? UNION ALL
         SELECT 1 FROM citation_key_aliases WHERE alias = ? LIMIT 1`,
      )
      .pluck();
    this.findTag = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
    this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    this.linkTag = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
    this.insertAlias = db.prepare(
      'INSERT OR IGNORE INTO citation_key_aliases (alias, item_id) VALUES (?, ?)',
    );
    this.pattern = getKeyPattern(db);
  }

  private unique(base: string): string {
    for (let n = 0; ; n++) {
      const k = n === 0 ? base : base + keySuffix(n);
      if (this.keyTaken.get(k, k) === undefined) return k;
    }
  }

  tagId(name: string): number {
    const lower = name.toLowerCase();
    let id = this.tagIds.get(lower);
    if (id === undefined) {
      id = this.findTag.get(name) ?? (this.insertTag.run(name).lastInsertRowid as number);
      this.tagIds.set(lower, id);
    }
    return id;
  }

  linkTags(itemId: number, tags: readonly string[]): void {
    for (const t of tags) {
      const name = t.trim();
      if (name) this.linkTag.run(itemId, this.tagId(name));
    }
  }

  /** Inserts one record; returns the new item's id and its final key. */
  insert(r: ImportRecord): { id: number; key: string } {
    const fields = { ...r.fields };
    const ids = fields.ids;
    delete fields.ids;
    const given = r.citationKey?.trim();
    const base =
      given ||
      expandKeyPattern(this.pattern, {
        creators: r.creators,
        title: r.title,
        year: yearOf(r.date),
      });
    const key = this.unique(base);
    const id = this.insertItem.run(
      r.type,
      key,
      r.title,
      r.date,
      r.venue,
      r.doi,
      r.url,
      r.abstract,
      JSON.stringify(fields),
      creatorsText(r.creators),
      this.stamp,
      this.stamp,
    ).lastInsertRowid as number;
    r.creators.forEach((c, i) =>
      this.insertCreator.run(id, i, c.role, c.family, c.given, c.prefix, c.suffix, c.literal),
    );
    this.linkTags(id, r.tags);
    if (ids) {
      // BibLaTeX `ids`: older keys of this entry become aliases when no one else uses them
      for (const alias of ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (alias.toLowerCase() === key.toLowerCase()) continue;
        if (this.keyTaken.get(alias, alias) === undefined) this.insertAlias.run(alias, id);
      }
    }
    return { id, key };
  }
}
