// Recognising the identifiers users paste: DOIs, arXiv ids (new and old style, with or
// without version, as arxiv.org URLs), ISBNs (checksum verified) and PubMed ids. Pure: no I/O.

export const IDENTIFIER_KINDS = ['doi', 'arxiv', 'isbn', 'pmid'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Identifier {
  kind: IdentifierKind;
  /** Normalised: DOI as given minus prefixes, arXiv id without version, ISBN-13, PMID digits. */
  value: string;
  /** arXiv version (`v2`) when the user named one. */
  version?: string;
  /** What the user typed, for messages. */
  input: string;
}

export interface ParsedIdentifiers {
  ids: Identifier[];
  invalid: { input: string; reason: string }[];
}

const MAX_IDENTIFIERS = 500;

const DOI_RE = /^10\.\d{4,9}\/\S+$/;
// 0704.0001 (2007) to today: YYMM.NNNN until 2014, YYMM.NNNNN since 2015.
const ARXIV_NEW_RE = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(v\d+)?$/;
// Old style: archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const ARXIV_OLD_RE = /^([a-z]+(?:-[a-z]+)?)(\.[A-Za-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(v\d+)?$/;

function stripTrailingPunctuation(s: string): string {
  let out = s.replace(/[.,;:]+$/, '');
  // A closing bracket belongs to the DOI only when it closes one the DOI opened.
  while (/[)\]>]$/.test(out)) {
    const close = out.at(-1)!;
    const open = close === ')' ? '(' : close === ']' ? '[' : '<';
    const opens = out.split(open).length - 1;
    const closes = out.split(close).length - 1;
    if (closes <= opens) break;
    out = out.slice(0, -1).replace(/[.,;:]+$/, '');
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseDoi(raw: string): string | null {
  let s = raw.trim();
  s = s.replace(/^doi:\s*/i, '');
  const url = /^(?:https?:\/\/)?(?:dx\.)?(?:www\.)?doi\.org\/(.+)$/i.exec(s);
  if (url) s = safeDecode(url[1]!);
  s = stripTrailingPunctuation(s);
  return DOI_RE.test(s) && s.length <= 300 ? s : null;
}

export function parseArxiv(raw: string): { id: string; version?: string } | null {
  let s = raw.trim();
  s = s.replace(/^arxiv:\s*/i, '');
  const url =
    /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/i.exec(s);
  if (url) s = url[1]!;
  s = stripTrailingPunctuation(s);
  const m = ARXIV_NEW_RE.exec(s);
  if (m) {
    const digits = m[3]!;
    const yymm = Number(`${m[1]}${m[2]}`);
    // Five-digit numbers started in January 2015; four-digit ones ended then.
    if (yymm >= 1501 !== (digits.length === 5)) return null;
    if (yymm < 704) return null;
    const id = `${m[1]}${m[2]}.${digits}`;
    return m[4] ? { id, version: m[4] } : { id };
  }
  const o = ARXIV_OLD_RE.exec(s);
  if (o) {
    const id = `${o[1]}${o[2] ?? ''}/${o[3]}`;
    return o[4] ? { id, version: o[4] } : { id };
  }
  return null;
}

function isbn10Valid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = d[i]!;
    const v = c === 'X' ? 10 : Number(c);
    if (c === 'X' && i !== 9) return false;
    sum += (10 - i) * v;
  }
  return sum % 11 === 0;
}

