// The snippets cut in JavaScript mark the words FTS5 matched: over whole texts, the marks equal
// FTS5's own highlight() on a real items_fts-like table, for random texts and queries.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../testing/rng';
import { compileQuery } from './compile';
import { CLOSE, metaSnippet, OPEN, SNIPPET_WORDS } from './meta-snippet';
import { parseQuery } from './parse';

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5 (title, creators, abstract, venue, extra,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4')`);
afterAll(() => db.close());

const VOCAB = [
  'graph',
  'graphs',
  'Graphical',
  'neural',
  'networks',
  'Müller',
  'muller',
  'Ångström',
  'naïve',
  'bayes',
  'x-ray',
  'GPT-4',
  'BERT',
  'a',
  'of',
  'is',
  'attention',
  'attend',
  'vaswani2017attention',
  '10.1145/3292500',
  'état',
  'l’art',
  'Δ-learning',
  'ﬁnite',
  'finite',
  'हिन्दी',
  'كِتَاب',
  'ａｂｃ',
  'abc',
  'x²',
  'x2',
  'ΟΔΟΣ',
  "ΟΔΟΣ'Α",
  'İstanbul',
  'graph neural',
  'neural nets',
];
const PUNCT = [' ', ' ', ' ', ', ', '. ', ' — ', ' (', ') ', ': ', '; ', '/'];

function text(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += VOCAB[Math.floor(r() * VOCAB.length)]! + PUNCT[Math.floor(r() * PUNCT.length)]!;
  }
  return s.trim();
}

function compiled(search: string) {
  const parsed = parseQuery(search);
  if (!parsed.ok || !parsed.node) throw new Error(`no query: ${search}`);
  return compileQuery(parsed.node, { fullText: false });
}

function query(r: () => number): string {
  const word = () => {
    const w = VOCAB[Math.floor(r() * VOCAB.length)]!;
    return w.slice(0, 1 + Math.floor(r() * w.length));
  };
  const parts: string[] = [];
  for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
    const x = r();
    if (x < 0.55) parts.push(word());
    else if (x < 0.62) parts.push(VOCAB[Math.floor(r() * VOCAB.length)]!);
    else if (x < 0.75) parts.push(`"${word()} ${word()}"`);
    else if (x < 0.85) parts.push(`title:${word()}`);
    else if (x < 0.92) parts.push(`author:${word()}`);
    else parts.push(`abstract:${word()}`);
  }
  return parts.join(' OR ');
}

describe('snippets cut in JavaScript', () => {
  it('mark exactly the words FTS5 highlights, for random texts and queries', () => {
    const r = rng(4242);
    const insert = db.prepare(
      'INSERT INTO t (rowid, title, creators, abstract, venue, extra) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let id = 1; id <= 60; id++) {
      insert.run(id, text(r, 6), text(r, 3), text(r, 40), text(r, 3), text(r, 4));
    }
    let compared = 0;
    let marked = 0;
    for (let n = 0; n < 150; n++) {
      const parsed = parseQuery(query(r));
      if (!parsed.ok || !parsed.node) continue;
      const q = compileQuery(parsed.node, { fullText: false });
      if (!q.metaMatch) continue;
      const rows = db
        .prepare<[string], Record<string, string> & { id: number }>(
          `SELECT rowid AS id, ${[0, 1, 2, 3, 4]
            .map(
              (c) =>
                `highlight(t, ${c}, '${OPEN}', '${CLOSE}') AS h${c}, t.${['title', 'creators', 'abstract', 'venue', 'extra'][c]} AS c${c}`,
            )
            .join(', ')} FROM t WHERE t MATCH ?`,
        )
        .all(q.metaMatch);
      for (const row of rows) {
        for (let c = 0; c < 5; c++) {
          const fts = row[`h${c}`]!;
          const ours = metaSnippet(row[`c${c}`]!, c, q.metaTerms, Number.POSITIVE_INFINITY);
          const label = JSON.stringify({ query: q.metaMatch, column: c, text: row[`c${c}`] });
          // FTS5 highlights the text unchanged where nothing matched; we say null
          expect(ours ?? row[`c${c}`], label).toBe(fts);
          compared++;
          if (ours) marked++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(marked).toBeGreaterThan(100);
  });

  it('join hits that share words into one mark, as FTS5 does', () => {
    const text = 'graph neural nets';
    expect(metaSnippet(text, 2, compiled('graph OR "graph neural"').metaTerms)).toBe(
      `${OPEN}graph neural${CLOSE} nets`,
    );
    expect(metaSnippet(text, 2, compiled('"graph neural" OR "neural nets"').metaTerms)).toBe(
      `${OPEN}graph neural nets${CLOSE}`,
    );
    expect(metaSnippet(text, 2, compiled('graph OR nets').metaTerms)).toBe(
      `${OPEN}graph${CLOSE} neural ${OPEN}nets${CLOSE}`,
    );
  });

  it(`cut ${SNIPPET_WORDS} words around the best hits, with … where text was left out`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[20] = 'graph';
    words[23] = 'neural';
    words[35] = 'graph';
    const q = compiled('graph OR neural');
    const s = metaSnippet(words.join(' '), 2, q.metaTerms)!;
    // both terms beat one: the window holds words 18..31, starting two before the first hit
    expect(s).toBe(
      `…w18 w19 ${OPEN}graph${CLOSE} w21 w22 ${OPEN}neural${CLOSE} w24 w25 w26 w27 w28 w29 w30 w31…`,
    );
    expect(metaSnippet('short text with graph', 2, q.metaTerms)).toBe(
      `short text with ${OPEN}graph${CLOSE}`,
    );
    expect(metaSnippet('nothing here', 2, q.metaTerms)).toBeNull();
    // a title: term never marks another column
    const t = compiled('title:graph');
    expect(metaSnippet('graph', 2, t.metaTerms)).toBeNull();
    expect(metaSnippet('graph', 0, t.metaTerms)).toBe(`${OPEN}graph${CLOSE}`);
  });
});
