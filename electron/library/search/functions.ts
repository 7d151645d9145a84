import type { Database } from 'better-sqlite3';

/** Lower case without diacritics, the way the FTS5 tokenizer compares words: Müller → muller. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text, folded and joined by single spaces, for word-start LIKE matching. */
export function foldWords(s: string): string {
  return (fold(s).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

const registered = new WeakSet<Database>();

/** Registers the SQL functions search needs on a connection, once. */
export function ensureSearchFunctions(db: Database): void {
  if (registered.has(db)) return;
  db.function('fold', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? fold(s) : s,
  );
  db.function('foldwords', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? foldWords(s) : s,
  );
  registered.add(db);
}
