// Snippets of an item's own fields (title, creators, abstract, venue, other fields), cut in
// JavaScript from the page's rows instead of by FTS5's snippet(). snippet() needs the MATCH
// evaluated again for the page (`+rowid IN (…)` filters one full pass of every term's doclist):
// 3–5 ms per keystroke for a common three-letter prefix at 100k items, 14 ms for a five-letter
// one without a prefix index, for 100 short texts JavaScript splits in well under a
// millisecond. Words are split and folded as the unicode61 tokenizer (remove_diacritics 2)
// does, so the hits are the words FTS5 matched: letters, digits and Latin combining accents
// make words, any other mark splits them (as in Devanagari); accents are removed and case is
// ignored, but compatibility forms (ligatures, full-width and superscript letters) stay as they
// are.

/** One positive term of the query as FTS5 reads it: its words, whether the last is a prefix. */
export interface MetaTerm {
  words: string[];
  prefix: boolean;
  /** items_fts column the term is limited to (title:, author:, …), or null for any. */
  column: number | null;
}

/** Hits are wrapped in these, as the FTS5 snippets were (see snippetParts). */
export const OPEN = '\u0001';
export const CLOSE = '\u0002';
/** Words in a snippet, as FTS5's snippet() was asked for. */
export const SNIPPET_WORDS = 14;

const WORD = /[\p{L}\p{N}\p{Co}\u0300-\u036f]+/gu;
const ASCII = /^[\x20-\x7e]*$/;
const ACCENTS = /[\u0300-\u036f]/g;

/**
 * A text folded as unicode61 compares words: lower case (a final sigma as any sigma, which
 * JavaScript lowercases by context), Latin accents removed, compatibility forms kept.
 */
export function foldForMatch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(ACCENTS, '')
    .normalize('NFC')
    .replace(/ς/g, 'σ');
}

/** The words of a query term as FTS5 splits and folds them. */
export function matchWords(value: string): string[] {
  return [...value.normalize('NFC').matchAll(WORD)].map((m) => foldForMatch(m[0]));
}

interface Word {
  start: number;
  end: number;
  folded: string;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    out.push({
      start: m.index,
      end: m.index + w.length,
      folded: foldForMatch(w),
    });
  }
  return out;
}

/** [first word, last word + 1) of each phrase instance in the text, in order. */
function hits(ws: Word[], terms: MetaTerm[]): { from: number; to: number; term: number }[] {
  const out: { from: number; to: number; term: number }[] = [];
  for (let p = 0; p < ws.length; p++) {
    terms.forEach((t, n) => {
      const k = t.words.length;
      if (k === 0 || p + k > ws.length) return;
      for (let i = 0; i < k; i++) {
        const w = ws[p + i]!.folded;
        const want = t.words[i]!;
        const last = i === k - 1;
        if (last && t.prefix ? !w.startsWith(want) : w !== want) return;
      }
      out.push({ from: p, to: p + k, term: n });
    });
  }
  return out;
}

/**
 * The snippet of `text` for the terms that apply to column `column`: the window of
 * `size` words with the most distinct terms (then the most hits; the earliest wins),
 * starting a few words before its first hit, hits wrapped in OPEN/CLOSE, '…' where text was
 * cut; null when no term matches.
 */
export function metaSnippet(
  text: string,
  column: number,
  terms: MetaTerm[],
  size = SNIPPET_WORDS,
): string | null {
  const own = terms.filter((t) => t.column === null || t.column === column);
  if (own.length === 0 || !text) return null;
  // cheap test first: most columns of most rows contain no term's first word at all
  const folded = foldForMatch(text);
  if (!own.some((t) => folded.includes(t.words[0] ?? '\u0000'))) return null;
  const ws = words(text);
  const found = hits(ws, own);
  if (found.length === 0) return null;
  let best = { start: 0, score: -1 };
  for (const h of found) {
    const start = Math.max(0, Math.min(h.from - 2, ws.length - size));
    const end = start + size;
    const inside = found.filter((x) => x.from >= start && x.to <= end);
    const score = new Set(inside.map((x) => x.term)).size * 1000 + inside.length;
    if (score > best.score) best = { start, score };
  }
  const start = best.start;
  const end = Math.min(ws.length, start + size);
  // the hits inside the window as marked spans; FTS5 joins hits that share words into one
  const spans: { from: number; to: number }[] = [];
  for (const h of found) {
    if (h.from < start || h.to > end) continue;
    const last = spans.at(-1);
    if (last && h.from < last.to) last.to = Math.max(last.to, h.to);
    else spans.push({ from: h.from, to: h.to });
  }
  let out = start > 0 ? '…' : '';
  let at = start > 0 ? ws[start]!.start : 0;
  for (const span of spans) {
    const from = ws[span.from]!.start;
    const to = ws[span.to - 1]!.end;
    out += text.slice(at, from) + OPEN + text.slice(from, to) + CLOSE;
    at = to;
  }
  const stop = end < ws.length ? ws[end - 1]!.end : text.length;
  out += text.slice(at, Math.max(at, stop));
  if (end < ws.length) out += '…';
  return out;
}
