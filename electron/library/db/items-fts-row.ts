// What items_fts holds for an item, in one place: the insert/update triggers (migration 120),
// the rebuild of the table and the bulk import's own fill all write these columns.

/**
 * SQL of the `extra` column for the items row named `row`: its citation key, DOI and the values
 * of the fields a person sees. The engine's own fields (`latex:` sources, `shelfmark:`
 * bookkeeping, see shared/domain/fields.ts) are left out: they repeat the display columns in
 * LaTeX or JSON, so a search for `venue` or `family` matched hidden JSON, and they were 10%
 * of the text and 18% of the time to fill the index at 100k imported entries.
 */
export function ftsExtraSql(row: string): string {
  return `concat_ws(' ', ${row}.citation_key, ${row}.doi,
    (SELECT group_concat(value, ' ') FROM json_each(${row}.fields)
      WHERE key NOT GLOB 'latex:*' AND key NOT GLOB 'shelfmark:*'))`;
}

/** The five items_fts columns (title, creators, abstract, venue, extra) of the row `row`. */
export function ftsColumnsSql(row: string): string {
  return `${row}.title, ${row}.creators_text, ${row}.abstract, ${row}.venue, ${ftsExtraSql(row)}`;
}
