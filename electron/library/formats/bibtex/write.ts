// Items → .bib text, in two profiles: `bibtex` (pdflatex-safe ASCII, `month = jan` macros,
// crossref targets after the entries citing them) and `biblatex` (UTF-8, `date`, ISO months).
// Entries are sorted by citation key and fields in a fixed order, so re-exports diff small.
// Imported LaTeX source (`latex:<name>`) is re-emitted exactly while it still reads as the
// stored value; otherwise the value is regenerated from Unicode.
import type { Creator, Item } from '../../../../shared/domain/item';
import {
  cleanYear,
  MONTH_MACROS,
  NAME_FIELDS,
  parseMonthDay,
  splitIsoDate,
  TITLE_FIELDS,
  venueTarget,
  VENUE_SOURCE,
  VERBATIM,
} from './fields';
import { latexToUnicode } from './latex-to-unicode';
import { formatBibName, parseBibNames } from './names';
import { displayOf, INHERITED, type Inherited, LATEX_PREFIX } from './records';
import { ORIGINAL_TYPE_FIELD, standardType, TYPE_KEY_FIELD } from './types';
import { asciiSource, bracesBalanced, unicodeToLatex } from './unicode-to-latex';

export type BibProfile = 'bibtex' | 'biblatex';

/**
 * Version of the entries this module renders. Libraries keep rendered entries between sessions
 * (export/entry-store.ts) tagged with it: bump it whenever an entry's text can change for the
 * same item (this file, fields.ts, names.ts, unicode-to-latex.ts, …), or an app update would
 * serve entries rendered by the old writer. writer-version.test.ts fails until it is bumped.
 */
export const BIB_WRITER_VERSION = 6;

/** The parts of an item an entry is made of (an export can load just these). */
export type BibItem = Pick<
  Item,
  | 'id'
  | 'type'
  | 'citationKey'
  | 'keyAliases'
  | 'title'
  | 'date'
  | 'venue'
  | 'doi'
  | 'url'
  | 'abstract'
  | 'creators'
  | 'fields'
  | 'tags'
>;

export interface BibWriteOptions {
  profile: BibProfile;
  /** @preamble sources kept from imports, re-emitted first. */
  preambles?: readonly string[];
  /** @comment bodies kept from imports, re-emitted last. */
  comments?: readonly string[];
}

type Value = { kind: 'braced'; text: string } | { kind: 'bare'; text: string };

const braced = (text: string): Value => ({ kind: 'braced', text });

/** A line starting with `@` inside a value could look like a new entry to lenient parsers. */
function guardLines(text: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(/\n([ \t]*)@/g, '\n$1{@}');
}

/** Verbatim values: never escaped, but a value that would unbalance the entry is neutralised. */
function verbatim(v: string): string {
  const oneLine = v.replace(/[\r\n]+/g, ' ');
  return bracesBalanced(oneLine) ? oneLine : oneLine.replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function sameCreators(a: readonly Creator[], b: readonly Creator[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i]!;
    return (
      c.role === d.role &&
      c.family === d.family &&
      c.given === d.given &&
      c.prefix === d.prefix &&
      c.suffix === d.suffix &&
      c.literal === d.literal
    );
  });
}

function inheritedOf(item: BibItem): Inherited {
  const j = item.fields[INHERITED];
  if (!j) return {};
  try {
    return JSON.parse(j) as Inherited;
  } catch {
    return {};
  }
}

class EntryWriter {
  readonly out = new Map<string, Value>();
  readonly ascii: boolean;
  readonly inherited: Inherited;

  constructor(
    readonly item: BibItem,
    readonly biblatex: boolean,
  ) {
    this.ascii = !biblatex;
    this.inherited = inheritedOf(item);
  }

  /** The kept LaTeX source for `name` if it still reads as `display`. */
  source(
    name: string,
    display: string,
    reads = (raw: string) => displayOf(name, raw),
  ): string | null {
    const raw = this.item.fields[LATEX_PREFIX + name];
    if (raw === undefined || !bracesBalanced(raw) || reads(raw) !== display) return null;
    return this.ascii ? asciiSource(raw) : raw;
  }

