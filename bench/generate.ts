// Seeded generator of synthetic libraries for the benchmark (performance.md): 1–30 authors,
// abstracts on a third, LaTeX accents on a tenth, @string macros and crossrefs, ~500 tags,
// ~2k nested collections, 5% duplicates. The same seed and size always give the same output,
// so two runs (and two machines) measure the same input.

export type Size = '1k' | '10k' | '100k';
export const SIZES: Record<Size, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };

export interface GenCreator {
  family: string;
  given: string;
  /** BibTeX spelling of the family name (with `{\"o}` style accents when the plain one has any). */
  familyTex: string;
}

export interface GenEntry {
  key: string;
  type: string;
  title: string;
  titleTex: string;
  authors: GenCreator[];
  year: number;
  month: string;
  /** @string macro the journal is written with in the .bib, or '' for a braced name. */
  journalMacro: string;
  venue: string;
  volume: string;
  number: string;
  pages: string;
  doi: string;
  abstract: string;
  /** Key of a @proceedings / @book entry this one inherits from. */
  crossref: string;
  tags: string[];
  /** Indexes into `collections`. */
  collections: number[];
  /** Index of the entry this one duplicates (same work, different key), or -1. */
  duplicateOf: number;
}

export interface GenCollection {
  name: string;
  /** Index of the parent in the same array, or -1 for a top-level collection. */
  parent: number;
}

export interface GenLibrary {
  size: number;
  seed: number;
  macros: { name: string; value: string }[];
  entries: GenEntry[];
  /** Crossref targets (@proceedings, @book), written after the entries that use them. */
  parents: GenEntry[];
  tags: string[];
  collections: GenCollection[];
  /** Index of the collection holding a tenth of the library (B6 "collection of 10k"). */
  bigCollection: number;
  savedSearches: { name: string; query: string }[];
}

/** mulberry32: tiny, fast and good enough for test data; the point is determinism. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ra',
  'to',
  'sen',
  'dar',
  'vel',
  'qui',
  'mor',
  'pha',
  'tri',
  'gon',
  'lex',
  'ban',
  'cor',
  'ist',
  'ent',
  'ion',
  'al',
  'ic',
  'um',
  'ar',
  'ter',
  'pro',
  'sta',
  'graph',
  'net',
  'form',
  'struct',
  'ana',
  'log',
  'met',
  'bio',
  'geo',
  'chro',
  'syn',
  'opt',
  'dyn',
];
const STOP = ['of', 'the', 'for', 'in', 'and', 'on', 'with', 'a', 'to', 'via'];
const GIVEN = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Eva',
  'Felix',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kim',
  'Lena',
  'Marek',
  'Nora',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Xenia',
  'Yusuf',
  'Zoe',
];
// Accented letters and their BibTeX spellings; the plain text keeps the Unicode letter.
const ACCENTS: [string, string][] = [
  ['ö', '{\\"o}'],
  ['é', "{\\'e}"],
  ['ü', '{\\"u}'],
  ['ç', '{\\c{c}}'],
  ['ñ', '{\\~n}'],
  ['å', '{\\aa}'],
  ['ø', '{\\o}'],
  ['è', '{\\`e}'],
  ['ä', '{\\"a}'],
  ['ł', '{\\l}'],
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** 1–30 authors, most papers having few: roughly geometric, capped. */
function authorCount(r: () => number): number {
  const x = r();
  if (x < 0.25) return 1;
  if (x < 0.5) return 2;
  if (x < 0.7) return 3;
  if (x < 0.85) return 2 + Math.floor(r() * 5);
  if (x < 0.97) return 5 + Math.floor(r() * 10);
  return 15 + Math.floor(r() * 16);
}

function makeWord(r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
  return w;
}

/** Vocabulary with a Zipf-like draw, so common words are common, as in real titles. */
function vocabulary(r: () => number, n: number): { words: string[]; draw: () => string } {
  const set = new Set<string>();
  while (set.size < n) set.add(makeWord(r));
  const words = [...set];
  const draw = () => words[Math.floor(words.length * Math.pow(r(), 2.2))]!;
  return { words, draw };
}

