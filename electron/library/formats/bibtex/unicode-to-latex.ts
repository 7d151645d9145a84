// Unicode text → LaTeX for .bib export. Every special character becomes a braced group that
// starts with a command (`{\"u}`, `{\c{c}}`), which BibTeX's case changes leave alone; braces in
// the text become commands, so an exported value is always brace-balanced and can never close
// its field early (no `}@misc{x,` injection).
import { ACCENTS, SYMBOLS } from './latex-to-unicode';

const MATH = new Set(
  'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega infty pm mp times cdot div leq geq neq approx sim simeq equiv propto rightarrow leftarrow leftrightarrow Rightarrow Leftarrow partial nabla sum prod int sqrt ell hbar circ prime in subset subseteq supset supseteq notin ni cong ll gg wedge vee neg oplus otimes perp parallel Leftrightarrow mapsto lfloor rfloor lceil rceil cdots cup cap forall exists emptyset langle rangle ast star'.split(
    ' ',
  ),
);

/** Characters with a command of their own (the inverse of SYMBOLS, first name wins). */
const CHAR_TO_COMMAND = new Map<string, string>();
for (const [name, ch] of Object.entries(SYMBOLS)) {
  if ([...ch].length !== 1 || ch.charCodeAt(0) < 128) continue;
  if (CHAR_TO_COMMAND.has(ch)) continue;
  if (name === 'i' || name === 'j') continue; // dotless i/j handled with accents below
  CHAR_TO_COMMAND.set(ch, MATH.has(name) ? `$\\${name}$` : `{\\${name}}`);
}
CHAR_TO_COMMAND.set('ı', '{\\i}');
CHAR_TO_COMMAND.set('ȷ', '{\\j}');
CHAR_TO_COMMAND.set('\u00a0', '~');
CHAR_TO_COMMAND.set('–', '--');
CHAR_TO_COMMAND.set('—', '---');
CHAR_TO_COMMAND.set('“', '``');
CHAR_TO_COMMAND.set('”', "''");
CHAR_TO_COMMAND.set('‘', '`');
CHAR_TO_COMMAND.set('’', "'");
CHAR_TO_COMMAND.set('µ', '{\\textmu}');
CHAR_TO_COMMAND.set('\u2003', '{\\quad}');
CHAR_TO_COMMAND.set('\u00ad', '\\-');

// Greek capitals that look like Latin ones have no math command of their own
for (const [g, l] of Object.entries({
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  Υ: '\\Upsilon',
}))
  CHAR_TO_COMMAND.set(g, l.startsWith('\\') ? `$${l}$` : `$\\mathrm{${l}}$`);
CHAR_TO_COMMAND.set('ο', '$o$');

/** Accents on Greek letters (tonos, dialytika …) as math accents. */
const MATH_ACCENTS: Record<string, string> = {
  '\u0301': 'acute',
  '\u0300': 'grave',
  '\u0308': 'ddot',
  '\u0342': 'tilde',
  '\u0303': 'tilde',
  '\u0304': 'bar',
};

function greekAccented(base: string, marks: string[]): string | null {
  const b = CHAR_TO_COMMAND.get(base);
  if (!b || !b.startsWith('$')) return null;
  let inner = b.slice(1, -1);
  for (const m of marks) {
    const a = MATH_ACCENTS[m];
    if (!a) return null;
    inner = `\\${a}{${inner}}`;
  }
  return `$${inner}$`;
}

const MARK_TO_ACCENT = new Map<string, string>();
for (const [cmd, mark] of Object.entries(ACCENTS)) MARK_TO_ACCENT.set(mark, cmd);

/** ASCII characters that mean something to TeX or BibTeX. */
const ESCAPES: Record<string, string> = {
  '\\': '{\\textbackslash}',
  '{': '{\\textbraceleft}',
  '}': '{\\textbraceright}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '{\\textasciitilde}',
  '^': '{\\textasciicircum}',
};

/** One accented letter from its NFD parts, or null when some mark has no LaTeX accent. */
function accented(base: string, marks: string[]): string | null {
  let inner = base === 'i' || base === 'j' ? `\\${base}` : base;
  if (marks.length > 0 && !/^[A-Za-z]$/.test(base) && base !== 'ı' && base !== 'ȷ') return null;
  if (base === 'ı' || base === 'ȷ') inner = base === 'ı' ? '\\i' : '\\j';
  for (const m of marks) {
    const a = MARK_TO_ACCENT.get(m);
    if (a === undefined) return null;
    inner = `\\${a}{${inner}}`;
  }
  return `{${inner}}`;
}

