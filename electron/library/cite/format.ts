// Formatting through citation-js (citeproc-js underneath), loaded on first use because it takes
// a noticeable time to import and most sessions never format a citation.
import type { Database } from 'better-sqlite3';
import {
  CITATION_LOCALES,
  type CitationLocale,
  type CitationSettings,
  type Formatted,
  type LatexCiteCommand,
} from '../../../shared/domain/cite';
import type { Item } from '../../../shared/domain/item';
import { AppError } from '../errors';
import { getItem } from '../items/repo';
import { toCsl } from './csl-json';
import { addStyleRow, BUILTIN_STYLES, styleTitle, templateName } from './styles';

type CiteModule = typeof import('@citation-js/core');
let loading: Promise<CiteModule> | null = null;

/** Starts loading the formatter in the background (the cite panel asks for settings first). */
export function warmUpCitations(): void {
  citationJs().catch(() => {
    loading = null; // a later call retries and reports the error
  });
}

function citationJs(): Promise<CiteModule> {
  loading ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-csl');
    return core;
  })();
  return loading;
}

const SETTINGS_KEY = 'citation';
const DEFAULTS: CitationSettings = { style: 'apa', locale: 'en-US' };

export function citationSettings(db: Database): CitationSettings {
  const raw = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(SETTINGS_KEY);
  if (!raw) return { ...DEFAULTS };
  const v = JSON.parse(raw) as Partial<CitationSettings>;
  return {
    style: typeof v.style === 'string' ? v.style : DEFAULTS.style,
    locale: CITATION_LOCALES.includes(v.locale as CitationLocale)
      ? (v.locale as CitationLocale)
      : DEFAULTS.locale,
  };
}

export function saveCitationSettings(db: Database, s: CitationSettings): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(SETTINGS_KEY, JSON.stringify(s));
}

function styleExists(db: Database, id: string): boolean {
  if (BUILTIN_STYLES.some((s) => s.id === id)) return true;
  const m = /^user-(\d{1,12})$/.exec(id);
  return !!m && !!db.prepare('SELECT 1 FROM csl_styles WHERE id = ?').get(Number(m[1]));
}

export function checkStyle(db: Database, id: string): void {
  if (!styleExists(db, id)) throw new AppError('not_found', `Citation style ${id} does not exist.`);
}

function loadItems(db: Database, ids: readonly number[]): Item[] {
  return ids.map((id) => getItem(db, id));
}

export interface FormatOptions {
  style?: string | undefined;
  locale?: CitationLocale | undefined;
}

async function prepare(db: Database, ids: readonly number[], o: FormatOptions) {
  const cite = await citationJs();
  const settings = citationSettings(db);
  const csl = cite.plugins.config.get('@csl');
  const style = o.style ?? settings.style;
  // formatting in another style than the one asked for would hand the user a wrong bibliography
  // that looks right, so an unknown style is refused by name
  if (o.style !== undefined) checkStyle(db, style);
  else if (!styleExists(db, style)) {
    throw new AppError(
      'not_found',
      `The default citation style ${style} does not exist; choose another citation style.`,
    );
  }
  const template = templateName(db, style, (name, xml) => {
    if (!csl.styles.has(name)) csl.styles.add(name, xml);
  });
  const items = loadItems(db, ids);
  return { cite, template, lang: o.locale ?? settings.locale, data: items.map(toCsl) };
}

/** citeproc-js throws plain strings ("citeproc-js error: …"), not Errors. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function run<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new AppError(
      'parse_error',
      `The citation style could not format ${what}: ${errorText(e)}`,
    );
  }
}

/** The bibliography of `ids`, ordered as the style says, as HTML and plain text. */
export async function bibliography(
  db: Database,
  ids: readonly number[],
  o: FormatOptions = {},
): Promise<Formatted> {
  const { cite, template, lang, data } = await prepare(db, ids, o);
  const c = new cite.Cite(data);
  return run('this bibliography', () => ({
    html: c.format('bibliography', { format: 'html', template, lang }).trim(),
    text: c.format('bibliography', { format: 'text', template, lang }).trim(),
  }));
}

/** One in-text citation of `ids`, in the given order: `(Vaswani et al., 2017; Müller, 2019)`. */
export async function citation(
  db: Database,
  ids: readonly number[],
  o: FormatOptions = {},
): Promise<Formatted> {
  const { cite, template, lang, data } = await prepare(db, ids, o);
  const c = new cite.Cite(data);
  return run('this citation', () => ({
    html: c.format('citation', { format: 'html', template, lang }),
    text: c.format('citation', { format: 'text', template, lang }),
  }));
}

/** `\cite{key1,key2}` with the items' citation keys, in the given order. */
export function latexCite(db: Database, ids: readonly number[], command: LatexCiteCommand): string {
  const keys = ids.map(
    (id) =>
      db.prepare<[number], string>('SELECT citation_key FROM items WHERE id = ?').pluck().get(id) ??
      missing(id),
  );
  return `\\${command}{${keys.join(',')}}`;
}

function missing(id: number): never {
  throw new AppError('not_found', `Item ${id} does not exist`);
}

const SAMPLE: Item = {
  id: 0,
  type: 'article',
  citationKey: 'sample',
  keyAliases: [],
  title: 'A sample title',
  date: '2020-01-02',
  year: 2020,
  venue: 'Journal of Samples',
  doi: '10.1000/sample',
  url: '',
  abstract: '',
  creators: [{ role: 'author', family: 'Doe', given: 'Jane', prefix: '', suffix: '', literal: '' }],
  fields: { volume: '1', pages: '1--2' },
  tags: [],
  collectionIds: [],
  readState: 'unread',
  starred: false,
  rating: 0,
  reviewNeeded: false,
  dateAdded: '',
  dateModified: '',
  deletedAt: null,
};

/**
 * Adds a user's .csl style after proving it works: it must format a sample bibliography and
 * citation. Returns the new style's row id; nothing is stored when the style fails.
 */
export async function addStyle(
  db: Database,
  xml: string,
  write: <T>(fn: () => T) => T,
): Promise<{ rowId: number; title: string }> {
  const title = styleTitle(xml);
  const cite = await citationJs();
  const probe = `shelfmark-probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const csl = cite.plugins.config.get('@csl');
  csl.styles.add(probe, xml);
  try {
    const c = new cite.Cite([toCsl(SAMPLE)]);
    const out =
      c.format('bibliography', { format: 'text', template: probe }) +
      c.format('citation', { format: 'text', template: probe });
    if (!out.trim()) throw new Error('it produced no text for a sample item');
  } catch (e) {
    throw new AppError('parse_error', `This CSL style does not work: ${errorText(e)}`);
  } finally {
    csl.styles.remove(probe);
  }
  const rowId = write(() => addStyleRow(db, title, xml));
  return { rowId, title };
}