function accentuate(r: () => number, word: string): { plain: string; tex: string } {
  const [u, tex] = pick(r, ACCENTS);
  const at = Math.floor(r() * (word.length + 1));
  return {
    plain: word.slice(0, at) + u + word.slice(at),
    tex: word.slice(0, at) + tex + word.slice(at),
  };
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export function generateLibrary(size: number, seed = 7): GenLibrary {
  const r = rng(seed * 1_000_003 + size);
  const vocab = vocabulary(r, 20_000);
  const families = Array.from({ length: Math.max(200, Math.floor(size / 4)) }, () =>
    cap(makeWord(r)),
  );

  const macros = Array.from({ length: 60 }, (_, i) => {
    const words = [cap(vocab.draw()), cap(vocab.draw())];
    return {
      name: `j${i}${words[0]!.slice(0, 3).toLowerCase()}`,
      value: `Journal of ${words.join(' ')}`,
    };
  });

  const tags: string[] = [];
  const tagSet = new Set<string>();
  while (tags.length < 500) {
    const name = r() < 0.4 ? `${vocab.words[tags.length % 40]}/${vocab.draw()}` : vocab.draw();
    if (!tagSet.has(name.toLowerCase())) {
      tagSet.add(name.toLowerCase());
      tags.push(name);
    }
  }

  // ~2k nested collections (fewer for tiny libraries); nesting up to 5 deep.
  const nColl = Math.min(2_000, Math.max(20, Math.floor(size / 5)));
  const collections: GenCollection[] = [{ name: 'Big reading list', parent: -1 }];
  const depth: number[] = [0];
  for (let i = 1; i < nColl; i++) {
    let parent = i < 20 || r() < 0.15 ? -1 : Math.floor(r() * i);
    if (parent >= 0 && depth[parent]! >= 4) parent = -1;
    collections.push({ name: `${cap(vocab.draw())} ${i}`, parent });
    depth.push(parent < 0 ? 0 : depth[parent]! + 1);
  }

  const parents: GenEntry[] = [];
  const nParents = Math.max(5, Math.floor(size / 100));
  const keys = new Set<string>();
  const uniqueKey = (base: string) => {
    let k = base;
    for (let i = 0; keys.has(k); i++)
      k = `${base}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`;
    keys.add(k);
    return k;
  };

  const makeAuthor = (): GenCreator => {
    const family = pick(r, families);
    if (r() < 0.1) {
      const a = accentuate(r, family);
      return { family: a.plain, given: pick(r, GIVEN), familyTex: a.tex };
    }
    return { family, given: pick(r, GIVEN), familyTex: family };
  };

  const makeTitle = (): { plain: string; tex: string } => {
    const n = 4 + Math.floor(r() * 9);
    const plain: string[] = [];
    const tex: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = i > 0 && r() < 0.25 ? pick(r, STOP) : vocab.draw();
      plain.push(i === 0 ? cap(w) : w);
      tex.push(i === 0 ? cap(w) : w);
    }
    if (r() < 0.1) {
      const i = Math.floor(r() * n);
      const a = accentuate(r, plain[i]!);
      plain[i] = a.plain;
      tex[i] = a.tex;
    }
    return { plain: plain.join(' '), tex: tex.join(' ') };
  };

  for (let i = 0; i < nParents; i++) {
    const t = makeTitle();
    const year = 1970 + Math.floor(r() * 56);
    parents.push({
      key: uniqueKey(`proc${year}${i}`),
      type: r() < 0.8 ? 'proceedings' : 'book',
      title: `Proceedings of ${t.plain}`,
      titleTex: `Proceedings of ${t.tex}`,
      authors: [],
      year,
      month: '',
      journalMacro: '',
      venue: `Proceedings of ${t.plain}`,
      volume: '',
      number: '',
      pages: '',
      doi: '',
      abstract: '',
      crossref: '',
      tags: [],
      collections: [],
      duplicateOf: -1,
    });
  }

  const entries: GenEntry[] = [];
  const nOriginal = size - Math.floor(size * 0.05);
  for (let i = 0; i < size; i++) {
    if (i >= nOriginal) {
      // 5% duplicates: an earlier entry again under another key, title case changed a little
      const of = Math.floor(r() * nOriginal);
      const o = entries[of]!;
      entries.push({
        ...o,
        key: uniqueKey(`${o.key}dup`),
        title: o.title.toLowerCase(),
        titleTex: o.titleTex.toLowerCase(),
        collections: [],
        duplicateOf: of,
      });
      continue;
    }
    const authors = Array.from({ length: authorCount(r) }, makeAuthor);
    const t = makeTitle();
    const year = 1950 + Math.floor(r() * 77);
    const x = r();
    const type =
      x < 0.55
        ? 'article'
        : x < 0.8
          ? 'inproceedings'
          : x < 0.88
            ? 'book'
            : x < 0.93
              ? 'incollection'
              : x < 0.97
                ? 'techreport'
                : 'phdthesis';
    let venue = '';
    let journalMacro = '';
    let crossref = '';
    if (type === 'article') {
      const m = pick(r, macros);
      venue = m.value;
      if (r() < 0.7) journalMacro = m.name;
    } else if (type === 'inproceedings' || type === 'incollection') {
      const p = pick(r, parents);
      venue = p.venue;
      if (r() < 0.5) crossref = p.key;
    } else if (type === 'book') venue = `${cap(vocab.draw())} Press`;
    else venue = `University of ${cap(vocab.draw())}`;
    const abstract =
      r() < 1 / 3
        ? Array.from({ length: 40 + Math.floor(r() * 120) }, () => vocab.draw()).join(' ') + '.'
        : '';
    const nTags = Math.floor(r() * 6);
    const itemTags = new Set<string>();
    for (let k = 0; k < nTags; k++)
      itemTags.add(tags[Math.floor(tags.length * Math.pow(r(), 1.7))]!);
    const colls = new Set<number>();
    if (i % 10 === 0) colls.add(0);
    const nColls = r() < 0.6 ? 1 + Math.floor(r() * 2) : 0;
    for (let k = 0; k < nColls; k++) colls.add(1 + Math.floor(r() * (collections.length - 1)));
    const first = authors[0]!.family.replace(/[^A-Za-z]/g, '').toLowerCase() || 'anon';
    entries.push({
      key: uniqueKey(`${first}${year}${vocab.draw().slice(0, 6)}`),
      type,
      title: t.plain,
      titleTex: t.tex,
      authors,
      year,
      month: r() < 0.4 ? pick(r, MONTHS) : '',
      journalMacro,
      venue,
      volume: type === 'article' ? String(1 + Math.floor(r() * 80)) : '',
      number: type === 'article' ? String(1 + Math.floor(r() * 12)) : '',
      pages: `${1 + Math.floor(r() * 500)}--${501 + Math.floor(r() * 500)}`,
      doi: r() < 0.7 ? `10.${1000 + Math.floor(r() * 9000)}/bench.${i}` : '',
      abstract,
      crossref,
      tags: [...itemTags],
      collections: [...colls],
      duplicateOf: -1,
    });
  }

  const savedSearches = [
    {
      name: 'Recent on first tag',
      query: JSON.stringify({ text: vocab.words[1], tag: tags[0], yearFrom: 2000 }),
    },
  ];
  return {
    size,
    seed,
    macros,
    entries,
    parents,
    tags,
    collections,
    bigCollection: 0,
    savedSearches,
  };
}

