// BibTeX name lists: `First von Last`, `von Last, First`, `von Last, Jr, First`, split on
// `and` outside braces; `{Corporate Name}` stays whole; `and others` is kept as the literal
// `others`. Brace depth is tracked with counters, never recursion.
import type { Creator, CreatorRole } from '../../../../shared/domain/item';
import { latexToUnicode } from './latex-to-unicode';
import { unicodeToLatex } from './unicode-to-latex';

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Splits at depth-0 occurrences of whitespace-delimited `and` (any case). */
export function splitNameList(raw: string): string[] {
  const out: string[] = [];
  forEachName(raw, null, out, 'author');
  return out;
}

/**
 * Walks a name list: each trimmed, non-empty name goes to `names`, or when `creators` is
 * given, is parsed into it (one loop, no intermediate arrays or closures: the import's hot path).
 */
function forEachName(
  raw: string,
  creators: Creator[] | null,
  names: string[] | null,
  role: CreatorRole,
): void {
  let depth = 0;
  let start = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === 32 || c === 9 || c === 10 || c === 13)) {
      let j = i + 1;
      while (j < n && isWs(raw.charCodeAt(j))) j++;
      if (
        j + 3 < n &&
        (raw.charCodeAt(j) | 32) === 97 &&
        (raw.charCodeAt(j + 1) | 32) === 110 &&
        (raw.charCodeAt(j + 2) | 32) === 100 &&
        isWs(raw.charCodeAt(j + 3))
      ) {
        addName(raw.slice(start, i), creators, names, role);
        i = j + 3;
        start = i;
      }
    }
  }
  addName(raw.slice(start), creators, names, role);
}

function addName(
  s: string,
  creators: Creator[] | null,
  names: string[] | null,
  role: CreatorRole,
): void {
  const t = s.trim();
  if (t.length === 0) return;
  if (creators) creators.push(parseBibName(t, role));
  else names!.push(t);
}

/** Splits at depth-0 separators (index scanning: names are on the import hot path). */
function splitTop(s: string, isSep: (c: number) => boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && isSep(c)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function caseOf(ch: string): 'lower' | 'upper' | null {
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return 'lower';
  if (c >= 65 && c <= 90) return 'upper';
  if (c < 128) return null;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo === up) return null;
  return ch === lo ? 'lower' : 'upper';
}

/**
 * BibTeX's rule for the von part: a word is lower-case if its first letter at brace depth 0
 * is; a group starting with a control sequence (`{\"o}`) counts by the letter inside it.
 */
