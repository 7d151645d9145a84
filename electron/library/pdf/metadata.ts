// Offline metadata of a PDF: title, authors, year, DOI and arXiv id of the paper itself, from
// its Info dictionary, XMP and first-page layout. Metadata fields are trusted only when the page
// agrees with them; otherwise the page's own title block wins. Nothing found → the file name and
// a review flag, so the user fixes it rather than inheriting a wrong record.
import type { Creator } from '../../../shared/domain/item';
import { NAME_PARTICLES } from '../../../shared/domain/names';
import type { PdfMetadata } from '../../../shared/domain/attachment';
import { type Block, blocksOf } from './first-page';
import { firstPageDoi, metadataDoi, ownArxivId } from './identifiers';
import type { RawPdf } from './run-worker';

/** Comparable form: lower case, no accents, letters and digits only. */
export function norm(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordOverlap(a: string, b: string): number {
  const wa = norm(a).split(' ').filter(Boolean);
  const wb = new Set(norm(b).split(' ').filter(Boolean));
  if (!wa.length || !wb.size) return 0;
  return wa.filter((w) => wb.has(w)).length / Math.max(wa.length, wb.size);
}

const JUNK_TITLE =
  /^(untitled|title|document\d*|slide \d+|powerpoint presentation|microsoft word\b.*|paper|manuscript|draft|main|article|preprint|\S+\.(dvi|tex|docx?|pdf|ps|rtf|indd|qxd))$/i;

function plausibleTitle(t: string): boolean {
  const s = t.trim();
  return (
    s.length >= 6 &&
    s.length <= 500 &&
    s.split(/\s+/).length <= 40 &&
    /\s/.test(s) &&
    !JUNK_TITLE.test(s) &&
    !/^(doi:|10\.\d)/i.test(s) &&
    (s.match(/\p{L}/gu)?.length ?? 0) >= 4
  );
}

/** Header and footer lines that are set large but are not the title. */
const NOT_TITLE =
  /^(arxiv:|preprint|research article|original (research )?article|review( article)?|letter|article|communication|full paper|contents lists available|journal of|proceedings of|vol\.|volume \d|issn|doi|https?:|www\.|received|accepted|published|©|copyright)/i;

function letters(s: string): number {
  return s.match(/\p{L}/gu)?.length ?? 0;
}

/** The most common font size on the page, weighted by characters: the body text. */
function bodySize(blocks: Block[]): number {
  const weight = new Map<number, number>();
  for (const b of blocks) weight.set(b.size, (weight.get(b.size) ?? 0) + b.text.length);
  let best = 0;
  let bestW = -1;
  for (const [size, w] of weight) if (w > bestW) [best, bestW] = [size, w];
  return best;
}

function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/\s+([:,;.])/g, '$1')
    .trim();
}

