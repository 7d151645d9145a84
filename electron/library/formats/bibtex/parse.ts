// A fast, non-recursive BibTeX/BibLaTeX tokenizer. It turns text into raw entries (fields as
// pieces: braced or quoted text, numbers, macro names) and never throws: a malformed entry
// becomes one problem with its line and the scan resumes at the next line starting with `@`.
// Measured against @retorquere/bibtex-parser in bench/parsers/compare.ts (docs/parser-comparison.md).

export type Piece =
  { t: 'str'; v: string; quoted: boolean } | { t: 'num'; v: string } | { t: 'macro'; v: string };

export interface RawField {
  /** Lower-case field name (one shared string per distinct name in a file). */
  name: string;
  /**
   * The value when it is a single braced or quoted string or a number (nearly every field):
   * kept as one string so the common case allocates no pieces. Null when `pieces` holds it.
   */
  text: string | null;
  /** True when `text` is a bare number (`year = 2020`), which BibTeX reads like a string. */
  num: boolean;
  /** The pieces of any other value (macros, `#` concatenations); empty when `text` is set. */
  pieces: readonly Piece[];
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

/** Kinds of value pieces while scanning. */
const STR = 0;
const NUM = 1;
const MACRO = 2;

const NO_PIECES: readonly Piece[] = Object.freeze([]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** ASCII characters that may appear in entry types, keys of @string and field names. */
const IDENT_ASCII = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:.+/*!?&';<>[]`|^~$")
  IDENT_ASCII[ch.charCodeAt(0)] = 1;

/** Characters that may appear in entry types, keys of @string and field names (a table look-up). */
function isIdent(c: number): boolean {
  return c > 127 || IDENT_ASCII[c] === 1;
}

/** Ends a citation key: whitespace, comma or the entry's closing delimiter. */
function endsKey(c: number, close: number): boolean {
  return isSpace(c) || c === COMMA || c === close || c === LBRACE || c === RBRACE;
}

/** How `parseBib` reports entries and where it starts. */
export interface ParseOptions {
  /**
   * Called with each entry as soon as it is read, in file order, with the file read so far
   * (its @string definitions up to here); the entry is then not collected in `entries`, so
   * it can die young.
   */
  onEntry?: (entry: RawEntry, sofar: BibFile) => void;
  /** Called with the lower-case name of each @string definition when it is read. */
  onString?: (name: string) => void;
}

/** Lower-case ASCII letters; everything else unchanged (what `toLowerCase` does to ASCII). */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export function parseBib(text: string, options: ParseOptions = {}): BibFile {
  const out: BibFile = {
    entries: [],
    strings: new Map(),
    preambles: [],
    comments: [],
    problems: [],
  };
  const { onEntry, onString } = options;
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

  // Entry types and field names repeat on every entry: one lower-case string per distinct
  // name, found by a hash of its characters, so reading a name allocates nothing.
  const names = new Map<number, string>();
  const lowerIdent = (start: number, end: number): string => {
    let h = end - start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) return text.slice(start, end).toLowerCase();
      h = (Math.imul(h, 31) + lowerAscii(c)) | 0;
    }
    const known = names.get(h);
    if (known !== undefined && known.length === end - start) {
      let same = true;
      for (let i = start; i < end; i++) {
        if (lowerAscii(text.charCodeAt(i)) !== known.charCodeAt(i - start)) {
          same = false;
          break;
        }
      }
      if (same) return known;
    }
    const name = text.slice(start, end).toLowerCase();
    if (known === undefined) names.set(h, name);
    return name;
  };

