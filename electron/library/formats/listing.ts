// Pasted paper listings: text copied from an arXiv listing/abstract page (labelled lines, see
// listing-arxiv.ts) or from a Hugging Face papers page, where each paper is a title line followed
// by its abstract paragraph, among page chrome ("Subscribe", dates, counters, buttons).
//
// A line is taken as a paper's title only when it reads like a heading (one line, not a sentence,
// no final full stop) AND the next content after it, skipping metadata lines, is running prose.
// Page chrome is never followed by an abstract, so it never becomes a paper.
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import type { ImportFormat } from './format';
import { looksLikeArxiv, parseArxivListing } from './listing-arxiv';
import {
  arxivIdIn,
  isChrome,
  isDateLine,
  isNameList,
  isProse,
  paperRecord,
  parseAuthorList,
  tidy,
  words,
} from './listing-text';
import { normaliseDate, normaliseText, problem } from './record';

const MAX_TITLE_WORDS = 40;
const MAX_META_SKIP = 12;

function isMeta(line: string): boolean {
  const s = line.trim();
  return (
    isChrome(s) ||
    isDateLine(s) ||
    /^(authors?|by)\s*:/i.test(s) ||
    /^(https?:\/\/|www\.)\S+$/i.test(s) ||
    (/^(arXiv:\s*)?\S+$/.test(s) && !!arxivIdIn(s.includes(':') ? s : `arXiv:${s}`)) ||
    isNameList(s)
  );
}

/** Share of the longer words that start with a capital letter: high in Title Case headings. */
function titleCase(line: string): number {
  const ws = line.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  if (!ws.length) return 1;
  return ws.filter((w) => /^\p{Lu}/u.test(w)).length / ws.length;
}

function headingLike(line: string): boolean {
  const s = line.trim();
  if (!s || isMeta(s)) return false;
  if (words(s) > MAX_TITLE_WORDS || s.length > 350) return false;
  if (/\.$/.test(s) && !/\.\.\.$/.test(s)) return false;
  if (/[a-z)]\.\s+\p{Lu}/u.test(s)) return false; // two sentences
  return true;
}

/** Text of the paragraph that starts at `from` (up to the next blank line), meta lines left out. */
function paragraphAt(
  lines: readonly string[],
  from: number,
  end = lines.length,
  maxLines = Infinity,
): { text: string; end: number } {
  const parts: string[] = [];
  let i = from;
  for (; i < end && i - from < maxLines && lines[i]!.trim(); i++) {
    const s = lines[i]!.trim();
    // A link that finishes a sentence wrapped onto its own line ("…available at\nhttps://…") is text.
    const continues = parts.length > 0 && !/[.!?]$/.test(parts[parts.length - 1]!);
    if (!isMeta(s) || (continues && /^https?:\/\/\S+$/.test(s))) parts.push(s);
  }
  return { text: parts.join(' '), end: i };
}

/** Index of the first content line after `i` that is not metadata, or -1. */
function nextContent(lines: readonly string[], i: number): number {
  let skipped = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const s = lines[j]!.trim();
    if (!s) continue;
    if (isMeta(s) && skipped++ < MAX_META_SKIP) continue;
    return isMeta(s) ? -1 : j;
  }
  return -1;
}

