import type { Database } from 'better-sqlite3';

// A DOI may be stored as written, `https://doi.org/10.1038/NATURE14539` (a .bib file, the item
// editor and `shelfmark add --doi` keep the spelling, which an export writes back). Finding
// `10.1038/nature14539` among them must not scan every item: this index holds the bare DOI of
// the few rows whose DOI is not bare already, from the first `10.` on, lower-cased. The
// expression is copied verbatim by the queries that use it (online/add-by-id.ts).
export const version = 125;
export const name = 'items-doi-url';

export function up(db: Database): void {
  db.exec(`
    CREATE INDEX items_doi_url ON items (lower(substr(doi, instr(doi, '10.'))))
      WHERE doi <> '' AND substr(doi, 1, 3) <> '10.';
  `);
}