function isLowerWord(w: string): boolean {
  let depth = 0;
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    if (ch === '{') {
      if (depth === 0 && w[i + 1] === '\\') {
        const m = /^\{\\[^A-Za-z]?([A-Za-z]+)?[\s{]*([A-Za-z])?/.exec(w.slice(i));
        const cmd = m?.[1] ?? '';
        const letter = cmd.length > 1 && !'ijlo'.includes(cmd) ? cmd[0]! : (m?.[2] ?? cmd[0] ?? '');
        return letter !== '' && letter === letter.toLowerCase();
      }
      depth++;
      continue;
    }
    if (ch === '}') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    const k = caseOf(ch);
    if (k !== null) return k === 'lower';
  }
  return false;
}

const words = (s: string): string[] =>
  splitTop(s.trim(), (c) => c === 32 || c === 9 || c === 10 || c === 13 || c === 126)
    .map((w) => w.trim())
    .filter(Boolean);

const text = (ws: string[]): string => latexToUnicode(ws.join(' '));

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isLetterOrDot = (c: number): boolean => isUpper(c) || isLower(c) || c === 46;

/** End of a plain family name `[A-Z][a-z]+(-[A-Z][a-z]+)?` starting at i, or -1. */
function plainFamilyEnd(s: string, i: number): number {
  if (!isUpper(s.charCodeAt(i)) || !isLower(s.charCodeAt(i + 1))) return -1;
  let j = i + 2;
  while (isLower(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) === 45 && isUpper(s.charCodeAt(j + 1)) && isLower(s.charCodeAt(j + 2))) {
    j += 3;
    while (isLower(s.charCodeAt(j))) j++;
  }
  return j;
}

/**
 * `Family, Given` with a capitalised single-word family and no markup (most names in real
 * files): the comma's index, or -1. Given is words of letters and dots, single spaces between.
 * (A scanner rather than a regex: no match array per name on the import's hot path.)
 */
function plainInverted(s: string): number {
  const comma = plainFamilyEnd(s, 0);
  if (comma < 0 || s.charCodeAt(comma) !== 44 || s.charCodeAt(comma + 1) !== 32) return -1;
  const n = s.length;
  if (comma + 2 >= n) return -1;
  let afterSpace = true;
  for (let k = comma + 2; k < n; k++) {
    const c = s.charCodeAt(k);
    if (isLetterOrDot(c)) afterSpace = false;
    else if (c === 32 && !afterSpace) afterSpace = true;
    else return -1;
  }
  return afterSpace ? -1 : comma;
}

/**
 * `Given Family` where every word is capitalised (no von part, nothing to convert): the index
 * of the space before the family name, or -1.
 */
function plainDirect(s: string): number {
  const space = s.lastIndexOf(' ');
  if (space <= 0 || plainFamilyEnd(s, space + 1) !== s.length) return -1;
  let wordStart = true;
  for (let k = 0; k < space; k++) {
    const c = s.charCodeAt(k);
    if (wordStart) {
      if (!isUpper(c)) return -1;
      wordStart = false;
    } else if (c === 32) wordStart = true;
    else if (!isLetterOrDot(c)) return -1;
  }
  return wordStart ? -1 : space;
}

export function parseBibName(raw: string, role: CreatorRole): Creator {
  const s = raw.trim();
  const comma = plainInverted(s);
  if (comma >= 0) {
    const family = s.slice(0, comma);
    return { role, family, given: s.slice(comma + 2), prefix: '', suffix: '', literal: '' };
  }
  const space = plainDirect(s);
  if (space >= 0) {
    const given = s.slice(0, space);
    return { role, family: s.slice(space + 1), given, prefix: '', suffix: '', literal: '' };
  }
  const base: Creator = { role, family: '', given: '', prefix: '', suffix: '', literal: '' };
  if (s === 'others') return { ...base, literal: 'others' };
  const parts = splitTop(s, (c) => c === 44).map((p) => p.trim());
  if (parts.length === 1) {
    const ws = words(s);
    if (ws.length === 1) {
      const w = ws[0]!;
      // a whole-name group is an organisation; a bare single word is a family name
      if (w.startsWith('{') && w.endsWith('}') && !w.startsWith('{\\'))
        return { ...base, literal: latexToUnicode(w) };
      return { ...base, family: latexToUnicode(w) };
    }
    const last = ws.length - 1;
    let vonStart = -1;
    let vonEnd = -1;
    for (let i = 0; i < last; i++) {
      if (isLowerWord(ws[i]!)) {
        if (vonStart < 0) vonStart = i;
        vonEnd = i;
      }
    }
    if (vonStart < 0) return { ...base, given: text(ws.slice(0, last)), family: text([ws[last]!]) };
    return {
      ...base,
      given: text(ws.slice(0, vonStart)),
      prefix: text(ws.slice(vonStart, vonEnd + 1)),
      family: text(ws.slice(vonEnd + 1)),
    };
  }
  const first = words(parts[0]!);
  const given = parts.length >= 3 ? parts.slice(2).join(', ') : (parts[1] ?? '');
  const suffix = parts.length >= 3 ? parts[1]! : '';
  let k = 0;
  while (k < first.length - 1 && isLowerWord(first[k]!)) k++;
  return {
    ...base,
    prefix: text(first.slice(0, k)),
    family: text(first.slice(k)),
    given: latexToUnicode(given),
    suffix: latexToUnicode(suffix),
  };
}

export function parseBibNames(raw: string, role: CreatorRole): Creator[] {
  const out: Creator[] = [];
  parseBibNamesInto(out, raw, role);
  return out;
}

/** Appends the creators of a name list to `out` (the import's hot path: no arrays between). */
export function parseBibNamesInto(out: Creator[], raw: string, role: CreatorRole): void {
  forEachName(raw, out, null, role);
}

function part(s: string, ascii: boolean): string {
  const t = unicodeToLatex(s, { ascii });
  // a comma or `and` inside a part would split the name differently: protect the part
  return /,|\sand\s/i.test(s) ? `{${t}}` : t;
}

/** One creator as BibTeX source: `von Last, Jr, First` or `{Literal}`. */
export function formatBibName(c: Creator, ascii: boolean): string {
  if (c.literal)
    return c.literal === 'others' ? 'others' : `{${unicodeToLatex(c.literal, { ascii })}}`;
  const family = part(c.family, ascii);
  // a family name starting lower-case would be read back as a von part: brace it
  const fam = c.family && isLowerWord(family) && !c.prefix ? `{${family}}` : family;
  const last = [c.prefix ? part(c.prefix, ascii) : '', fam].filter(Boolean).join(' ');
  if (!c.given && !c.suffix) {
    // one plain word reads back as a family name; anything else needs the comma form
    const ws = words(last);
    const plain = ws.length === 1 && !(last.startsWith('{') && !last.startsWith('{\\'));
    return plain ? last : `${last},`;
  }
  return [last, c.suffix ? part(c.suffix, ascii) : '', c.given ? part(c.given, ascii) : '']
    .filter((p, i) => i !== 1 || p)
    .join(', ');
}
