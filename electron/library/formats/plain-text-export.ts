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

const end = (s: string): string => (/[.?!]$/.test(s) ? s : `${s}.`);

/** One entry: `Family, G., & Other, H. (2019). Title. Venue, 12(3), 1–10. https://doi.org/…` */
export function formatEntry(item: Item): string {
  const authors = item.creators.filter((c) => c.role === 'author');
  const editors = item.creators.filter((c) => c.role === 'editor');
  const parts: string[] = [];
  if (authors.length) parts.push(end(nameList(authors)));
  else if (editors.length)
    parts.push(`${nameList(editors)} (Ed${editors.length > 1 ? 's' : ''}.).`);
  parts.push(`(${item.year ?? (item.date || 'n.d.')}).`);
  if (item.title) parts.push(end(item.title));
  const f = item.fields;
  let venue = item.venue;
  if (venue) {
    if (f.volume) venue += `, ${f.volume}`;
    if (f.number) venue += f.volume ? `(${f.number})` : `, no. ${f.number}`;
    if (f.pages) venue += `, ${f.pages.replace(/--?/g, '–')}`;
    parts.push(end(venue));
  } else if (f.pages) parts.push(end(`pp. ${f.pages.replace(/--?/g, '–')}`));
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
