// Builds small known libraries for engine tests, through the same repo functions the handlers use.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Creator } from '../../../shared/domain/item';
import { insertItem, type NewItem, now } from '../items/repo';
import { Library } from '../library';
import { setItemTags } from '../organise/tags';

export function tempLibrary(prefix = 'shelfmark-test-'): Library {
  return Library.open(mkdtempSync(join(tmpdir(), prefix)));
}

export function person(family: string, given = ''): Creator {
  return { role: 'author', family, given, prefix: '', suffix: '', literal: '' };
}

export interface Extra {
  tags?: string[];
  collections?: string[];
  notes?: string[];
  /** One PDF attachment with these page texts. */
  pages?: string[];
  /** Annotations on that PDF: [page, quote, comment]. */
  annotations?: [number, string, string][];
}

/** Adds one item with its tags, collections (by name, created when missing), notes and PDF. */
export function addItem(lib: Library, item: NewItem, extra: Extra = {}): number {
  return lib.write(() => {
    const db = lib.db;
    const id = insertItem(db, item);
    if (extra.tags) setItemTags(db, id, extra.tags);
    for (const name of extra.collections ?? []) {
      let cid = db
        .prepare<[string], number>('SELECT id FROM collections WHERE name = ?')
        .pluck()
        .get(name);
      cid ??= db
        .prepare('INSERT INTO collections (name, date_added) VALUES (?, ?)')
        .run(name, now()).lastInsertRowid as number;
      db.prepare('INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)').run(
        cid,
        id,
      );
    }
    for (const body of extra.notes ?? []) {
      db.prepare(
        'INSERT INTO notes (item_id, title, body, date_added, date_modified) VALUES (?, ?, ?, ?, ?)',
      ).run(id, '', body, now(), now());
    }
    if (extra.pages || extra.annotations) {
      const att = db
        .prepare(
          `INSERT INTO attachments (item_id, kind, path, mime, date_added) VALUES (?, 'stored', ?, 'application/pdf', ?)`,
        )
        .run(id, `files/${id}.pdf`, now()).lastInsertRowid as number;
      (extra.pages ?? []).forEach((text, i) =>
        db
          .prepare('INSERT INTO attachment_pages (attachment_id, page, text) VALUES (?, ?, ?)')
          .run(att, i + 1, text),
      );
      for (const [page, quote, comment] of extra.annotations ?? []) {
        db.prepare(
          `INSERT INTO annotations (attachment_id, kind, page, quote, comment, date_added, date_modified)
           VALUES (?, 'highlight', ?, ?, ?, ?, ?)`,
        ).run(att, page, quote, comment, now(), now());
      }
    }
    return id;
  });
}
