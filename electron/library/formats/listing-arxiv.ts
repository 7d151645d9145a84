// Text copied from arXiv pages: listings (`[1] arXiv:2401.01234 [pdf, other]` then `Title:`,
// `Authors:`, `Comments:`, `Subjects:` and, on /new pages, the abstract), search results
// (header, bare title line, `Authors:`, `Abstract: … ▽ More`, `Submitted …`) and abstract pages
// (`[Submitted on …]`, `Title:…`, `Authors:…`, `Abstract:…`, `Cite as: arXiv:…`).
import type { ImportProblem, ImportRecord } from '../../../shared/domain/import';
import {
  arxivIdIn,
  isChrome,
  isNameList,
  isProse,
  paperRecord,
  parseAuthorList,
  submittedDate,
  tidy,
} from './listing-text';
import { cleanDoi, problem } from './record';

const HEADER = /^\s*(?:\[\d+\]\s*)?arXiv:\s*\S+/i;
const LABEL =
  /^\s*(Title|Authors?|Comments?|Subjects?|Journal[- ]ref(?:erence)?|DOI|Report[- ]n(?:o|umber)|ACM[- ]class|MSC[- ]class|Abstract|Cite as|Categories)\s*:\s*(.*)$/i;

/** True when the text has arXiv listing or abstract-page structure. */
export function looksLikeArxiv(lines: readonly string[]): boolean {
  let headers = 0;
  let titles = 0;
  let authors = 0;
  for (const l of lines) {
    if (HEADER.test(l)) headers++;
    else if (/^\s*Title\s*:/i.test(l)) titles++;
    else if (/^\s*Authors?\s*:/i.test(l)) authors++;
  }
  return (headers > 0 && authors > 0) || (titles > 0 && authors > 0);
}

interface Segment {
  start: number;
  end: number;
}

