// CSL styles: three bundled with citation-js, plus any .csl the user adds, kept in the library
// database so they travel with it.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { XMLValidator } from 'fast-xml-parser';
import type { CitationStyle } from '../../../shared/domain/cite';
import { AppError, notFound } from '../errors';
import { now } from '../items/repo';

export const BUILTIN_STYLES: readonly CitationStyle[] = [
  { id: 'apa', title: 'APA 7th edition', builtin: true },
  { id: 'vancouver', title: 'Vancouver', builtin: true },
  { id: 'harvard1', title: 'Harvard (Cite Them Right)', builtin: true },
];

interface StyleDbRow {
  id: number;
  title: string;
  xml: string;
}

export function styleId(rowId: number): string {
  return `user-${rowId}`;
}

function rowIdOf(id: string): number | null {
  const m = /^user-(\d{1,12})$/.exec(id);
  return m ? Number(m[1]) : null;
}

export function listStyles(db: Database): CitationStyle[] {
  const user = db
    .prepare<[], StyleDbRow>(
      'SELECT id, title, xml FROM csl_styles ORDER BY title COLLATE NOCASE, id',
    )
    .all()
    .map((r) => ({ id: styleId(r.id), title: r.title, builtin: false }));
  return [...BUILTIN_STYLES, ...user];
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Checks that `xml` looks like a CSL style and returns its title; the processor checks the rest. */
export function styleTitle(xml: string): string {
  const root = /<style\b[^>]*>/.exec(xml);
  if (!root || !/xmlns\s*=\s*["']http:\/\/purl\.org\/net\/xbiblio\/csl["']/.test(root[0])) {
    throw new AppError(
      'parse_error',
      'This is not a CSL style: it has no <style xmlns="http://purl.org/net/xbiblio/csl"> element.',
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new AppError('parse_error', 'CSL styles must not declare a DOCTYPE or entities.');
  }
  // citeproc-js reads a file cut short (a failed download) without complaint and formats with
  // whatever part it got, so well-formedness is checked here
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AppError(
      'parse_error',
      `This CSL style is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.replace(/\s+/g, ' ')}).`,
    );
  }
  if (!/<bibliography\b/.test(xml) || !/<citation\b/.test(xml)) {
    throw new AppError('parse_error', 'This CSL style has no <citation> or no <bibliography>.');
  }
  const title = /<info\b[\s\S]*?<title>([\s\S]*?)<\/title>/.exec(xml)?.[1];
  return (
    decodeXml(title ?? 'Untitled style')
      .trim()
      .slice(0, 200) || 'Untitled style'
  );
}

export function addStyleRow(db: Database, title: string, xml: string): number {
  return db
    .prepare('INSERT INTO csl_styles (title, xml, date_added) VALUES (?, ?, ?)')
    .run(title, xml, now()).lastInsertRowid as number;
}

export function removeStyle(db: Database, id: string): void {
  const rowId = rowIdOf(id);
  if (rowId === null)
    throw new AppError('invalid_input', `Style ${id} is bundled and cannot be removed.`);
  if (db.prepare('DELETE FROM csl_styles WHERE id = ?').run(rowId).changes === 0)
    throw notFound('Style', id);
}

/**
 * The citation-js template name for a style id, registering a user style on first use. The
 * name includes a hash of the XML because citation-js caches one processor per name.
 */
export function templateName(
  db: Database,
  id: string,
  register: (name: string, xml: string) => void,
): string {
  if (BUILTIN_STYLES.some((s) => s.id === id)) return id;
  const rowId = rowIdOf(id);
  const row =
    rowId === null
      ? undefined
      : db
          .prepare<[number], StyleDbRow>('SELECT id, title, xml FROM csl_styles WHERE id = ?')
          .get(rowId);
  if (!row) throw notFound('Citation style', id);
  const name = `shelfmark-${row.id}-${createHash('sha256').update(row.xml).digest('hex').slice(0, 12)}`;
  register(name, row.xml);
  return name;
}