function titleCaseIfShouting(s: string): string {
  if (letters(s) < 8 || s !== s.toUpperCase()) return s;
  const small = new Set([
    'a',
    'an',
    'and',
    'as',
    'at',
    'by',
    'for',
    'in',
    'of',
    'on',
    'or',
    'the',
    'to',
    'with',
  ]);
  return s
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

interface TitleBlock {
  title: string;
  /** Stream position of the title's last block: author lines come after it. */
  endOrder: number;
  endY: number;
  /** No line stands out by size: the first short line was taken, and the user should check. */
  guess: boolean;
}

/** The title from the layout: the largest text in the upper part of page 1, possibly wrapped. */
export function layoutTitle(blocks: Block[], pageHeight: number): TitleBlock | null {
  const body = bodySize(blocks);
  const candidates = blocks.filter(
    (b) => b.y > pageHeight * 0.35 && letters(b.text) >= 3 && !NOT_TITLE.test(b.text),
  );
  if (!candidates.length) return null;
  const max = Math.max(...candidates.map((b) => b.size));
  if (max < body * 1.1) {
    // Nothing set larger than the text (a plain one-font page): the first short line, flagged.
    const first = candidates.find((b) => b.y > pageHeight * 0.5);
    const words = first?.text.split(/\s+/).length ?? 0;
    if (!first || words > 20 || /[.!?]$/.test(first.text)) return null;
    const title = titleCaseIfShouting(first.text.replace(/[\s:;,]+$/, ''));
    return plausibleTitle(title)
      ? { title, endOrder: first.order, endY: first.y, guess: true }
      : null;
  }
  const first = candidates.find((b) => Math.abs(b.size - max) < 0.6)!;
  const lines = [first.text];
  let last = first;
  for (const b of blocks) {
    if (b.order <= first.order) continue;
    if (Math.abs(b.size - max) >= 0.6) break;
    if (last.y - b.y > max * 2.2 || b.y > last.y + max * 0.5) break;
    lines.push(b.text);
    last = b;
  }
  const title = titleCaseIfShouting(joinLines(lines).replace(/[\s:;,]+$/, ''));
  return plausibleTitle(title) ? { title, endOrder: last.order, endY: last.y, guess: false } : null;
}

// "Ortega y Gasset": only the PDF guess takes `y`; in the tagged readers it would move a word of
// the given name into the prefix.
const PARTICLES = new Set([...NAME_PARTICLES, 'y']);

const NOT_NAME = new Set(
  (
    'university universität université universidad universidade università institute institut ' +
    'instituto department dept school college laboratory laboratories lab labs centre center ' +
    'group inc corp corporation ltd llc gmbh research faculty hospital academy foundation ' +
    'consortium collaboration society association company division program street road avenue ' +
    'box suite campus science sciences technology engineering national state the of for in on ' +
    'at with to by from address institution email e-mail abstract keywords introduction ' +
    'conference proceedings journal press usa china germany france japan india uk references ' +
    'member fellow senior student life ieee acm graduate associate professor prof dr phd eds ed ' +
    'bibliography appendix contents chapter section part figure table acknowledgements'
  ).split(' '),
);

/** Whether a piece of an author line reads as one person's name. */
export function nameLike(piece: string): boolean {
  if (/[\d@()[\]{}<>/\\|=+:]/.test(piece)) return false;
  const tokens = piece.split(/\s+/).filter(Boolean);
  if (tokens.length < 2 || tokens.length > 5) return false;
  for (const t of tokens) {
    if (NOT_NAME.has(t.toLowerCase())) return false;
    if (PARTICLES.has(t)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(t)) return false;
  }
  const last = tokens[tokens.length - 1]!;
  return letters(last) >= 2 && !/\.$/.test(last);
}

/** `SMITH` → `Smith` when a whole name is set in capitals; initials stay as they are. */
function fixCase(t: string, shouting: boolean): string {
  return shouting && letters(t) > 1 && !t.includes('.')
    ? t.charAt(0) + t.slice(1).toLowerCase()
    : t;
}

/** "Julius P. Kumquat" → given "Julius P.", family "Kumquat"; "Ludwig van Beethoven" → prefix "van". */
export function splitName(full: string): Creator {
  const shouting = letters(full) > 3 && full === full.toUpperCase();
  const tokens = full
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => fixCase(t, shouting));
  if (full.includes(',')) {
    const [family = '', given = ''] = full.split(',').map((s) => s.trim());
    return { role: 'author', family, given, prefix: '', suffix: '', literal: '' };
  }
  const family = tokens.pop() ?? '';
  const prefix: string[] = [];
  while (tokens.length > 1 && PARTICLES.has(tokens[tokens.length - 1]!))
    prefix.unshift(tokens.pop()!);
  return {
    role: 'author',
    family,
    given: tokens.join(' '),
    prefix: prefix.join(' '),
    suffix: '',
    literal: '',
  };
}

