// LaTeX as found in .bib files → the Unicode text Shelfmark shows. One loop, no recursion on
// braces (deep nesting cannot overflow the stack); the raw LaTeX is kept elsewhere for export.
import { own } from '../own';

/** Accent commands → combining marks. */
export const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  '"': '\u0308',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
};

/** Math accents (`$\acute{\omega}$` is how the export spells ώ). */
const MATH_ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  ddot: '\u0308',
  tilde: '\u0303',
  bar: '\u0304',
  hat: '\u0302',
  check: '\u030c',
  breve: '\u0306',
  dot: '\u0307',
  mathring: '\u030a',
};

/** Commands that stand for one character or a fixed text (text and math mode alike). */
export const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  SS: 'SS',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  aa: 'å',
  AA: 'Å',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  dj: 'đ',
  DJ: 'Đ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textbraceleft: '{',
  textbraceright: '}',
  textunderscore: '_',
  textdollar: '$',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textquotesingle: "'",
  guillemotleft: '«',
  guillemotright: '»',
  guillemetleft: '«',
  guillemetright: '»',
  guilsinglleft: '‹',
  guilsinglright: '›',
  S: '§',
  P: '¶',
  textsection: '§',
  textparagraph: '¶',
  copyright: '©',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  pounds: '£',
  textsterling: '£',
  euro: '€',
  texteuro: '€',
  textyen: '¥',
  textcent: '¢',
  textdegree: '°',
  textperiodcentered: '·',
  textbullet: '•',
  dag: '†',
  ddag: '‡',
  textdagger: '†',
  textdaggerdbl: '‡',
  textexclamdown: '¡',
  textquestiondown: '¿',
  textmu: 'µ',
  textonehalf: '½',
  textpm: '±',
  texttimes: '×',
  textminus: '−',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  LaTeXe: 'LaTeX2ε',
  slash: '/',
  hyphen: '-',
  nobreakspace: '\u00a0',
  space: ' ',
  quad: '\u2003',
  qquad: '\u2003\u2003',
  // math
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ϵ',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  varpi: 'ϖ',
  rho: 'ρ',
  varrho: 'ϱ',
  sigma: 'σ',
  varsigma: 'ς',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'ϕ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Upsilon: 'Υ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  infty: '∞',
  pm: '±',
  mp: '∓',
  times: '×',
  cdot: '⋅',
  div: '÷',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  simeq: '≃',
  equiv: '≡',
  propto: '∝',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  leftrightarrow: '↔',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  int: '∫',
  sqrt: '√',
  ell: 'ℓ',
  hbar: 'ℏ',
  circ: '∘',
  prime: '′',
  in: '∈',
  subset: '⊂',
  supset: '⊃',
  supseteq: '⊇',
  notin: '∉',
  ni: '∋',
  cong: '≅',
  ll: '≪',
  gg: '≫',
  wedge: '∧',
  vee: '∨',
  neg: '¬',
  oplus: '⊕',
  otimes: '⊗',
  perp: '⊥',
  parallel: '∥',
  Leftrightarrow: '⇔',
  mapsto: '↦',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  cdots: '⋯',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  emptyset: '∅',
  langle: '⟨',
  rangle: '⟩',
  ast: '∗',
  star: '⋆',
  bullet: '∙',
  mathbb: '',
  // math operators print their names
  log: 'log',
  ln: 'ln',
  exp: 'exp',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  max: 'max',
  min: 'min',
  lim: 'lim',
  sup: 'sup',
  inf: 'inf',
  det: 'det',
  dim: 'dim',
  arg: 'arg',
  deg: 'deg',
  gcd: 'gcd',
  Pr: 'Pr',
};

const OPERATORS = new Set(
  'log ln exp sin cos tan max min lim sup inf det dim arg deg gcd Pr'.split(' '),
);

/** Commands whose argument is quoted text (biblatex's \mkbibquote, csquotes' \enquote). */
const QUOTING = new Set(['mkbibquote', 'enquote', 'textquote']);

/** Sort tricks whose argument must not show: `{\noopsort{1973b}}1973` displays as 1973. */
const DROP_WITH_ARGUMENT = new Set(['noopsort', 'SortNoop', 'sortnoop', 'nocite']);

