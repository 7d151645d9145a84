// A fast, non-recursive BibTeX/BibLaTeX tokenizer. It turns text into raw entries (fields as
// pieces: braced or quoted text, numbers, macro names) and never throws: a malformed entry
// becomes one problem with its line and the scan resumes at the next line starting with `@`.
// Measured against @retorquere/bibtex-parser in bench/parsers/compare.ts (docs/parser-comparison.md).

export type Piece =
  { t: 'str'; v: string; quoted: boolean } | { t: 'num'; v: string } | { t: 'macro'; v: string };

export interface RawField {
  /** Lower-case field name. */
  name: string;
  pieces: Piece[];
}

export interface RawEntry {
  /** Lower-case entry type. */
  type: string;
  key: string;
  fields: RawField[];
  line: number;
}

export interface BibProblem {
  line: number;
  reason: string;
}

export interface BibFile {
  entries: RawEntry[];
  /** @string definitions by lower-case name, in file order. */
  strings: Map<string, Piece[]>;
  /** Source text inside each @preamble, as written. */
  preambles: string[];
  /** Text inside each braced @comment, as written. */
  comments: string[];
  problems: BibProblem[];
}

class BibSyntaxError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

const AT = 64;
const LBRACE = 123;
const RBRACE = 125;
const LPAREN = 40;
const RPAREN = 41;
const QUOTE = 34;
const COMMA = 44;
const EQ = 61;
const HASH = 35;
const NL = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** Characters that may appear in entry types, keys of @string and field names. */
function isIdent(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 58 ||
    c === 46 ||
    c === 43 ||
    c === 47 ||
    c === 42 ||
    c === 33 ||
    c === 63 ||
    c === 38 ||
    c === 39 ||
    c === 59 ||
    c === 60 ||
    c === 62 ||
    c === 91 ||
    c === 93 ||
    c === 96 ||
    c === 124 ||
    c === 94 ||
    c === 126 ||
    c === 36 ||
    c > 127
  );
}

/** Ends a citation key: whitespace, comma or the entry's closing delimiter. */
function endsKey(c: number, close: number): boolean {
  return isSpace(c) || c === COMMA || c === close || c === LBRACE || c === RBRACE;
}

