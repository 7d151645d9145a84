// DOIs and arXiv ids of the paper itself. The reference list is full of other works' ids, so
// identifiers are taken only from the file's own metadata, the arXiv stamp, the file name, or
// a DOI printed with a `doi` marker on the first page above any reference list.
import type { RawPdf } from './run-worker';
import { textBeforeReferences } from './first-page';

const DOI_IN_TEXT = /\b(10\.\d{4,9}\/[^\s"<>{}|\\^`]+)/;

/** A DOI as stored: lower-cased prefix kept verbatim, trailing punctuation removed. */
export function cleanDoi(raw: string): string | null {
  const m = DOI_IN_TEXT.exec(raw.replace(/^doi:\s*/i, ''));
  if (!m?.[1]) return null;
  let doi = m[1].replace(/[.,;:'’"]+$/, '');
  // a closing bracket belongs to the DOI only when it opened inside it
  while (/[)\]]$/.test(doi)) {
    const close = doi.slice(-1);
    const open = close === ')' ? '(' : '[';
    if (doi.split(open).length >= doi.split(close).length) break;
    doi = doi.slice(0, -1);
  }
  // placeholders such as 10.1145/XXXXXXX.XXXXXXX or 10.1000/0000000
  const suffix = doi.slice(doi.indexOf('/') + 1);
  if (/^[X.\-0]+$/i.test(suffix) || /X{4,}/.test(suffix)) return null;
  return doi;
}

const ARXIV_NEW = /\barxiv\s*[:/]\s*(\d{4}\.\d{4,5})(v\d+)?/i;
const ARXIV_OLD = /\barxiv\s*[:/]\s*([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/i;
const ARXIV_DOI = /10\.48550\/arxiv\.(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})/i;

export function arxivIn(s: string): string | null {
  const m = ARXIV_NEW.exec(s) ?? ARXIV_OLD.exec(s) ?? ARXIV_DOI.exec(s);
  return m?.[1] ?? null;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** The DOI the file's own metadata declares (XMP prism/pdfx/crossmark, dc:identifier, Info). */
export function metadataDoi(raw: RawPdf): string | null {
  const xmpKeys = ['prism:doi', 'pdfx:doi', 'crossmark:doi', 'dc:identifier', 'prism:url'];
  for (const k of xmpKeys) {
    for (const s of strings(raw.xmp[k])) {
      const d = cleanDoi(s);
      if (d) return d;
    }
  }
  const custom = raw.info.Custom as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(custom ?? {})) {
    if (!/doi/i.test(k)) continue;
    for (const s of strings(v)) {
      const d = cleanDoi(s);
      if (d) return d;
    }
  }
  for (const k of ['Subject', 'Keywords']) {
    for (const s of strings(raw.info[k])) {
      if (!/doi/i.test(s)) continue;
      const d = cleanDoi(s.slice(s.search(/doi/i)));
      if (d) return d;
    }
  }
  return null;
}

/** A line that cites another work (a reference, a footnote citation) rather than this one. */
function looksLikeCitation(line: string): boolean {
  return /^\s*\[\d+\]|^\s*\d{1,3}\.\s+\p{Lu}|\bet al\b|[“”]|\b(?:In|in) Proc|\bpp\.\s*\d|\bvol\.\s*\d|\bretrieved from\b|\baccessed\b/iu.test(
    line,
  );
}

/** A DOI printed on the first page with a doi marker (doi.org/…, DOI:, doi:), not in a citation. */
export function firstPageDoi(raw: RawPdf): string | null {
  const page = raw.pages[0];
  if (!page) return null;
  const lines = textBeforeReferences(page).split('\n');
  for (const [i, line] of lines.entries()) {
    // a citation often wraps, putting its DOI on the next line
    if (looksLikeCitation(line) || looksLikeCitation(lines[i - 1] ?? '')) continue;
    const m = /(?:doi(?:\.org)?\s*[:/]\s*|doi\s+)(10\.\S+)/i.exec(line);
    const d = m?.[1] ? cleanDoi(m[1]) : null;
    if (d && !/^10\.48550\//.test(d)) return d;
  }
  return null;
}

/** The arXiv id of this paper: metadata, the sideways stamp arXiv adds, or the download name. */
export function ownArxivId(raw: RawPdf, fileName: string): string | null {
  for (const k of ['dc:identifier', 'prism:doi', 'pdfx:doi', 'dc:relation', 'prism:url']) {
    for (const s of strings(raw.xmp[k])) {
      const id = arxivIn(s);
      if (id) return id;
    }
  }
  for (const v of strings(raw.info.Custom)) {
    const id = arxivIn(v);
    if (id) return id;
  }
  const page = raw.pages[0];
  for (const it of page?.items ?? []) {
    const [a = 0, b = 0] = it.t;
    const rotated = Math.abs(b) > Math.abs(a);
    const stamp = /^\s*arXiv:\S+\s+\[[^\]]+\]\s+\d{1,2}\s+\w{3}\s+\d{4}\s*$/i.test(it.str);
    if (rotated || stamp) {
      const id = arxivIn(it.str);
      if (id) return id;
    }
  }
  const base = fileName.replace(/\.pdf$/i, '');
  const m = /^(\d{4}\.\d{4,5})(v\d+)?$/.exec(base);
  return m?.[1] ?? null;
}
