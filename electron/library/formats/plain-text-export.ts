// Plain-text bibliography in a simple author–year style, sorted by author, year and title so
// the output is stable. CSL-formatted bibliographies (APA, Vancouver, …) are a separate writer.
import type { Creator, Item } from '../../../shared/domain/item';
import type { ExportFormat } from './format';

function initials(given: string): string {
  return given
    .split(/\s+/)
    .filter(Boolean)
    .map((g) =>
      g
        .split('-')
        .map((p) => (p ? `${p[0]!.toUpperCase()}.` : ''))
        .join('-'),
    )
    .join(' ');
}

function personName(c: Creator): string {
  if (c.literal) return c.literal;
  const family = [c.prefix, c.family].filter(Boolean).join(' ');
  const name = [family, initials(c.given)].filter(Boolean).join(', ');
  return c.suffix ? `${name}, ${c.suffix}` : name;
}

function nameList(cs: readonly Creator[]): string {
  const names = cs.map(personName);
  if (names.length <= 2) return names.join(' & ');
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

const sortName = (item: Item): string => {
  const c = item.creators[0];
  return (c ? c.literal || c.family : item.title).toLowerCase();
};

/** Types whose venue is the book or proceedings they are part of. */
const PART_TYPES = new Set([
  'incollection',
  'inproceedings',
  'inbook',
  'conference',
  'inreference',
]);

/** `J. van der Berg`: editors are named given-name first inside an entry. */
function initialsFirst(c: Creator): string {
  if (c.literal) return c.literal;
  return [initials(c.given), c.prefix, c.family].filter(Boolean).join(' ');
}

const end = (s: string): string => (/[.?!]$/.test(s) ? s : `${s}.`);

/** One entry: `Family, G., & Other, H. (2019). Title. Venue, 12(3), 1–10. https://doi.org/…` */
export function formatEntry(item: Item): string {
  const authors = item.creators.filter((c) => c.role === 'author');
  const editors = item.creators.filter((c) => c.role === 'editor');
  const parts: string[] = [];
  if (authors.length) parts.push(end(nameList(authors)));
  else if (editors.length)
    parts.push(`${nameList(editors)} (Ed${editors.length > 1 ? 's' : ''}.).`);
  const year = `(${item.year ?? (item.date || 'n.d.')}).`;
  // Without authors or editors the title takes the author's place, as author–year styles do.
  if (parts.length) parts.push(year);
  if (item.title) parts.push(end(item.title));
  if (!parts.includes(year)) parts.push(year);
  const f = item.fields;
  const pages = f.pages?.replace(/--?/g, '–');
  let venue = item.venue;
  if (venue && PART_TYPES.has(item.type)) {
    // A chapter or paper: "In E. Editor (Ed.), Book title (pp. 1–10). Publisher."
    const eds = authors.length ? editors : [];
    const by = eds.length
      ? `${eds.map(initialsFirst).join(', ')} (Ed${eds.length > 1 ? 's' : ''}.), `
      : '';
    parts.push(end(`In ${by}${venue}${pages ? ` (pp. ${pages})` : ''}`));
    if (f.publisher) parts.push(end(f.publisher));
  } else if (venue) {
    if (f.volume) venue += `, ${f.volume}`;
    if (f.number) venue += f.volume ? `(${f.number})` : `, no. ${f.number}`;
    if (pages) venue += `, ${pages}`;
    parts.push(end(venue));
  } else if (pages) parts.push(end(`pp. ${pages}`));
  if (f.eprinttype === 'arxiv' && f.eprint) parts.push(`arXiv:${f.eprint}.`);
  if (item.doi) parts.push(`https://doi.org/${item.doi}`);
  else if (item.url) parts.push(item.url);
  return parts.join(' ');
}

export const plainTextExport: ExportFormat = {
  id: 'text',
  label: 'Plain-text bibliography',
  extension: 'txt',
  write(items) {
    const sorted = [...items].sort(
      (a, b) =>
        sortName(a).localeCompare(sortName(b)) ||
        (a.year ?? 0) - (b.year ?? 0) ||
        a.title.localeCompare(b.title) ||
        a.id - b.id,
    );
    return sorted.map(formatEntry).join('\n\n') + (sorted.length ? '\n' : '');
  },
};
