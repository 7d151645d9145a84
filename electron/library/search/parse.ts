// The one parser of Shelfmark's query language, used by quick search, smart collections, the
// CLI and the web host alike. It never throws: a query it cannot read comes back as an error
// with the character range that is wrong, so the search box can point at it.
//
//   query   := or
//   or      := and ('OR' and)*
//   and     := unary+
//   unary   := '-' unary | primary
//   primary := '(' or ')' | FIELD ':' (WORD | PHRASE) | PHRASE | WORD

export const TEXT_FIELDS = ['title', 'author', 'abstract', 'venue'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const HAS_VALUES = ['pdf', 'note', 'attachment', 'doi', 'abstract', 'annotation'] as const;
export const IS_VALUES = ['unread', 'reading', 'read', 'starred'] as const;
const FIELDS = [...TEXT_FIELDS, 'year', 'tag', 'type', 'key', 'doi', 'has', 'is', 'in'] as const;
type FieldName = (typeof FIELDS)[number];

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** Full-text term: prefix-matched word, or exact phrase; `field` restricts it to one column. */
  | { kind: 'text'; field: TextField | null; value: string; phrase: boolean }
  | { kind: 'year'; from: number | null; to: number | null }
  | { kind: 'tag'; name: string }
  | { kind: 'type'; value: string }
  | { kind: 'key'; value: string }
  | { kind: 'doi'; value: string }
  | { kind: 'has'; what: (typeof HAS_VALUES)[number] }
  | { kind: 'is'; what: (typeof IS_VALUES)[number] }
  | { kind: 'in'; name: string };

export interface QueryError {
  message: string;
  /** 0-based offset of the first wrong character, and the end of the wrong part (exclusive). */
  position: number;
  end: number;
}

export type ParseResult = { ok: true; node: QueryNode | null } | { ok: false; error: QueryError };

type Token =
  | { t: 'lparen' | 'rparen' | 'or' | 'minus'; start: number; end: number }
  | { t: 'word' | 'phrase'; value: string; start: number; end: number }
  | { t: 'field'; name: string; value: string; phrase: boolean; start: number; end: number };

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '"']);

function readPhrase(q: string, at: number): { value: string; end: number } {
  const close = q.indexOf('"', at + 1);
  if (close < 0) throw new QuerySyntaxError('this quote is never closed', at, q.length);
  return { value: q.slice(at + 1, close), end: close + 1 };
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (c === '"') {
      const p = readPhrase(q, i);
      out.push({ t: 'phrase', value: p.value, start: i, end: p.end });
      i = p.end;
    } else if (c === '-' && (out.length === 0 || isBoundary(q, i))) {
      const next = q[i + 1];
      if (next === undefined || /\s/.test(next) || next === ')') {
        throw new QuerySyntaxError('"-" must be followed by what to exclude', i, i + 1);
      }
      out.push({ t: 'minus', start: i, end: i + 1 });
      i++;
    } else {
      let j = i;
      while (j < q.length && !STOP.has(q[j]!)) j++;
      const word = q.slice(i, j);
      const colon = word.indexOf(':');
      const name = colon > 0 ? word.slice(0, colon) : '';
      if (colon > 0 && /^[a-z]+$/i.test(name)) {
        const field = name.toLowerCase();
        if (!(FIELDS as readonly string[]).includes(field)) {
          throw new QuerySyntaxError(
            `unknown field "${name}:" (use ${FIELDS.map((f) => `${f}:`).join(' ')})`,
            i,
            i + colon + 1,
          );
        }
        if (colon === word.length - 1 && q[j] === '"') {
          const p = readPhrase(q, j);
          out.push({ t: 'field', name: field, value: p.value, phrase: true, start: i, end: p.end });
          i = p.end;
          continue;
        }
        out.push({
          t: 'field',
          name: field,
          value: word.slice(colon + 1),
          phrase: false,
          start: i,
          end: j,
        });
      } else if (word === 'OR') {
        out.push({ t: 'or', start: i, end: j });
      } else {
        out.push({ t: 'word', value: word, start: i, end: j });
      }
      i = j;
    }
  }
  return out;
}

/** A "-" starts an exclusion only at the start of a term, not inside `state-of-the-art`. */
function isBoundary(q: string, i: number): boolean {
  const prev = q[i - 1];
  return prev === undefined || /\s/.test(prev) || prev === '(';
}