function convertChar(ch: string, ascii: boolean): string {
  const esc = ESCAPES[ch];
  if (esc !== undefined) return esc;
  const code = ch.codePointAt(0)!;
  if (code < 128) return ch;
  if (!ascii) return ch === '\u00a0' ? '~' : ch;
  const direct = CHAR_TO_COMMAND.get(ch);
  if (direct !== undefined) return direct;
  const parts = [...ch.normalize('NFD')];
  if (parts.length > 1) {
    const a = accented(parts[0]!, parts.slice(1)) ?? greekAccented(parts[0]!, parts.slice(1));
    if (a !== null) return a;
  }
  // No ASCII spelling (CJK, rare symbols): kept as UTF-8 so nothing is lost.
  return ch;
}

/** A LaTeX source made pdflatex-safe: only its non-ASCII characters are spelled as commands. */
export function asciiSource(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(raw)) return raw;
  let out = '';
  for (const ch of raw.normalize('NFC')) out += ch.charCodeAt(0) < 128 ? ch : convertChar(ch, true);
  return out;
}

export interface ToLatexOptions {
  /** pdflatex-safe: every character outside ASCII spelled as a LaTeX command where one exists. */
  ascii: boolean;
  /** Brace words with inner capitals (`{BERT}`, `{iPhone}`) so styles cannot lowercase them. */
  protectCase?: boolean;
}

/** True for `BERT`, `iPhone`, `GPT-3`, `McDonald`: a capital after the first letter. */
function needsProtection(word: string): boolean {
  // (a capital is a letter, so no second test for one is needed)
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return /^.+\p{Lu}/u.test(word); // non-ASCII: Unicode's idea of a capital
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** True when `s` is printable ASCII with nothing TeX or BibTeX would read specially. */
function plainSafe(s: string): boolean {
  let prev = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
    // \ { } & % $ # _ ~ ^
    if (c === 92 || c === 123 || c === 125 || c === 38 || c === 37 || c === 36) return false;
    if (c === 35 || c === 95 || c === 126 || c === 94) return false;
    if ((c === 45 || c === 39 || c === 96) && c === prev) return false;
    prev = c;
  }
  return true;
}

/** Printable ASCII that converts to itself and never needs `{}` after it (not - ' `). */
const SELF = new Uint8Array(128);
for (let c = 32; c < 127; c++) SELF[c] = 1;
for (const ch of "\\{}&%$#_~^-'`") SELF[ch.charCodeAt(0)] = 0;

function convertPlain(s: string, ascii: boolean): string {
  if (plainSafe(s)) return s;
  // runs of characters that stay as they are are copied with one slice (per-character
  // concatenation was most of the cost for a page range such as `123–145`)
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (c < 128 && SELF[c] === 1) {
      i++;
      continue;
    }
    if (i > from) out += s.slice(from, i);
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    const conv = convertChar(ch, ascii);
    // `--`, `''` and ``` `` ``` typed as such must not turn into dashes and quotes on re-import
    const first = conv[0];
    if ((first === '-' || first === "'" || first === '`') && out.endsWith(first)) out += '{}';
    out += conv;
    i += ch.length;
    from = i;
  }
  if (from < s.length) out += s.slice(from);
  return out;
}

/** True when some ASCII capital follows a non-space character (`BERT`, `McDonald`). */
function innerCapital(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90 && s.charCodeAt(i - 1) !== 32) return true;
  }
  return false;
}

export function unicodeToLatex(s: string, opts: ToLatexOptions): string {
  // Most values are printable ASCII with nothing to escape: already NFC, converted to
  // themselves, and (without inner capitals) no word to protect.
  if (plainSafe(s) && !(opts.protectCase && innerCapital(s))) return s;
  const nfc = s.normalize('NFC');
  if (!opts.protectCase) return convertPlain(nfc, opts.ascii);
  return nfc
    .split(/(\s+)/)
    .map((w) => {
      if (!w || /^\s+$/.test(w) || !needsProtection(w)) return convertPlain(w, opts.ascii);
      const m = /^(.*?)([.,;:!?)]*)$/su.exec(w)!;
      const core = m[1]!;
      return `{${convertPlain(core, opts.ascii)}}${convertPlain(m[2]!, opts.ascii)}`;
    })
    .join('');
}

/** Depth never below zero and back to zero at the end: safe inside `{…}`. */
export function bracesBalanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125 && --depth < 0) return false;
  }
  return depth === 0;
}