  // What is being read, for error messages (built only when one is thrown): a fixed text,
  // or a field whose name is text[whatStart, whatEnd).
  let whatText = '';
  let whatStart = -1;
  let whatEnd = -1;
  const what = (): string =>
    whatStart >= 0 ? `field "${text.slice(whatStart, whatEnd)}"` : whatText;
  const setWhat = (t: string): void => {
    whatText = t;
    whatStart = -1;
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

  // Where the next `{`, `}` and line break are, found with indexOf (native and far faster than
  // a loop over char codes) and reused while the scan moves forward: the `*From` position is
  // where the search started, `*At` what it found (n: none left).
  let lbFrom = n + 1;
  let lbAt = n;
  let rbFrom = n + 1;
  let rbAt = n;
  let nlFrom = n + 1;
  let nlAt = n;
  const nextLb = (i: number): number => {
    if (i < lbFrom || i > lbAt) {
      lbFrom = i;
      lbAt = text.indexOf('{', i);
      if (lbAt < 0) lbAt = n;
    }
    return lbAt;
  };
  const nextRb = (i: number): number => {
    if (i < rbFrom || i > rbAt) {
      rbFrom = i;
      rbAt = text.indexOf('}', i);
      if (rbAt < 0) rbAt = n;
    }
    return rbAt;
  };
  const nextNl = (i: number): number => {
    if (i < nlFrom || i > nlAt) {
      nlFrom = i;
      nlAt = text.indexOf('\n', i);
      if (nlAt < 0) nlAt = n;
    }
    return nlAt;
  };

  /** Reads `{…}` starting at pos (on the brace); returns the inside. Iterative: no recursion. */
  const readBraced = (): string => {
    const open = pos;
    let depth = 0;
    let i = pos;
    for (;;) {
      const lb = nextLb(i);
      const rb = nextRb(i);
      const nl = nextNl(i);
      if (lb < rb && lb < nl) depth++;
      else if (rb < nl) {
        depth--;
        if (depth === 0) {
          pos = rb + 1;
          return text.slice(open + 1, rb);
        }
      } else if (nl < n) {
        if (runaway(nl)) {
          throw new BibSyntaxError(
            nl + 1,
            `unbalanced braces in ${what()} (opened on line ${lineOf(open)})`,
          );
        }
      } else break;
      i = Math.min(lb, rb, nl) + 1;
    }
    throw new BibSyntaxError(n, `unbalanced braces in ${what()} (opened on line ${lineOf(open)})`);
  };

  const readQuoted = (): string => {
    const open = pos;
    let depth = 0;
    for (let i = pos + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth === 0) throw new BibSyntaxError(i, `unbalanced "}" in quoted ${what()}`);
        depth--;
      } else if (c === QUOTE && depth === 0) {
        pos = i + 1;
        return text.slice(open + 1, i);
      } else if (c === NL && runaway(i)) {
        throw new BibSyntaxError(
          i + 1,
          `unterminated quote in ${what()} (opened on line ${lineOf(open)})`,
        );
      }
    }
    throw new BibSyntaxError(n, `unterminated quote in ${what()} (opened on line ${lineOf(open)})`);
  };

  const readIdent = (): string => {
    const start = pos;
    while (pos < n && isIdent(text.charCodeAt(pos))) pos++;
    return text.slice(start, pos);
  };

  // The piece just scanned: its kind, text and whether it was quoted. Kept in variables so
  // the common one-piece value needs no piece object.
  let pieceKind = STR;
  let pieceText = '';
  let pieceQuoted = false;

  /** Scans one piece of a value at pos into pieceKind/pieceText/pieceQuoted. */
  const scanPiece = (): void => {
    const c = text.charCodeAt(pos);
    if (c === LBRACE) {
      pieceKind = STR;
      pieceQuoted = false;
      pieceText = readBraced();
      return;
    }
    if (c === QUOTE) {
      pieceKind = STR;
      pieceQuoted = true;
      pieceText = readQuoted();
      return;
    }
    if (c >= 48 && c <= 57) {
      const start = pos;
      while (pos < n && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      // `1986a` is not a number: treat it as a macro name the way BibTeX would refuse it.
      if (pos < n && isIdent(text.charCodeAt(pos))) {
        pos = start;
        pieceKind = MACRO;
        pieceText = readIdent();
      } else {
        pieceKind = NUM;
        pieceText = text.slice(start, pos);
      }
      return;
    }
    if (pos < n && isIdent(c)) {
      pieceKind = MACRO;
      pieceText = readIdent();
      return;
    }
    throw new BibSyntaxError(
      pos,
      pos >= n ? `${what()} has no value before the end of the file` : `${what()} has no value`,
    );
  };

  const piece = (): Piece =>
    pieceKind === STR
      ? { t: 'str', v: pieceText, quoted: pieceQuoted }
      : pieceKind === NUM
        ? { t: 'num', v: pieceText }
        : { t: 'macro', v: pieceText };

  /** A value: pieces joined by `#`. */
  const readValue = (): Piece[] => {
    const pieces: Piece[] = [];
    for (;;) {
      skipSpace();
      scanPiece();
      pieces.push(piece());
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
    const typeStart = pos;
    while (pos < n && isIdent(text.charCodeAt(pos))) pos++;
    if (pos === typeStart) continue; // a stray @ in free text between entries
    const typeEnd = pos;
    const type = lowerIdent(typeStart, typeEnd);
    skipSpace();
    const open = text.charCodeAt(pos);
    if (type === 'comment') {
      if (open === LBRACE) {
        try {
          setWhat('@comment');
          out.comments.push(readBraced());
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
        setWhat('@preamble');
        readValue();
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
        setWhat(`@string ${name}`);
        const pieces = readValue();
        skipSpace();
        if (text.charCodeAt(pos) === COMMA) {
          pos++;
          skipSpace();
        }
        if (text.charCodeAt(pos) !== close)
          throw new BibSyntaxError(pos, `@string ${name} not closed`);
        pos++;
        const lower = name.toLowerCase();
        out.strings.set(lower, pieces);
        onString?.(lower);
      } else {
        const entry = readEntry(type, line, close);
        if (onEntry) onEntry(entry, out);
        else out.entries.push(entry);
      }
    } catch (e) {
      if (!(e instanceof BibSyntaxError)) throw e;
      const errLine = lineOf(Math.min(e.pos, n));
      const rawType = text.slice(typeStart, typeEnd);
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
      const nameStart = pos;
      while (pos < n && isIdent(text.charCodeAt(pos))) pos++;
      const nameEnd = pos;
      if (nameEnd === nameStart) {
        throw new BibSyntaxError(
          pos,
          `expected a field name in ${key}, found ${JSON.stringify(text[pos])}`,
        );
      }
      skipSpace();
      if (text.charCodeAt(pos) !== EQ) {
        const name = text.slice(nameStart, nameEnd);
        throw new BibSyntaxError(pos, `field "${name}" has no "="`);
      }
      pos++;
      const lower = lowerIdent(nameStart, nameEnd);
      whatStart = nameStart;
      whatEnd = nameEnd;
      // The common value is one braced/quoted string or a number: no pieces for it.
      skipSpace();
      scanPiece();
      skipSpace();
      let value: RawField;
      if (text.charCodeAt(pos) === HASH || pieceKind === MACRO) {
        const pieces = [piece()];
        while (text.charCodeAt(pos) === HASH) {
          pos++;
          skipSpace();
          scanPiece();
          pieces.push(piece());
          skipSpace();
        }
        value = { name: lower, text: null, num: false, pieces };
      } else {
        value = { name: lower, text: pieceText, num: pieceKind === NUM, pieces: NO_PIECES };
      }
      // BibTeX keeps the first of repeated fields; so do we (entries have few fields).
      let seen = false;
      for (let i = 0; i < fields.length; i++) {
        if (fields[i]!.name === lower) {
          seen = true;
          break;
        }
      }
      if (!seen) fields.push(value);
      c = text.charCodeAt(pos);
      if (c !== COMMA && c !== close) {
        throw new BibSyntaxError(
          pos,
          pos >= n
            ? `entry ${key} is not closed`
            : `expected "," or the end of entry ${key} after field "${text.slice(nameStart, nameEnd)}"`,
        );
      }
    }
  }
}