function isTitleAt(lines: readonly string[], i: number): number {
  const line = lines[i]!;
  if (!headingLike(line)) return -1;
  const prev = i > 0 ? lines[i - 1]!.trim() : '';
  const midParagraph = prev !== '' && !isMeta(prev);
  if (midParagraph) {
    // A lower-case start there is a sentence going on (a title at a paragraph's start may be
    // lower-case: "gpt-oss", "s1: Simple test-time scaling").
    if (/^\s*[a-z]+\b/.test(line) && !/^\s*[a-z]+[A-Z0-9]/.test(line)) return -1;
    // Inside running text only a line after a finished sentence, in Title Case, can be a title.
    // (or after a whole unwrapped abstract line, which may end in a URL).
    if (!/[.!?"')\]]$/.test(prev) && prev.length < 200) return -1;
    if (titleCase(line) < 0.6 && !line.includes(':')) return -1;
    // Two full-width lines in a row are a hard-wrapped paragraph, not a heading.
    const width = Math.max(prev.length, line.trim().length, (lines[i + 1] ?? '').trim().length);
    if (width < 120 && prev.length >= 0.8 * width && line.trim().length >= 0.8 * width) return -1;
  }
  // A heading is not continued by a line that starts mid-sentence.
  const after = lines[i + 1] ?? '';
  if (/^\s*[a-z]/.test(after) && !/^\s*[a-z]+[A-Z0-9]/.test(after) && !isMeta(after)) return -1;
  const j = nextContent(lines, i);
  if (j < 0) return -1;
  const para = paragraphAt(lines, j, lines.length, 40); // enough to tell prose, bounded
  return isProse(para.text) && para.text.length > line.trim().length ? j : -1;
}

interface Found {
  title: number;
  abstractStart: number;
}

function findPapers(lines: readonly string[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < lines.length; i++) {
    const j = isTitleAt(lines, i);
    if (j < 0) continue;
    out.push({ title: i, abstractStart: j });
    i = j; // the abstract's first line is never a title
  }
  return out;
}

function collectMeta(lines: readonly string[], from: number, to: number, rec: ImportRecord): void {
  for (let i = from; i < to; i++) {
    const s = lines[i]!.trim();
    if (!s) continue;
    const id = arxivIdIn(s.includes(':') || s.includes('/') ? s : `arXiv:${s}`);
    if (id && !rec.fields.eprint) {
      const withId = paperRecord(rec.line, rec.title, rec.abstract, id);
      Object.assign(rec.fields, withId.fields);
      rec.url = withId.url;
      rec.date ||= withId.date;
    } else if (/^https?:\/\/\S+$/.test(s) && !rec.url) rec.url = s;
    const authors = /^(?:authors?|by)\s*:\s*(.+)$/i.exec(s)?.[1] ?? (isNameList(s) ? s : '');
    if (authors && rec.creators.length === 0) rec.creators = parseAuthorList(authors);
    const published = /^(?:published|submitted)(?: by \S+)? on\s+(.+)$/i.exec(s)?.[1];
    if (published) {
      const d = normaliseDate(published);
      if (/^\d{4}-\d{2}-\d{2}$/.test(d)) rec.date = d;
    }
  }
}

function parseGeneric(lines: readonly string[], file: string): ParseResult {
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  const found = findPapers(lines);
  found.forEach((f, k) => {
    const regionEnd = found[k + 1]?.title ?? lines.length;
    // The abstract: consecutive prose paragraphs from its first line to the next title.
    const paras: string[] = [];
    let i = f.abstractStart;
    while (i < regionEnd) {
      if (!lines[i]!.trim()) {
        i++;
        continue;
      }
      const p = paragraphAt(lines, i, regionEnd);
      if (!p.text) {
        i = p.end;
        continue;
      }
      if (!isProse(p.text)) break;
      paras.push(tidy(p.text));
      i = p.end;
    }
    const rec = paperRecord(f.title + 1, lines[f.title]!, paras.join('\n\n'), '');
    // An id or link just above the title (a paper page's "arxiv:2401.02385") belongs to it.
    let above = f.title;
    const floor = k > 0 ? found[k - 1]!.abstractStart + 1 : 0;
    while (
      above > floor &&
      f.title - above < 4 &&
      (!lines[above - 1]!.trim() || isMeta(lines[above - 1]!))
    )
      above--;
    collectMeta(lines, above, f.title, rec);
    collectMeta(lines, f.title + 1, regionEnd, rec);
    records.push(rec);
  });
  if (!records.length)
    problems.push(
      problem(file, 1, 'no papers found: expected a title line followed by its abstract'),
    );
  return { records, problems };
}

/**
 * Hugging Face paper pages list authors one per line with a lone "," between them; such runs
 * become one `Authors: A, B, C` line (blank lines keep the line numbers of the rest unchanged).
 */
function joinNameRuns(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 1; i + 1 < out.length; i++) {
    if (out[i]!.trim() !== ',') continue;
    let start = i - 1;
    while (start > 0 && !out[start]!.trim()) start--;
    let end = i + 1;
    const names = [out[start]!.trim().replace(/^authors?:\s*/i, '')];
    for (;;) {
      names.push(out[end]!.trim());
      if (out[end + 1]?.trim() !== ',' || end + 2 >= out.length) break;
      end += 2;
    }
    if (!names.every((n) => isNameList(n, 1))) continue;
    out[start] = `Authors: ${names.join(', ')}`;
    for (let k = start + 1; k <= end; k++) out[k] = '';
    i = end;
  }
  return out;
}

export function parseListing(text: string, file: string): ParseResult {
  const lines = joinNameRuns(
    normaliseText(text)
      .replace(/[\u200B-\u200D\u2060]/g, '')
      .split('\n')
      .map((l) => l.replace(/\t/g, ' ').trimEnd()),
  );
  if (looksLikeArxiv(lines)) {
    const r = parseArxivListing(lines, file);
    if (r.records.length) return r;
  }
  return parseGeneric(lines, file);
}

export const listingFormat: ImportFormat = {
  id: 'listing',
  label: 'Pasted paper listing (arXiv, Hugging Face)',
  extensions: ['txt'],
  detect(text) {
    const head = normaliseText(text.slice(0, 50_000)).split('\n');
    if (looksLikeArxiv(head)) return 0.7;
    // Prose without any of the structured formats' markers: a listing if papers are found in it.
    if (/^\s*(@\w+\s*[{(]|TY {2}-|PMID-|%0 |<\?xml|<xml>|[[{])/m.test(head.slice(0, 20).join('\n')))
      return 0;
    return findPapers(head).length >= 1 ? 0.5 : 0;
  },
  parse: parseListing,
};
