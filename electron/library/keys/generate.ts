import type { Database } from 'better-sqlite3';
import type { Creator } from '../../../shared/domain/item';

export const DEFAULT_KEY_PATTERN = '[auth:lower][year][shorttitle]';

const FUNCTION_WORDS = new Set(
  'a an the of on in at to for and or but with from by as is are via into onto about towards toward its their this that these those'.split(
    ' ',
  ),
);

/** ASCII letters and digits only: keys must survive BibTeX, biber and file systems alike. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[^A-Za-z0-9]/g, '');
}

export interface KeyParts {
  creators: readonly Pick<Creator, 'family' | 'literal' | 'role'>[];
  title: string;
  year: number | null;
}

/** Expands a key pattern for one item, before uniqueness suffixes. */
export function expandKeyPattern(pattern: string, parts: KeyParts): string {
  const first = parts.creators.find((c) => c.role === 'author') ?? parts.creators[0];
  const auth = first ? asciiFold(first.family || first.literal.split(/\s+/)[0] || '') : '';
  const words = parts.title
    .split(/\s+/)
    .map(asciiFold)
    .filter((w) => w.length > 0);
  const significant = words.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()));
  const out = pattern.replace(
    /\[([a-z]+)(?::([a-z]+))?\]/gi,
    (_m, token: string, filter?: string) => {
      let v = '';
      switch (token.toLowerCase()) {
        case 'auth':
          v = auth;
          break;
        case 'year':
          v = parts.year === null ? '' : String(parts.year);
          break;
        case 'shorttitle':
          v = (significant[0] ?? words[0] ?? '').toLowerCase();
          break;
        case 'title':
          v = significant.slice(0, 3).join('');
          break;
        default:
          v = '';
      }
      if (filter === 'lower') v = v.toLowerCase();
      if (filter === 'upper') v = v.toUpperCase();
      return v;
    },
  );
  return out || 'item';
}

/** Suffix a, b, …, z, aa, ab … — the Better BibTeX convention for clashes. */
function suffix(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    k -= 1;
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s;
}

/** A key not used by any item or alias in the library (case-insensitively, as BibTeX compares). */
export function uniqueKey(db: Database, base: string): string {
  const taken = db.prepare<[string, string], number>(
    `SELECT 1 FROM items WHERE citation_key = ? UNION ALL SELECT 1 FROM citation_key_aliases WHERE alias = ? LIMIT 1`,
  );
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : base + suffix(n);
    if (taken.pluck().get(candidate, candidate) === undefined) return candidate;
  }
}