/** The indexable words of a text, as SQLite's unicode61 tokenizer would split it. */
export function textTokens(s: string): string[] {
  return s.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

function fieldNode(tok: Extract<Token, { t: 'field' }>): QueryNode | null {
  const { name, value } = tok;
  const bad = (msg: string) => new QuerySyntaxError(msg, tok.start, tok.end);
  if (value.trim() === '') throw bad(`${name}: needs a value`);
  const f = name as FieldName;
  switch (f) {
    case 'title':
    case 'author':
    case 'abstract':
    case 'venue':
      if (textTokens(value).length === 0) throw bad(`${name}: needs a word to look for`);
      return { kind: 'text', field: f, value, phrase: tok.phrase };
    case 'year': {
      const m = /^(\d{1,4})?(?:(\.\.)(\d{1,4})?)?$/.exec(value.trim());
      if (!m || (!m[1] && !m[3])) {
        throw bad('year: takes a year or a range such as year:2019 or year:2019..2021');
      }
      const from = m[1] ? Number(m[1]) : null;
      const to = m[2] ? (m[3] ? Number(m[3]) : null) : from;
      if (from !== null && to !== null && from > to) throw bad(`year range ${value} is backwards`);
      return { kind: 'year', from, to };
    }
    case 'tag':
      return { kind: 'tag', name: value.trim() };
    case 'type':
      return { kind: 'type', value: value.trim().toLowerCase() };
    case 'key':
      return { kind: 'key', value: value.trim() };
    case 'doi':
      return { kind: 'doi', value: value.trim() };
    case 'in':
      return { kind: 'in', name: value.trim() };
    case 'has': {
      const v = value.toLowerCase() as (typeof HAS_VALUES)[number];
      if (!HAS_VALUES.includes(v)) throw bad(`has: takes one of ${HAS_VALUES.join(', ')}`);
      return { kind: 'has', what: v };
    }
    case 'is': {
      const v = value.toLowerCase() as (typeof IS_VALUES)[number];
      if (!IS_VALUES.includes(v)) throw bad(`is: takes one of ${IS_VALUES.join(', ')}`);
      return { kind: 'is', what: v };
    }
  }
}

class Parser {
  private at = 0;
  constructor(
    private readonly toks: Token[],
    private readonly length: number,
  ) {}

  private peek(): Token | undefined {
    return this.toks[this.at];
  }

  parseQuery(): QueryNode | null {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest) {
      throw new QuerySyntaxError(
        rest.t === 'rparen' ? 'this ")" has no matching "("' : 'unexpected text',
        rest.start,
        rest.end,
      );
    }
    return node;
  }

  private parseOr(): QueryNode | null {
    const first = this.peek();
    if (first?.t === 'or')
      throw new QuerySyntaxError('OR needs a term before it', first.start, first.end);
    const parts: QueryNode[] = [];
    let part = this.parseAnd();
    if (part) parts.push(part);
    while (this.peek()?.t === 'or') {
      const or = this.peek()!;
      this.at++;
      const next = this.peek();
      if (!next || next.t === 'or' || next.t === 'rparen') {
        throw new QuerySyntaxError('OR needs a term after it', or.start, or.end);
      }
      part = this.parseAnd();
      if (part) parts.push(part);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : { kind: 'or', children: parts };
  }

  private parseAnd(): QueryNode | null {
    const parts: QueryNode[] = [];
    for (let tok = this.peek(); tok && tok.t !== 'or' && tok.t !== 'rparen'; tok = this.peek()) {
      const n = this.parseUnary();
      if (n) parts.push(n);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : { kind: 'and', children: parts };
  }

  private parseUnary(): QueryNode | null {
    const tok = this.peek()!;
    if (tok.t === 'minus') {
      this.at++;
      const next = this.peek();
      if (!next || next.t === 'or' || next.t === 'rparen' || next.t === 'minus') {
        throw new QuerySyntaxError('"-" must be followed by what to exclude', tok.start, tok.end);
      }
      const child = this.parseUnary();
      return child ? { kind: 'not', child } : null;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode | null {
    const tok = this.peek()!;
    this.at++;
    switch (tok.t) {
      case 'lparen': {
        const inner = this.parseOr();
        const close = this.peek();
        if (close?.t !== 'rparen') {
          throw new QuerySyntaxError('this "(" is never closed', tok.start, this.length);
        }
        this.at++;
        if (!inner) throw new QuerySyntaxError('empty parentheses', tok.start, close.end);
        return inner;
      }
      case 'phrase':
        return textTokens(tok.value).length
          ? { kind: 'text', field: null, value: tok.value, phrase: true }
          : null;
      case 'word':
        // punctuation alone matches everything, so it is simply ignored
        return textTokens(tok.value).length
          ? { kind: 'text', field: null, value: tok.value, phrase: false }
          : null;
      case 'field':
        return fieldNode(tok);
      default:
        throw new QuerySyntaxError('unexpected text', tok.start, tok.end);
    }
  }
}

/** A `field:value` term of a query and its character range. */
export interface FieldTerm {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** The `field:value` terms of a query with their character ranges; none when it does not parse. */
export function fieldTerms(q: string): FieldTerm[] {
  if (!parseQuery(q).ok) return [];
  return tokenize(q).flatMap((t) =>
    t.t === 'field' ? [{ name: t.name, value: t.value, start: t.start, end: t.end }] : [],
  );
}

export const MAX_QUERY_LENGTH = 1_000;

/** Parses a query; an empty query (or one of punctuation only) gives `node: null`. */
export function parseQuery(q: string): ParseResult {
  if (q.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: {
        message: `query longer than ${MAX_QUERY_LENGTH} characters`,
        position: MAX_QUERY_LENGTH,
        end: q.length,
      },
    };
  }
  try {
    const toks = tokenize(q);
    return { ok: true, node: new Parser(toks, q.length).parseQuery() };
  } catch (e) {
    if (e instanceof QuerySyntaxError) {
      return { ok: false, error: { message: e.message, position: e.position, end: e.end } };
    }
    // a bug in the parser must still not crash a caller
    return {
      ok: false,
      error: {
        message: `cannot read this query: ${(e as Error).message}`,
        position: 0,
        end: q.length,
      },
    };
  }
}
