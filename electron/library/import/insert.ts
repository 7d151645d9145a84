// Batch insertion of imported records: statements prepared once per import, tags cached, keys
// kept as imported (made unique with a/b/c suffixes) or generated from the library's pattern.
import type { Database, Statement } from 'better-sqlite3';
import type { ImportRecord } from '../../../shared/domain/import';
import { creatorsText, yearOf } from '../../../shared/domain/item';
import { expandKeyPattern, keySuffix } from '../keys/generate';
import { getKeyPattern } from '../keys/pattern';
import { now } from '../items/repo';

/** SQLite's NOCASE: only ASCII letters fold. */
function nocase(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

export class RecordInserter {
  private readonly insertItem: Statement;
  private readonly insertCreator: Statement;
  /** Keys and aliases in use, folded as SQLite's NOCASE folds (ASCII only): loaded once. */
  private readonly taken = new Set<string>();
  /** Keys this record added to `taken`, so a record rolled back can give them back. */
  private added: string[] = [];
  /** Tags this record created: a rolled-back record must not leave their ids cached. */
  private createdTags: string[] = [];
  /** Tags linked by this import (the bulk path recounts them). */
  readonly touchedTags = new Set<number>();
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
    // one read instead of two index probes per key candidate
    for (const k of db
      .prepare<[], string>(
        'SELECT citation_key FROM items UNION ALL SELECT alias FROM citation_key_aliases',
      )
      .pluck()
      .iterate())
      this.taken.add(nocase(k));
    this.findTag = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
    this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    this.linkTag = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
    this.insertAlias = db.prepare(
      'INSERT OR IGNORE INTO citation_key_aliases (alias, item_id) VALUES (?, ?)',
    );
    this.pattern = getKeyPattern(db);
  }

  private isTaken(k: string): boolean {
    return this.taken.has(nocase(k));
  }

  private take(k: string): void {
    const f = nocase(k);
    if (!this.taken.has(f)) {
      this.taken.add(f);
      this.added.push(f);
    }
  }

  /** A record is about to be written: what it adds can be forgotten if it is rolled back. */
  beginRecord(): void {
    this.added = [];
    this.createdTags = [];
  }

  /** The record being written was rolled back: its keys are free again, its new tags gone. */
  forgetRecord(): void {
    for (const f of this.added) this.taken.delete(f);
    for (const t of this.createdTags) this.tagIds.delete(t);
    this.beginRecord();
  }

  private unique(base: string): string {
    for (let n = 0; ; n++) {
      const k = n === 0 ? base : base + keySuffix(n);
      if (!this.isTaken(k)) return k;
    }
  }

  tagId(name: string): number {
    const lower = name.toLowerCase();
    let id = this.tagIds.get(lower);
    if (id === undefined) {
      const found = this.findTag.get(name);
      if (found === undefined) {
        id = this.insertTag.run(name).lastInsertRowid as number;
        this.createdTags.push(lower);
      } else id = found;
      this.tagIds.set(lower, id);
    }
    return id;
  }

  linkTags(itemId: number, tags: readonly string[]): void {
    for (const t of tags) {
      const name = t.trim();
      if (!name) continue;
      const tagId = this.tagId(name);
      this.linkTag.run(itemId, tagId);
      this.touchedTags.add(tagId);
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
    this.take(key);
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
        if (!this.isTaken(alias)) {
          this.insertAlias.run(alias, id);
          this.take(alias);
        }
      }
    }
    return { id, key };
  }
}