function bibValue(v: string): string {
  return `{${v}}`;
}

function entryToBib(e: GenEntry, withMeta: boolean): string {
  const f: [string, string][] = [];
  if (e.authors.length) {
    f.push(['author', bibValue(e.authors.map((a) => `${a.familyTex}, ${a.given}`).join(' and '))]);
  }
  f.push(['title', bibValue(e.titleTex)]);
  if (e.type === 'article') f.push(['journal', e.journalMacro || bibValue(e.venue)]);
  else if ((e.type === 'inproceedings' || e.type === 'incollection') && !e.crossref)
    f.push(['booktitle', bibValue(e.venue)]);
  else if (e.type === 'book') f.push(['publisher', bibValue(e.venue)]);
  else if (e.type === 'techreport' || e.type === 'phdthesis')
    f.push(['institution', bibValue(e.venue)]);
  if (e.crossref) f.push(['crossref', bibValue(e.crossref)]);
  f.push(['year', String(e.year)]);
  if (e.month) f.push(['month', e.month]);
  if (e.volume) f.push(['volume', e.volume]);
  if (e.number) f.push(['number', e.number]);
  if (e.pages) f.push(['pages', bibValue(e.pages)]);
  if (e.doi) f.push(['doi', bibValue(e.doi)]);
  if (e.abstract) f.push(['abstract', bibValue(e.abstract)]);
  if (withMeta && e.tags.length) f.push(['keywords', bibValue(e.tags.join(', '))]);
  return `@${e.type}{${e.key},\n${f.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}\n`;
}

/** The library as one .bib file: macros first, entries, then the crossref targets. */
export function toBib(lib: GenLibrary): string {
  const out: string[] = [`% Shelfmark benchmark library: ${lib.size} entries, seed ${lib.seed}\n`];
  for (const m of lib.macros) out.push(`@string{${m.name} = {${m.value}}}\n`);
  out.push('\n');
  for (const e of lib.entries) out.push(entryToBib(e, true), '\n');
  for (const p of lib.parents) out.push(entryToBib(p, false), '\n');
  return out.join('');
}

// `tsx bench/generate.ts 10k out.bib` writes a file, for trying other tools on the same input.
if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  const size = (process.argv[2] ?? '1k') as Size;
  const out = process.argv[3];
  const text = toBib(generateLibrary(SIZES[size] ?? Number(size)));
  if (out) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(out, text);
  } else process.stdout.write(text);
}