  text(name: string, display: string, latexName = name): void {
    if (!display) return;
    const src =
      this.source(latexName, display, (raw) => latexToUnicode(raw)) ??
      unicodeToLatex(display, { ascii: this.ascii, protectCase: TITLE_FIELDS.has(name) });
    this.out.set(name, braced(guardLines(src)));
  }

  names(): void {
    const inh = this.inherited.creators;
    if (inh && sameCreators(inh, this.item.creators)) return;
    for (const role of NAME_FIELDS) {
      const list = this.item.creators.filter((c) => c.role === role);
      if (list.length === 0) continue;
      const raw = this.item.fields[LATEX_PREFIX + role];
      const src =
        raw !== undefined && bracesBalanced(raw) && sameCreators(parseBibNames(raw, role), list)
          ? this.ascii
            ? asciiSource(raw)
            : raw
          : list.map((c) => formatBibName(c, this.ascii)).join(' and ');
      this.out.set(role, braced(guardLines(src)));
    }
  }

  date(): void {
    const { date } = this.item;
    if (!date || this.inherited.date === date) return;
    const iso = splitIsoDate(date);
    const year = iso?.year ?? /^(-?\d{4})/.exec(date)?.[1];
    const yearSrc = year
      ? this.source('year', year, (raw) => cleanYear(latexToUnicode(raw)) ?? '')
      : null;
    const monthSrc =
      iso?.month === undefined
        ? null
        : this.source('month', '', (raw) => {
            const md = parseMonthDay(latexToUnicode(raw));
            return md && md.month === iso.month && md.day === iso.day ? '' : 'x';
          });
    if (this.biblatex) {
      // a year with sorting tricks (`{\noopsort{1973b}}1973`) only survives as a year field
      if (
        iso &&
        yearSrc !== null &&
        yearSrc !== iso.year &&
        (iso.day === undefined || monthSrc !== null)
      ) {
        this.out.set('year', braced(yearSrc));
        if (iso.month !== undefined) this.out.set('month', braced(monthSrc ?? String(iso.month)));
      } else this.out.set('date', braced(verbatim(date)));
      return;
    }
    if (!year) {
      this.out.set('date', braced(verbatim(date)));
      return;
    }
    this.out.set('year', braced(yearSrc ?? year));
    let covered = iso !== null && iso.day === undefined;
    if (iso?.month !== undefined) {
      if (monthSrc !== null) {
        this.out.set('month', braced(monthSrc));
        covered = true;
      } else this.out.set('month', { kind: 'bare', text: MONTH_MACROS[iso.month - 1] ?? 'jan' });
    }
    if (!covered) this.out.set('date', braced(verbatim(date)));
  }

  fields(skip: string | null): void {
    // Pages from RIS, PubMed and CSL-JSON are stored `123--145` (a BibTeX import stores the en
    // dash): as text, `--` would be escaped to two printed hyphens, so it is read as the range.
    const f = this.item.fields;
    for (const name of Object.keys(f).sort()) {
      if (name.startsWith(LATEX_PREFIX) || name.includes(':') || this.out.has(name)) continue;
      if (name === skip) continue;
      if (!/^[a-z][a-z0-9_+.-]*$/i.test(name)) continue;
      const v = f[name]!;
      if (VERBATIM.has(name)) {
        if (v) this.out.set(name, braced(verbatim(v)));
      } else if (v !== '') this.text(name, name === 'pages' ? v.replace(/(?<!-)--(?!-)/g, '–') : v);
      else this.out.set(name, braced(''));
    }
  }

  build(): string {
    const it = this.item;
    this.names();
    this.text('title', it.title);
    if (it.venue && this.inherited.venue !== it.venue)
      this.text(venueTarget(it.type, this.biblatex, it.fields[VENUE_SOURCE]), it.venue, 'venue');
    this.date();
    if (it.doi) this.out.set('doi', braced(verbatim(it.doi)));
    if (it.url) this.out.set('url', braced(verbatim(it.url)));
    this.text('abstract', it.abstract);
    if (it.tags.length > 0)
      this.out.set(
        'keywords',
        braced(
          it.tags
            .map((t) => unicodeToLatex(t, { ascii: this.ascii }).replace(/,/g, '{,}'))
            .join(', '),
        ),
      );
    if (it.keyAliases.length > 0) this.out.set('ids', braced(verbatim(it.keyAliases.join(','))));
    const std = this.biblatex ? null : standardType(it.type, it.fields.type);
    this.fields(std?.typeKey ? 'type' : null);
    if (std) this.standard(std.typeKey);
    const lines = [...this.out].map(
      ([name, v]) => `  ${name} = ${v.kind === 'bare' ? v.text : `{${guardLines(v.text)}}`},`,
    );
    return `@${std?.type ?? it.type}{${it.citationKey},\n${lines.join('\n')}\n}\n`;
  }