export function parseBib(text: string): BibFile {
  const out: BibFile = {
    entries: [],
    strings: new Map(),
    preambles: [],
    comments: [],
    problems: [],
  };
  const n = text.length;
  let pos = 0;

  // Line numbers are counted lazily and incrementally: positions asked for mostly grow.
  let lineAt = 0;
  let lineNo = 1;
  const lineOf = (p: number): number => {
    if (p < lineAt) {
      lineAt = 0;
      lineNo = 1;
    }
    let i = text.indexOf('\n', lineAt);
    while (i !== -1 && i < p) {
      lineNo++;
      i = text.indexOf('\n', i + 1);
    }
    lineAt = p;
    return lineNo;
  };

  /** White space and, as biber and JabRef allow, `%` line comments between the parts of an entry. */
  const skipSpace = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (isSpace(c)) pos++;
      else if (c === 37) {
        const eol = text.indexOf('\n', pos);
        pos = eol < 0 ? n : eol + 1;
      } else break;
    }
  };

  /**
   * A line break followed by `@type{` inside a value means the value ran away (a missing
   * brace or quote): stop there so only this entry is lost.
   */
  const runaway = (p: number): boolean => {
    let q = p + 1;
    while (q < n) {
      const c = text.charCodeAt(q);
      if (c === 32 || c === 9 || c === 13) q++;
      else break;
    }
    if (text.charCodeAt(q) !== AT) return false;
    q++;
    const start = q;
    while (q < n && isIdent(text.charCodeAt(q))) q++;
    if (q === start) return false;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    const c = text.charCodeAt(q);
    return c === LBRACE || c === LPAREN;
  };

  /** Reads `{…}` starting at pos (on the brace); returns the inside. Iterative: no recursion. */
  const readBraced = (what: string): string => {
    const open = pos;
    let depth = 0;
    for (let i = pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        depth--;
        if (depth === 0) {
          pos = i + 1;
          return text.slice(open + 1, i);
        }
      } else if (c === NL && runaway(i)) {
        throw new BibSyntaxError(
          i + 1,
          `unbalanced braces in ${what} (opened on line ${lineOf(open)})`,
        );
      }
    }
    throw new BibSyntaxError(n, `unbalanced braces in ${what} (opened on line ${lineOf(open)})`);
  };

  const readQuoted = (what: string): string => {
    const open = pos;
    let depth = 0;
    for (let i = pos + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth === 0) throw new BibSyntaxError(i, `unbalanced "}" in quoted ${what}`);
        depth--;
      } else if (c === QUOTE && depth === 0) {
        pos = i + 1;
        return text.slice(open + 1, i);
      } else if (c === NL && runaway(i)) {
        throw new BibSyntaxError(
          i + 1,
          `unterminated quote in ${what} (opened on line ${lineOf(open)})`,
        );
      }
    }
    throw new BibSyntaxError(n, `unterminated quote in ${what} (opened on line ${lineOf(open)})`);
  };

  const readIdent = (): string => {
    const start = pos;
    while (pos < n && isIdent(text.charCodeAt(pos))) pos++;
    return text.slice(start, pos);
  };

  /** A value: pieces joined by `#`. */
  const readValue = (what: string): Piece[] => {
    const pieces: Piece[] = [];
    for (;;) {
      skipSpace();
      const c = text.charCodeAt(pos);
      if (c === LBRACE) pieces.push({ t: 'str', v: readBraced(what), quoted: false });
      else if (c === QUOTE) pieces.push({ t: 'str', v: readQuoted(what), quoted: true });
      else if (c >= 48 && c <= 57) {
        const start = pos;
        while (pos < n && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
        // `1986a` is not a number: treat it as a macro name the way BibTeX would refuse it.
        if (pos < n && isIdent(text.charCodeAt(pos))) {
          pos = start;
          pieces.push({ t: 'macro', v: readIdent() });
        } else pieces.push({ t: 'num', v: text.slice(start, pos) });
      } else if (pos < n && isIdent(c)) {
        pieces.push({ t: 'macro', v: readIdent() });
      } else {
        throw new BibSyntaxError(
          pos,
          pos >= n ? `${what} has no value before the end of the file` : `${what} has no value`,
        );
      }
      skipSpace();
      if (text.charCodeAt(pos) !== HASH) return pieces;
      pos++;
    }
  };

  const resync = (from: number): number => {
    let i = text.indexOf('\n', Math.max(0, from - 1));
    while (i !== -1) {
      let q = i + 1;
      while (q < n && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
      if (text.charCodeAt(q) === AT) return q;
      i = text.indexOf('\n', i + 1);
    }
    return n;
  };

  while (pos < n) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    pos = at + 1;
    skipSpace();
    const rawType = readIdent();
    if (!rawType) continue; // a stray @ in free text between entries
    const type = rawType.toLowerCase();
    skipSpace();
    const open = text.charCodeAt(pos);
    if (type === 'comment') {
      if (open === LBRACE) {
        try {
          out.comments.push(readBraced('@comment'));
        } catch {
          // An unclosed @comment: BibTeX ignores the word and reads on, so do we.
          pos = at + 1;
        }
      }
      continue;
    }
    if (open !== LBRACE && open !== LPAREN) continue; // `@word` in free text
    const close = open === LBRACE ? RBRACE : RPAREN;
    const line = lineOf(at);
    pos++;
    try {
      if (type === 'preamble') {
        const start = pos;
        readValue('@preamble');
        skipSpace();
        if (text.charCodeAt(pos) !== close) throw new BibSyntaxError(pos, '@preamble not closed');
        out.preambles.push(text.slice(start, pos).trim());
        pos++;
      } else if (type === 'string') {
        skipSpace();
        const name = readIdent();
        if (!name) throw new BibSyntaxError(pos, '@string without a name');
        skipSpace();
        if (text.charCodeAt(pos) !== EQ)
          throw new BibSyntaxError(pos, `@string ${name} has no "="`);
        pos++;
        const pieces = readValue(`@string ${name}`);
        skipSpace();
        if (text.charCodeAt(pos) === COMMA) {
          pos++;
          skipSpace();
        }
        if (text.charCodeAt(pos) !== close)
          throw new BibSyntaxError(pos, `@string ${name} not closed`);
        pos++;
        out.strings.set(name.toLowerCase(), pieces);
      } else {
        out.entries.push(readEntry(type, line, close));
      }
    } catch (e) {
      if (!(e instanceof BibSyntaxError)) throw e;
      const errLine = lineOf(Math.min(e.pos, n));
      out.problems.push({
        line,
        reason:
          errLine === line
            ? `@${rawType}: ${e.message}`
            : `@${rawType}: ${e.message} (at line ${errLine})`,
      });
      pos = resync(Math.max(e.pos, at + 1));
    }
  }
  return out;

  function readEntry(type: string, line: number, close: number): RawEntry {
    skipSpace();
    const keyStart = pos;
    while (pos < n && !endsKey(text.charCodeAt(pos), close)) pos++;
    const key = text.slice(keyStart, pos);
    skipSpace();
    const fields: RawField[] = [];
    const entry: RawEntry = { type, key, fields, line };
    let c = text.charCodeAt(pos);
    if (c === close) {
      pos++;
      return entry;
    }
    if (c !== COMMA) {
      if (key.includes('=') || c === EQ)
        throw new BibSyntaxError(pos, 'missing citation key before the first field');
      throw new BibSyntaxError(pos, `expected "," after the key ${JSON.stringify(key)}`);
    }
    // an empty key (`@misc{,`) is kept empty: the importer generates one from the pattern
    const seen = new Set<string>();
    for (;;) {
      skipSpace();
      c = text.charCodeAt(pos);
      if (pos >= n) throw new BibSyntaxError(n, `entry ${key} is not closed`);
      if (c === close) {
        pos++;
        return entry;
      }
      if (c === COMMA) {
        pos++;
        continue;
      }
      const name = readIdent();
      if (!name) {
        throw new BibSyntaxError(
          pos,
          `expected a field name in ${key}, found ${JSON.stringify(text[pos])}`,
        );
      }
      skipSpace();
      if (text.charCodeAt(pos) !== EQ) throw new BibSyntaxError(pos, `field "${name}" has no "="`);
      pos++;
      const lower = name.toLowerCase();
      const pieces = readValue(`field "${name}"`);
      // BibTeX keeps the first of repeated fields; so do we.
      if (!seen.has(lower)) {
        seen.add(lower);
        fields.push({ name: lower, pieces });
      }
      skipSpace();
      c = text.charCodeAt(pos);
      if (c !== COMMA && c !== close) {
        throw new BibSyntaxError(
          pos,
          pos >= n
            ? `entry ${key} is not closed`
            : `expected "," or the end of entry ${key} after field "${name}"`,
        );
      }
    }
  }
}