function cleanPiece(p: string): string {
  return p
    .replace(/^[\s\d,.*]+/, '')
    .replace(/(\p{L})\d+(?:,\d+)*/gu, '$1')
    .replace(/[\s\d,*]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const END_OF_AUTHORS =
  /^(abstract|a b s t r a c t|summary|keywords|key words|index terms|article info|introduction|\d\.?\s+introduction|\(?dated\b|received\b|ccs concepts)/i;

/** Author names from the lines between the title and the abstract, grouped by font size. */
export function layoutAuthors(blocks: Block[], title: TitleBlock, pageHeight: number): string[] {
  const region: Block[] = [];
  for (const b of blocks) {
    if (b.order <= title.endOrder) continue;
    if (END_OF_AUTHORS.test(b.text) || b.y < pageHeight * 0.2) break;
    if (b.text.split(/\s+/).length >= 16) break;
    region.push(b);
  }
  const bySize = new Map<number, string[]>();
  for (const b of region) {
    const names = b.text
      .split(/\s*(?:,|;|\band\b|&|·|\s{3,})\s*/u)
      .map(cleanPiece)
      .filter(nameLike);
    if (!names.length) continue;
    const key = Math.round(b.size * 2) / 2;
    bySize.set(key, [...(bySize.get(key) ?? []), ...names]);
  }
  let best: string[] = [];
  for (const names of bySize.values()) if (names.length > best.length) best = names;
  return [...new Set(best)];
}

/** Names in the Info Author / XMP dc:creator fields, kept only if the first page prints them. */
function metadataAuthors(raw: RawPdf, pageText: string): string[] {
  const xmp = raw.xmp['dc:creator'];
  let names: string[] = Array.isArray(xmp)
    ? xmp.filter((s): s is string => typeof s === 'string')
    : [];
  if (!names.length && typeof raw.info.Author === 'string') {
    names = raw.info.Author.split(/\s*(?:;|\band\b|&)\s*/);
    if (names.length === 1 && (names[0]!.match(/,/g)?.length ?? 0) > 1)
      names = names[0]!.split(',');
  }
  names = names.map((n) => n.trim()).filter(Boolean);
  if (!names.length) return [];
  const page = norm(pageText);
  const ok = names.every((n) => {
    const asGiven = n.includes(',') ? n.split(',').reverse().join(' ') : n;
    const family = norm(asGiven).split(' ').pop() ?? '';
    return nameLike(asGiven.trim()) && family.length > 1 && page.includes(family);
  });
  return ok ? names.map((n) => (n.includes(',') ? n : n)) : [];
}

function yearOf(raw: RawPdf, pageText: string, arxivId: string | null): string {
  if (arxivId && /^\d{4}\./.test(arxivId)) return `20${arxivId.slice(0, 2)}`;
  for (const k of ['prism:publicationdate', 'prism:coverdate', 'prism:coverdisplaydate']) {
    const v = raw.xmp[k];
    if (typeof v === 'string' && /^\d{4}/.test(v)) return v.slice(0, 4);
  }
  const patterns = [
    /(?:©|\(c\)|copyright)[^\n\d]{0,80}?(?:\d{4}\s*[-–]\s*)?((?:19|20)\d{2})\b/i,
    /\(Dated:[^)]*?((?:19|20)\d{2})\)/,
    /^\s*published(?: online)?:?\s[^\n]{0,30}?((?:19|20)\d{2})\b/im,
  ];
  for (const p of patterns) {
    const m = p.exec(pageText);
    if (m?.[1]) return m[1];
  }
  return '';
}

function pageTextOf(raw: RawPdf): string {
  const page = raw.pages[0];
  if (!page) return '';
  return page.items.map((it) => it.str + (it.eol ? '\n' : '')).join('');
}

/** Title from a file name: `smith_2019_deep-nets.pdf` → `smith 2019 deep-nets`. */
export function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return base || fileName;
}

export function extractMetadata(raw: RawPdf, fileName: string): PdfMetadata {
  const page = raw.pages[0];
  const blocks = page ? blocksOf(page) : [];
  const pageText = pageTextOf(raw);
  const layout = page ? layoutTitle(blocks, page.height) : null;

  const metaTitleRaw = raw.xmp['dc:title'] ?? raw.info.Title;
  const metaTitle =
    typeof metaTitleRaw === 'string' ? metaTitleRaw.replace(/\s+/g, ' ').trim() : '';
  let title = '';
  let titleSource: PdfMetadata['sources']['title'] = 'none';
  if (plausibleTitle(metaTitle) && (!layout || wordOverlap(metaTitle, layout.title) >= 0.75)) {
    title = metaTitle;
    titleSource = 'metadata';
  } else if (layout) {
    title = layout.title;
    titleSource = 'text';
  }

  let authors = metadataAuthors(raw, pageText);
  let authorSource: PdfMetadata['sources']['authors'] = authors.length ? 'metadata' : 'none';
  const fromPage = layout && page ? layoutAuthors(blocks, layout, page.height) : [];
  // The Info Author is often just whoever made the file: when the page lists more names,
  // including every metadata one, the page's list is the paper's.
  const family = (n: string) =>
    norm(n.includes(',') ? n.split(',')[0]! : n)
      .split(' ')
      .pop() ?? '';
  const pageFamilies = new Set(fromPage.map(family));
  if (
    !authors.length ||
    (fromPage.length > authors.length && authors.every((n) => pageFamilies.has(family(n))))
  ) {
    if (fromPage.length) {
      authors = fromPage;
      authorSource = 'text';
    }
  }

  const doi = metadataDoi(raw) ?? firstPageDoi(raw) ?? '';
  const arxivId = ownArxivId(raw, fileName) ?? '';
  const reviewNeeded = !title || !authors.length || (titleSource === 'text' && !!layout?.guess);
  if (!title) {
    title = titleFromFileName(fileName);
    titleSource = 'filename';
  }
  return {
    title,
    creators: authors.map(splitName),
    year: yearOf(raw, pageText, arxivId || null),
    doi,
    arxivId,
    numPages: raw.numPages,
    reviewNeeded,
    sources: { title: titleSource, authors: authorSource },
  };
}
