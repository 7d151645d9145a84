// RIS writer. Every value is written so the reader gives it back: fields RIS has no tag for go in
// `N1  - BibLaTeX name: value` lines, and a line inside a value that could pass for a tag line
// is indented, so no field can start or end a record.
import type { Item } from '../../../shared/domain/item';
import type { ExportFormat } from './format';
import { formatPersonName, venueIsContainer } from './record';
import { BOOKISH, FIELD_NOTE, FIELD_TAGS, RIS_TO_TYPE, TYPE_TO_RIS } from './ris-map';
import { own } from './own';

const TAG_BY_FIELD = new Map(FIELD_TAGS.map(([t, f]) => [f, t]));

function line(tag: string, value: string): string {
  const [first = '', ...rest] = value.split(/\r\n?|\n/);
  return [`${tag}  - ${first}`, ...rest.map((l) => `  ${l}`)].join('\n');
}

/** `2019-05-14` → `2019/05/14/`; other dates (ranges, free text) are written as given. */
function risDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return date;
  return `${m[1]}/${m[2] ?? ''}/${m[3] ?? ''}/`;
}

/**
 * First and last page of a single range, so other programs get an end page: `10--119`,
 * `10–119` (how a BibTeX import stores `10--119`), or `10-119` when a single hyphen can only
 * mean a range (same letter prefix, the end page greater); `1123-8` or `A-3` stay whole.
 */
function pageRange(pages: string): [string, string] | null {
  const m = /^([^\s\u2013-]+)(?:--|\u2013)([^\s\u2013-]+)$/.exec(pages);
  if (m) return [m[1]!, m[2]!];
  const h = /^([A-Za-z]?)(\d+)-\1(\d+)$/.exec(pages);
  if (h && Number(h[3]) > Number(h[2])) return [h[1]! + h[2]!, h[1]! + h[3]!];
  return null;
}

function writeItem(item: Item): string {
  const out: string[] = [];
  const fields = { ...item.fields };
  const ty = fields['ris-ty'] ?? own(TYPE_TO_RIS, item.type) ?? 'GEN';
  delete fields['ris-ty'];
  out.push(line('TY', ty));
  if (item.citationKey) out.push(line('ID', item.citationKey));
  if ((own(RIS_TO_TYPE, ty) ?? 'misc') !== item.type)
    out.push(line('N1', `${FIELD_NOTE}entrytype: ${item.type}`));
  for (const c of item.creators) {
    const tag =
      c.role === 'author' ? 'AU' : c.role === 'editor' ? 'A2' : c.role === 'translator' ? 'A4' : '';
    if (tag) out.push(line(tag, formatPersonName(c)));
    // BibLaTeX's other name lists (holder, bookauthor, editora …) have no RIS tag; braces mark
    // a literal, which the reader could not tell from a one-word family name otherwise
    else
      out.push(
        line('N1', `${FIELD_NOTE}${c.role}: ${c.literal ? `{${c.literal}}` : formatPersonName(c)}`),
      );
  }
  if (item.title) out.push(line('TI', item.title));
  if (item.venue) {
    if (venueIsContainer(item.type)) out.push(line('T2', item.venue));
    else out.push(line('PB', item.venue));
  }
  if (item.date) {
    const year = /^\d{4}/.exec(item.date)?.[0];
    if (year) out.push(line('PY', year));
    if (item.date !== year) out.push(line('DA', risDate(item.date)));
  }
  const pages = fields.pages;
  if (pages !== undefined) {
    delete fields.pages;
    const range = pageRange(pages);
    if (range) {
      out.push(line('SP', range[0]), line('EP', range[1]));
      // the reader joins SP and EP with `--`; any other spelling (a BibTeX import stores the
      // en dash) travels whole, so the round trip gives back exactly what was stored
      if (`${range[0]}--${range[1]}` !== pages) fields.pages = pages;
    } else out.push(line('SP', pages));
  }
  if (item.doi) out.push(line('DO', item.doi));
  if (item.url) out.push(line('UR', item.url));
  if (item.abstract) out.push(line('AB', item.abstract));
  for (const t of item.tags) out.push(line('KW', t));
  const snField = BOOKISH.has(item.type) ? 'isbn' : 'issn';
  for (const [name, value] of Object.entries(fields).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (name === snField) out.push(line('SN', value));
    else if (name === 'publisher' && venueIsContainer(item.type)) out.push(line('PB', value));
    else if (name === 'urldate') out.push(line('Y2', risDate(value)));
    else if (name === 'note') out.push(line('N1', value));
    else if (TAG_BY_FIELD.has(name)) out.push(line(TAG_BY_FIELD.get(name)!, value));
    else if (/^ris-[a-z][a-z0-9]$/.test(name) && !['ris-ty', 'ris-er'].includes(name))
      for (const v of value.split('\n')) out.push(line(name.slice(4).toUpperCase(), v));
    else out.push(line('N1', `${FIELD_NOTE}${name}: ${value}`));
  }
  out.push('ER  - ');
  return out.join('\n');
}

export const risExport: ExportFormat = {
  id: 'ris',
  label: 'RIS',
  extension: 'ris',
  write(items) {
    return items.map(writeItem).join('\n\n') + (items.length ? '\n' : '');
  },
};
