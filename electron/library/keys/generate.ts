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
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/[^A-Za-z0-9]/g, '');
}

export interface KeyParts {
  creators: readonly Pick<Creator, 'family' | 'literal' | 'role'>[];
  title: string;
  year: number | null;
}

export const KEY_TOKENS = [
  'auth',
  'authors',
  'authetal',
  'year',
  'shortyear',
  'shorttitle',
  'veryshorttitle',
  'title',
];

/**
 * Expands a key pattern for one item, before uniqueness suffixes. Tokens: `[auth]` first
 * author's family name, `[authors]` up to three family names, `[authetal]` first author plus
 * `EtAl` when there are more, `[year]`, `[shortyear]`, `[shorttitle]` first significant title
 * word, `[veryshorttitle]` the same capitalised, `[title]` first three significant words.
 * A number after a token keeps that many characters (`[auth3]`); filters `:lower`, `:upper`,
 * `:nopunct` apply in order.
 */
export function expandKeyPattern(pattern: string, parts: KeyParts): string {
  const authors = parts.creators.filter((c) => c.role === 'author');
  const names = (authors.length > 0 ? authors : parts.creators).map((c) =>
    asciiFold(c.family || c.literal.split(/\s+/)[0] || ''),
  );
  const auth = names[0] ?? '';
  const words = parts.title
    .split(/\s+/)
    .map(asciiFold)
    .filter((w) => w.length > 0);
  const significant = words.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()));
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const out = pattern.replace(
    /\[([A-Za-z]+?)([0-9]*)((?::[a-z]+)*)\]/g,
    (_m, token: string, count: string, filters: string) => {
      let v = '';
      switch (token.toLowerCase()) {
        case 'auth':
          v = auth;
          break;
        case 'authors':
          v = names.slice(0, 3).join('') + (names.length > 3 ? 'EtAl' : '');
          break;
        case 'authetal':
          v = auth + (names.length > 2 ? 'EtAl' : names.length === 2 ? names[1]! : '');
          break;
        case 'year':
          v = parts.year === null ? '' : String(parts.year);
          break;
        case 'shortyear':
          v = parts.year === null ? '' : String(parts.year).slice(-2);
          break;
        case 'shorttitle':
          v = (significant[0] ?? words[0] ?? '').toLowerCase();
          break;
        case 'veryshorttitle':
          v = cap(significant[0] ?? words[0] ?? '');
          break;
        case 'title':
          v = significant.slice(0, 3).map(cap).join('');
          break;
        default:
          v = '';
      }
      if (count) v = v.slice(0, Number(count));
      for (const f of filters.split(':').filter(Boolean)) {
        if (f === 'lower') v = v.toLowerCase();
        else if (f === 'upper') v = v.toUpperCase();
        else if (f === 'nopunct') v = v.replace(/[^A-Za-z0-9]/g, '');
      }
      return v;
    },
  );
  return out || 'item';
}

/** Suffix a, b, …, z, aa, ab … — the Better BibTeX convention for clashes. */
export function keySuffix(n: number): string {
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
    const candidate = n === 0 ? base : base + keySuffix(n);
    if (taken.pluck().get(candidate, candidate) === undefined) return candidate;
  }
}
