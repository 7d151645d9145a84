import type { Database } from 'better-sqlite3';

// Online features: identifiers waiting for the network, and subscribed feeds with their
// entries (kept locally so they stay readable offline).
export const version = 60;
export const name = 'online';

export function up(db: Database): void {
  db.exec(`
    -- Finding an item by arXiv id, ISBN or PMID (add by identifier skips what is already
    -- there) must not scan 100k items' JSON: expression indexes, used by the same expressions.
    CREATE INDEX items_eprint ON items (json_extract(fields, '$.eprint'))
      WHERE json_extract(fields, '$.eprint') IS NOT NULL;
    CREATE INDEX items_isbn ON items (replace(json_extract(fields, '$.isbn'), '-', ''))
      WHERE json_extract(fields, '$.isbn') IS NOT NULL;
    CREATE INDEX items_pmid ON items (json_extract(fields, '$.pmid'))
      WHERE json_extract(fields, '$.pmid') IS NOT NULL;
    CREATE INDEX items_doi_nocase ON items (doi COLLATE NOCASE) WHERE doi <> '';

    CREATE TABLE pending_identifiers (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('doi', 'arxiv', 'isbn', 'pmid')),
      value TEXT NOT NULL,
      version TEXT NOT NULL DEFAULT '',
      input TEXT NOT NULL,
      reason_code TEXT NOT NULL,
      reason TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 1,
      download_pdf INTEGER NOT NULL DEFAULT 0 CHECK (download_pdf IN (0, 1)),
      date_added TEXT NOT NULL,
      last_attempt TEXT,
      UNIQUE (kind, value, version)
    ) STRICT;

    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL DEFAULT '',
      site_url TEXT NOT NULL DEFAULT '',
      date_added TEXT NOT NULL,
      last_fetched TEXT,
      last_success TEXT,
      last_error TEXT
    ) STRICT;

    CREATE TABLE feed_entries (
      id INTEGER PRIMARY KEY,
      feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      guid TEXT NOT NULL,
      title TEXT NOT NULL,
      -- JSON array of display names
      authors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
      summary TEXT NOT NULL DEFAULT '',
      link TEXT NOT NULL DEFAULT '',
      pdf_url TEXT NOT NULL DEFAULT '',
      doi TEXT NOT NULL DEFAULT '',
      arxiv_id TEXT NOT NULL DEFAULT '',
      published TEXT NOT NULL DEFAULT '',
      date_added TEXT NOT NULL,
      read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
      hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
      item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
      UNIQUE (feed_id, guid)
    ) STRICT;
    CREATE INDEX feed_entries_feed ON feed_entries (feed_id, hidden, published DESC, id DESC);
  `);
}