function segments(lines: readonly string[]): Segment[] {
  const starts: number[] = [];
  const byHeader = lines.some(
    (l) => (HEADER.test(l) && /\[(pdf|ps|other|html)/i.test(l)) || /^\s*\[\d+\]\s*arXiv:/i.test(l),
  );
  lines.forEach((l, i) => {
    if (byHeader ? HEADER.test(l) && !/^\s*Cite as/i.test(l) : /^\s*Title\s*:/i.test(l))
      starts.push(i);
  });
  if (!starts.length) return [];
  // Without headers (an abstract page), lines before the first title (`[Submitted on …]`) belong to it.
  if (!byHeader) starts[0] = 0;
  return starts.map((s, k) => ({ start: s, end: starts[k + 1] ?? lines.length }));
}

/** The full abstract of a search result: the text after `▽ More` up to `△ Less`. */
function fullAbstract(s: string): string {
  const more = s.indexOf('▽ More');
  if (more < 0) return s.replace(/\s*△ Less\s*$/, '');
  const after = s
    .slice(more + '▽ More'.length)
    .replace(/\s*△ Less[\s\S]*$/, '')
    .trim();
  return after || s.slice(0, more).replace(/…\s*$/, '').trim();
}

function readSegment(
  lines: readonly string[],
  seg: Segment,
  file: string,
): ImportRecord | ImportProblem {
  const labels = new Map<string, string>();
  const free: { line: number; text: string }[] = [];
  let current: string | null = null;
  let id = '';
  let date = '';
  let headerLine = seg.start;
  let blankBefore = false;
  let titleLine = -1;
  for (let i = seg.start; i < seg.end; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (!line) {
      blankBefore = true;
      if (current !== 'abstract') current = null;
      continue;
    }
    if (!id) id = arxivIdIn(line);
    if (!date) date = submittedDate(line);
    if (HEADER.test(raw) && i === seg.start) {
      headerLine = i;
      // Search results name the categories after the links: `[pdf, other]  cs.CL  cs.AI`.
      const cat = /\]\s+([a-z-]+\.[A-Za-z-]+|[a-z-]+)(?:\s|$)/.exec(raw)?.[1];
      if (cat) labels.set('header-class', cat);
      current = null;
      blankBefore = false;
      continue;
    }
    if (
      current === 'abstract' &&
      (submittedDate(line) || isChrome(line) || /^(Submission history|From:|\[v\d+\])/.test(line))
    )
      current = null;
    const m = LABEL.exec(raw);
    if (m) {
      const key = m[1]!
        .toLowerCase()
        .replace(/\s+/g, '-')
        .replace(/^authors?$/, 'authors')
        .replace(/^comments?$/, 'comments')
        .replace(/^subjects?$/, 'subjects');
      labels.set(key, m[2]!.trim());
      if (key === 'title') titleLine = i;
      current = key;
    } else if (current && (current === 'abstract' || (/^\s/.test(raw) && !blankBefore))) {
      labels.set(current, `${labels.get(current)} ${line}`.trim());
    } else {
      current = null;
      const prev = free[free.length - 1];
      if (prev && !blankBefore && i === prev.line + 1 && isProse(prev.text)) {
        prev.text += ' ' + line;
        prev.line = i;
      } else free.push({ line: i, text: line });
    }
    blankBefore = false;
  }
  // Newer arXiv listings put the author names right after the title, without a label.
  const afterTitle = free.find((f) => f.line > titleLine);
  if (!labels.has('authors') && titleLine >= 0 && afterTitle && isNameList(afterTitle.text, 1)) {
    labels.set('authors', afterTitle.text);
    free.splice(free.indexOf(afterTitle), 1);
  }
  // Search results have no `Title:` label: the title is the first plain line after the header.
  let title = labels.get('title') ?? '';
  const plain = free.filter(
    (f) =>
      !isChrome(f.text) &&
      !submittedDate(f.text) &&
      !/^\S+\.\S+(\s+\S+\.\S+)*$/.test(f.text) &&
      !/^doi\b/i.test(f.text),
  );
  if (!title) {
    const t = plain.find((f) => !isProse(f.text) || f.text.length < 250);
    if (t) {
      title = t.text;
      plain.splice(plain.indexOf(t), 1);
    }
  }
  if (!title) return problem(file, headerLine + 1, 'arXiv entry without a title skipped');
  let abstract =
    labels.get('abstract') ??
    plain.find((f) => isProse(f.text) && !/^\s*\[v\d+\]/.test(f.text))?.text ??
    '';
  abstract = fullAbstract(tidy(abstract));
  const rec = paperRecord(headerLine + 1, title, abstract, id);
  if (date) rec.date = date;
  const authors = labels.get('authors');
  if (authors) rec.creators = parseAuthorList(authors);
  const subjects = labels.get('subjects') ?? labels.get('categories');
  if (subjects) {
    rec.fields.subjects = subjects;
    const primary =
      /\(([a-z-]+(?:\.[A-Za-z-]+)?)\)/.exec(subjects)?.[1] ??
      /^([a-z-]+\.[A-Z]{2})\b/.exec(subjects)?.[1];
    if (primary && id) rec.fields.eprintclass = primary;
  } else if (labels.get('header-class') && id) rec.fields.eprintclass = labels.get('header-class')!;
  for (const k of [
    'comments',
    'journal-ref',
    'journal-reference',
    'report-no',
    'report-number',
    'acm-class',
    'msc-class',
  ]) {
    const v = labels.get(k);
    if (v)
      rec.fields[
        k.replace('journal-reference', 'journal-ref').replace('report-number', 'report-no')
      ] = v;
  }
  // The journal DOI (`DOI:` label) wins over the DOI arXiv itself registers for the preprint.
  const doi =
    labels.get('doi') ??
    free.find((f) => /^https?:\/\/(dx\.)?doi\.org\/10\.\S+$/.test(f.text))?.text;
  if (doi) rec.doi = cleanDoi(doi);
  return rec;
}

export function parseArxivListing(
  lines: readonly string[],
  file: string,
): { records: ImportRecord[]; problems: ImportProblem[] } {
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const seg of segments(lines)) {
    const r = readSegment(lines, seg, file);
    if ('reason' in r) problems.push(r);
    else records.push(r);
  }
  return { records, problems };
}