/** Accents that sit above the letter: on ı and ȷ they mean i and j with the dot replaced. */
const ABOVE = new Set([
  '\u0300',
  '\u0301',
  '\u0302',
  '\u0303',
  '\u0304',
  '\u0306',
  '\u0307',
  '\u0308',
  '\u030a',
  '\u030b',
  '\u030c',
]);

/**
 * Whether `s` holds anything to convert: a command, brace, tie, math, a line break or tab,
 * a no-break space, `--`, `''`, ``` `` ```, or spaces to collapse (leading, trailing, double).
 * One regex test: irregexp scans a long abstract faster than a loop over char codes.
 */
const NEEDS_WORK = /[\\{}~$\n\r\t\u00a0]|--|''|``| {2}|^ | $/;

function needsWork(s: string): boolean {
  return NEEDS_WORK.test(s);
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Index just after the group opening at `open` (iterative brace matching). */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

function applyAccent(arg: string, mark: string): string {
  if (!arg) return mark === '\u0303' ? '~' : mark === '\u0302' ? '^' : '';
  let base = arg[0]!;
  if (ABOVE.has(mark)) {
    if (base === 'ı') base = 'i';
    else if (base === 'ȷ') base = 'j';
  }
  return (base + mark + arg.slice(1)).normalize('NFC');
}

/** End of the control word or control symbol starting with the backslash at j. */
function commandEnd(s: string, j: number): number {
  let k = j + 1;
  while (k < s.length && isLetter(s.charCodeAt(k))) k++;
  return k === j + 1 ? k + 1 : k;
}

/** True when s[j, k) is a text accent command (`\"`, `\=`, `\v` …). */
function isAccentCommand(s: string, j: number, k: number): boolean {
  return k === j + 2 && own(ACCENTS, s[j + 1]!) !== undefined;
}

/** Reads an accent's argument at i: a group, a control word such as \\i, or one character. */
function readArg(s: string, i: number, level: number): [string, number] {
  const n = s.length;
  let j = i;
  while (j < n && (s[j] === ' ' || s[j] === '\n' || s[j] === '\t')) j++;
  if (j >= n) return ['', j];
  if (s[j] === '{') {
    const end = groupEnd(s, j);
    const inner = s.slice(j + 1, end - 1);
    return [level > 20 ? inner : latexToUnicode(inner, level + 1), end];
  }
  if (s[j] === '\\') {
    // An accent whose argument is another accent without braces (`\=\"u`, which LaTeX itself
    // rejects) takes that accent with its own argument; read alone, `\"` has none and both
    // marks vanished. A loop, at most 20 deep, so a long chain cannot overflow the stack.
    let cmd = j;
    let k = commandEnd(s, j);
    for (let d = 0; d < 20 && isAccentCommand(s, cmd, k); d++) {
      let a = k;
      while (a < n && (s[a] === ' ' || s[a] === '\n' || s[a] === '\t')) a++;
      if (a >= n || s[a] === '}') break;
      if (s[a] === '{') k = groupEnd(s, a);
      else if (s[a] === '\\') {
        cmd = a;
        k = commandEnd(s, a);
        continue;
      } else k = a + (s.codePointAt(a)! > 0xffff ? 2 : 1);
      break;
    }
    const inner = s.slice(j, k);
    return [level > 20 ? inner : latexToUnicode(inner, level + 1), k];
  }
  const cp = s.codePointAt(j)!;
  const len = cp > 0xffff ? 2 : 1;
  return [s.slice(j, j + len), j + len];
}

/** True when the character at i is copied as it is (the last case of latexToUnicode's loop). */
function isPlain(s: string, i: number, math: boolean): boolean {
  const c = s.charCodeAt(i);
  switch (c) {
    case 92: // \
    case 123: // {
    case 125: // }
    case 36: // $
    case 126: // ~
    case 32:
    case 10:
    case 9:
    case 13:
      return false;
    case 45: // -- and --- are dashes
    case 96: // `` is a quote
    case 39: // '' is a quote
      return s.charCodeAt(i + 1) !== c;
    case 94: // ^ and _ are dropped in math
    case 95:
      return !math;
    default:
      return true;
  }
}

function push(st: { out: string; space: boolean }, t: string): void {
  if (st.space && st.out) st.out += ' ';
  st.space = false;
  st.out += t;
}

/**
 * Converts LaTeX markup to Unicode: accents (`{\"u}` → ü), letters (`\ss` → ß), dashes,
 * quotes, ties, math Greek; drops braces and unknown commands (keeping their arguments);
 * collapses white space.
 */
export function latexToUnicode(s: string, level = 0): string {
  if (!needsWork(s)) return s;
  const n = s.length;
  let math = false;
  let depth = 0;
  /** Brace depths at which a quoting command's group closes. */
  const closers: number[] = [];
  // no closures here: this runs for every field of every entry
  const st = { out: '', space: false };
  let i = 0;
  while (i < n) {
    // a run of characters that stay as they are: one slice instead of one concatenation each
    let j = i;
    while (j < n && isPlain(s, j, math)) j++;
    if (j > i) {
      push(st, s.slice(i, j));
      i = j;
      continue;
    }
    const ch = s[i]!;
    const c = ch.charCodeAt(0);
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === undefined) {
        i++;
        continue;
      }
      if (isLetter(next.charCodeAt(0))) {
        let k = i + 1;
        while (k < n && isLetter(s.charCodeAt(k))) k++;
        const name = s.slice(i + 1, k);
        // a control word swallows the spaces after it
        let after = k;
        while (after < n && (s[after] === ' ' || s[after] === '\n' || s[after] === '\t')) after++;
        const mark = name.length === 1 ? own(ACCENTS, name) : own(MATH_ACCENTS, name);
        if (mark !== undefined && after < n && s[after] !== '}') {
          const [arg, end] = readArg(s, after, level);
          push(st, applyAccent(arg, mark));
          i = end;
        } else if (QUOTING.has(name) && s[after] === '{') {
          push(st, '“');
          closers.push(depth + 1);
          i = after;
        } else if (DROP_WITH_ARGUMENT.has(name)) {
          i = after < n && s[after] === '{' ? groupEnd(s, after) : after;
        } else {
          const sym = own(SYMBOLS, name);
          if (sym !== undefined) {
            push(st, sym);
            // operator names are words: `\log n` reads `log n`
            if (OPERATORS.has(name) && /[A-Za-z0-9\\]/.test(s[after] ?? '')) st.space = true;
          }
          // an unknown command disappears; its argument (if any) stays as text
          i = sym !== undefined || s[after] === '{' || s[after] === '\\' ? after : k;
          if (i === k && after > k) st.space = true;
        }
        continue;
      }
      const mark = ACCENTS[next];
      if (mark !== undefined && !(next === '~' && math)) {
        const [arg, end] = readArg(s, i + 2, level);
        push(st, applyAccent(arg, mark));
        i = end;
        continue;
      }
      if (next === '\\') {
        st.space = st.out.length > 0;
      } else if (next === ' ' || next === '\n' || next === ',' || next === ';' || next === ':') {
        st.space = st.out.length > 0;
      } else if (next !== '-' && next !== '/' && next !== '@' && next !== '!') {
        push(st, next);
      }
      i += 2;
      continue;
    }
    if (c === 123) {
      depth++;
      i++;
      continue;
    }
    if (c === 125) {
      if (closers.length > 0 && closers[closers.length - 1] === depth) {
        closers.pop();
        st.out += '”';
      }
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (ch === '$') {
      math = !math;
      i++;
      continue;
    }
    if (math && (ch === '^' || ch === '_')) {
      i++;
      continue;
    }
    if (ch === '~') {
      push(st, '\u00a0');
      i++;
      continue;
    }
    if (ch === '-' && s[i + 1] === '-') {
      if (s[i + 2] === '-') {
        push(st, '—');
        i += 3;
      } else {
        push(st, '–');
        i += 2;
      }
      continue;
    }
    if (ch === '`' && s[i + 1] === '`') {
      push(st, '“');
      i += 2;
      continue;
    }
    if (ch === "'" && s[i + 1] === "'") {
      push(st, '”');
      i += 2;
      continue;
    }
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      st.space = st.out.length > 0;
      i++;
      continue;
    }
    push(st, ch);
    i++;
  }
  return st.out;
}