  /**
   * The fields that go with a standard type written for a BibLaTeX one (types.ts): the original
   * type and the `type` key. No `howpublished = {\url{…}}` for a web page: `\url` is an error
   * in a document that loads neither url nor hyperref, and url-aware styles print `url` anyway.
   */
  standard(typeKey: boolean): void {
    const it = this.item;
    this.out.set(ORIGINAL_TYPE_FIELD, braced(verbatim(it.type)));
    if (typeKey) this.out.set(TYPE_KEY_FIELD, braced(it.fields.type!));
  }
}

/** What the entry order depends on: the key, the id (ties) and the crossref target. */
export interface BibSortable {
  id: number;
  citationKey: string;
  /** `citationKey.toLowerCase()`, computed once. */
  lowerKey: string;
  /** The item's `crossref` field, trimmed and lower-cased ('' when none). */
  crossref: string;
}

export const crossrefOf = (item: BibItem): string =>
  (item.fields.crossref ?? '').trim().toLowerCase();

const byKey = (a: BibSortable, b: BibSortable): number => {
  const x = a.lowerKey;
  const y = b.lowerKey;
  return x < y
    ? -1
    : x > y
      ? 1
      : a.citationKey < b.citationKey
        ? -1
        : a.citationKey > b.citationKey
          ? 1
          : a.id - b.id;
};

/**
 * Entries in file order: by citation key (case-insensitive, then exact, then id); for BibTeX the
 * crossref targets go last, since BibTeX only resolves a crossref to a later entry. Sorts
 * `entries` in place (an almost sorted array, such as last export's order, sorts in about
 * linear time).
 */
export function orderBibEntries<T extends BibSortable>(entries: T[], biblatex: boolean): T[] {
  entries.sort(byKey);
  if (biblatex) return entries;
  const targets = new Set<string>();
  for (const e of entries) if (e.crossref) targets.add(e.crossref);
  if (targets.size === 0) return entries;
  const rest: T[] = [];
  const last: T[] = [];
  for (const e of entries) (targets.has(e.lowerKey) ? last : rest).push(e);
  for (const e of last) rest.push(e);
  return rest;
}

/** One item's entry text (ends with a newline); depends on nothing but the item and profile. */
export function renderBibEntry(item: BibItem, profile: BibProfile): string {
  return new EntryWriter(item, profile === 'biblatex').build();
}

/**
 * The whole file from entry texts already in file order: `parts.join('\n')`, built by
 * concatenation, which V8 keeps as a rope (no copy of the unchanged entries per export; the
 * bytes are copied once, by whoever writes or sends the string).
 */
export function joinBibFile(
  entries: readonly string[],
  opts: Pick<BibWriteOptions, 'preambles' | 'comments'>,
): string {
  let out = '';
  let first = true;
  const add = (part: string) => {
    if (first) first = false;
    else out += '\n';
    out += part;
  };
  for (const p of opts.preambles ?? []) if (bracesBalanced(p)) add(`@preamble{ ${p} }\n`);
  for (const e of entries) add(e);
  for (const c of opts.comments ?? []) if (bracesBalanced(c)) add(`@comment{${c}}\n`);
  return out;
}

export function writeBib(items: readonly BibItem[], opts: BibWriteOptions): string {
  const biblatex = opts.profile === 'biblatex';
  const keyed = items.map((item) => ({
    id: item.id,
    citationKey: item.citationKey,
    lowerKey: item.citationKey.toLowerCase(),
    crossref: crossrefOf(item),
    item,
  }));
  return joinBibFile(
    orderBibEntries(keyed, biblatex).map((e) => new EntryWriter(e.item, biblatex).build()),
    opts,
  );
}