function isbn13Check(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** Returns the ISBN-13 (ISBN-10s are converted), or null when the checksum fails. */
export function parseIsbn(raw: string): string | null {
  const trimmed = raw.trim();
  const labelled = /^isbn(?:-1[03])?:?\s*/i.exec(trimmed);
  // Spaces between groups only when labelled: otherwise "12345 67890" (two PubMed ids)
  // could pass an ISBN-10 checksum by chance.
  const body = labelled ? trimmed.slice(labelled[0].length) : trimmed;
  const s = body.replace(labelled ? /[\s-]/g : /-/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    if (!isbn10Valid(s)) return null;
    const body = `978${s.slice(0, 9)}`;
    return `${body}${isbn13Check(body)}`;
  }
  if (/^97[89]\d{10}$/.test(s)) {
    return isbn13Check(s.slice(0, 12)) === Number(s[12]) ? s : null;
  }
  return null;
}

export function parsePmid(raw: string): string | null {
  let s = raw.trim();
  const url =
    /^(?:https?:\/\/)?(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov\/pubmed)\/(\d+)\/?$/i.exec(
      s,
    );
  if (url) s = url[1]!;
  s = s.replace(/^pmid:?\s*/i, '');
  return /^[1-9]\d{0,8}$/.test(s) ? s : null;
}

/** One token, tried as each kind in an order that avoids ambiguity (ISBNs before PMIDs). */
export function parseIdentifier(raw: string): Identifier | null {
  const input = raw.trim();
  if (!input || input.length > 500) return null;
  const doi = parseDoi(input);
  if (doi) return { kind: 'doi', value: doi, input };
  const ax = parseArxiv(input);
  if (ax)
    return { kind: 'arxiv', value: ax.id, ...(ax.version ? { version: ax.version } : {}), input };
  const explicitPmid = /^pmid/i.test(input) || /pubmed/i.test(input);
  if (!explicitPmid) {
    const isbn = parseIsbn(input);
    if (isbn) return { kind: 'isbn', value: isbn, input };
  }
  const pmid = parsePmid(input);
  if (pmid && (explicitPmid || pmid.length <= 8)) return { kind: 'pmid', value: pmid, input };
  return null;
}

function reasonFor(token: string): string {
  const t = token.replace(/^isbn:?\s*/i, '').replace(/[\s-]/g, '');
  if (/^(97[89])?\d{9}[\dXx]$/.test(t)) return 'looks like an ISBN but its check digit is wrong';
  if (/^10\./.test(token)) return 'looks like a DOI but has no suffix after the slash';
  if (/arxiv/i.test(token) || /^\d{4}\.\d+/.test(token)) return 'not a valid arXiv identifier';
  return 'not a DOI, arXiv id, ISBN or PubMed id';
}

/**
 * Splits pasted text into identifiers. A whole line is tried first (ISBNs with spaces, DOIs
 * with semicolons), then its whitespace-separated tokens, joining a `doi:`/`arXiv:`/`PMID:`/
 * `ISBN:` label with the token after it.
 */
export function parseIdentifiers(text: string): ParsedIdentifiers {
  const ids: Identifier[] = [];
  const invalid: ParsedIdentifiers['invalid'] = [];
  const seen = new Set<string>();
  const push = (id: Identifier) => {
    const key = `${id.kind}:${id.kind === 'doi' ? id.value.toLowerCase() : id.value}${id.version ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    ids.push(id);
  };
  for (const line of text.split(/\r?\n/)) {
    if (ids.length + invalid.length >= MAX_IDENTIFIERS) break;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const whole = parseIdentifier(trimmed);
    if (whole) {
      push(whole);
      continue;
    }
    const tokens = trimmed.split(/\s+/);
    for (let i = 0; i < tokens.length; i++) {
      let token = tokens[i]!;
      if (/^(doi|arxiv|pmid|isbn(-1[03])?):?$/i.test(token) && i + 1 < tokens.length) {
        token = `${token.replace(/:?$/, ':')}${tokens[++i]}`;
      }
      const one = parseIdentifier(token);
      if (one) {
        push(one);
        continue;
      }
      // "a, b; c" lists: try the comma/semicolon-separated parts before giving up.
      const parts = token.split(/[,;]/).filter(Boolean);
      const parsed = parts.length > 1 ? parts.map((p) => parseIdentifier(p)) : [];
      if (parsed.length > 1 && parsed.every(Boolean)) {
        for (const p of parsed) push(p!);
      } else {
        invalid.push({ input: token.slice(0, 200), reason: reasonFor(token) });
      }
    }
  }
  return { ids, invalid };
}

/** The form shown to users: `doi:10.1/x`, `arXiv:2101.00001v2`, `ISBN 978…`, `PMID 123`. */
export function formatIdentifier(id: Pick<Identifier, 'kind' | 'value' | 'version'>): string {
  switch (id.kind) {
    case 'doi':
      return `doi:${id.value}`;
    case 'arxiv':
      return `arXiv:${id.value}${id.version ?? ''}`;
    case 'isbn':
      return `ISBN ${id.value}`;
    case 'pmid':
      return `PMID ${id.value}`;
  }
}
