import type { Database } from 'better-sqlite3';

// Schema v1: everything the product needs, even where the UI arrives in later issues.
// Every table is STRICT; text literals use single quotes (better-sqlite3 is built with DQS off).
export const version = 1;
export const name = 'initial';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE items (
      id INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      citation_key TEXT NOT NULL COLLATE NOCASE UNIQUE,
      title TEXT NOT NULL DEFAULT '',
      date TEXT NOT NULL DEFAULT '',
      year INTEGER GENERATED ALWAYS AS (
        CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]*' THEN CAST(substr(date, 1, 4) AS INTEGER) END
      ) VIRTUAL,
      venue TEXT NOT NULL DEFAULT '',
      doi TEXT NOT NULL DEFAULT '',
      url TEXT NOT NULL DEFAULT '',
      abstract TEXT NOT NULL DEFAULT '',
      -- every other field by lower-case name, verbatim
      fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields) AND json_type(fields) = 'object'),
      -- denormalised from creators for sorting, display and the full-text index
      creators_text TEXT NOT NULL DEFAULT '',
      read_state TEXT NOT NULL DEFAULT 'unread' CHECK (read_state IN ('unread', 'reading', 'read')),
      starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
      rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
      review_needed INTEGER NOT NULL DEFAULT 0 CHECK (review_needed IN (0, 1)),
      date_added TEXT NOT NULL,
      date_modified TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT;

    CREATE INDEX items_live_added ON items (date_added, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_modified ON items (date_modified, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_title ON items (title COLLATE NOCASE, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_creators ON items (creators_text COLLATE NOCASE, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_year ON items (year, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_venue ON items (venue COLLATE NOCASE, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_type ON items (type, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_deleted ON items (deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE INDEX items_doi ON items (doi) WHERE doi <> '';

    CREATE TABLE creators (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      role TEXT NOT NULL DEFAULT 'author',
      family TEXT NOT NULL DEFAULT '',
      given TEXT NOT NULL DEFAULT '',
      prefix TEXT NOT NULL DEFAULT '',
      suffix TEXT NOT NULL DEFAULT '',
      literal TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (item_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX creators_family ON creators (family COLLATE NOCASE);

    -- an explicit key rename keeps the old key here (exported as BibLaTeX ids)
    CREATE TABLE citation_key_aliases (
      alias TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX citation_key_aliases_item ON citation_key_aliases (item_id);

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      color TEXT,
      position INTEGER UNIQUE CHECK (position BETWEEN 1 AND 9)
    ) STRICT;

    CREATE TABLE item_tags (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (item_id, tag_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX item_tags_tag ON item_tags (tag_id, item_id);

    CREATE TABLE collections (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER REFERENCES collections (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      date_added TEXT NOT NULL
    ) STRICT;
    CREATE INDEX collections_parent ON collections (parent_id);

    CREATE TABLE collection_items (
      collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      PRIMARY KEY (collection_id, item_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX collection_items_item ON collection_items (item_id, collection_id);

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
      title TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL DEFAULT '',
      date_added TEXT NOT NULL,
      date_modified TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT;
    CREATE INDEX notes_item ON notes (item_id);

    CREATE TABLE attachments (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('stored', 'linked')),
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL DEFAULT '',
      size INTEGER NOT NULL DEFAULT 0,
      mime TEXT NOT NULL DEFAULT 'application/pdf',
      title TEXT NOT NULL DEFAULT '',
      date_added TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_item ON attachments (item_id);
    CREATE INDEX attachments_sha ON attachments (sha256);

    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('highlight', 'underline', 'note')),
      page INTEGER NOT NULL CHECK (page >= 1),
      -- [[x1, y1, x2, y2], ...] in PDF user space, so annotations re-anchor at any zoom
      rects TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rects)),
      quote TEXT NOT NULL DEFAULT '',
      comment TEXT NOT NULL DEFAULT '',
      color TEXT NOT NULL DEFAULT '#ffd400',
      date_added TEXT NOT NULL,
      date_modified TEXT NOT NULL
    ) STRICT;
    CREATE INDEX annotations_attachment ON annotations (attachment_id, page);

    -- extracted PDF text, one row per page, for the full-text index
    CREATE TABLE attachment_pages (
      attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
      page INTEGER NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (attachment_id, page)
    ) STRICT;

    CREATE TABLE saved_searches (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      query TEXT NOT NULL,
      date_added TEXT NOT NULL
    ) STRICT;

    -- library-scoped settings (citation-key pattern, ...); app settings live in electron-store
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT;

    -- Full text. Trashed rows stay indexed; queries filter on deleted_at.
    CREATE VIRTUAL TABLE items_fts USING fts5 (
      title, creators, abstract, venue, extra,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
      INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      VALUES (new.id, new.title, new.creators_text, new.abstract, new.venue,
        concat_ws(' ', new.citation_key, new.doi,
          (SELECT group_concat(value, ' ') FROM json_each(new.fields))));
    END;
    CREATE TRIGGER items_fts_update
    AFTER UPDATE OF title, creators_text, abstract, venue, citation_key, doi, fields ON items BEGIN
      DELETE FROM items_fts WHERE rowid = old.id;
      INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      VALUES (new.id, new.title, new.creators_text, new.abstract, new.venue,
        concat_ws(' ', new.citation_key, new.doi,
          (SELECT group_concat(value, ' ') FROM json_each(new.fields))));
    END;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      DELETE FROM items_fts WHERE rowid = old.id;
    END;

    CREATE VIRTUAL TABLE notes_fts USING fts5 (
      title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body ON notes BEGIN
      DELETE FROM notes_fts WHERE rowid = old.id;
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
      DELETE FROM notes_fts WHERE rowid = old.id;
    END;

    CREATE VIRTUAL TABLE annotations_fts USING fts5 (
      quote, comment, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
      INSERT INTO annotations_fts (rowid, quote, comment) VALUES (new.id, new.quote, new.comment);
    END;
    CREATE TRIGGER annotations_fts_update AFTER UPDATE OF quote, comment ON annotations BEGIN
      DELETE FROM annotations_fts WHERE rowid = old.id;
      INSERT INTO annotations_fts (rowid, quote, comment) VALUES (new.id, new.quote, new.comment);
    END;
    CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
      DELETE FROM annotations_fts WHERE rowid = old.id;
    END;

    -- pages keep their attachment and page number, so a hit can open the reader there
    CREATE VIRTUAL TABLE pages_fts USING fts5 (
      text, content = 'attachment_pages', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER pages_fts_insert AFTER INSERT ON attachment_pages BEGIN
      INSERT INTO pages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER pages_fts_update AFTER UPDATE ON attachment_pages BEGIN
      INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO pages_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER pages_fts_delete AFTER DELETE ON attachment_pages BEGIN
      INSERT INTO pages_fts (pages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
  `);
}
