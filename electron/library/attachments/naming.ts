// Display names of attachments: `Author - Year - Title.pdf` from the item, safe on every file
// system (the name is also what an exported copy is saved as).
import type { Creator } from '../../../shared/domain/item';

export const DEFAULT_NAME_PATTERN = '{author} - {year} - {title}';

function family(c: Creator): string {
  return c.literal || [c.prefix, c.family].filter(Boolean).join(' ') || c.given;
}

function authorPart(creators: readonly Creator[]): string {
  const authors = creators.filter((c) => c.role === 'author');
  const list = authors.length ? authors : creators.filter((c) => c.role === 'editor');
  if (list.length === 0) return '';
  if (list.length === 1) return family(list[0]!);
  if (list.length === 2) return `${family(list[0]!)} and ${family(list[1]!)}`;
  return `${family(list[0]!)} et al.`;
}

/** Removes characters no file system accepts and trims to a length all of them do. */
export function safeFileName(s: string, max = 150): string {
  const clean = s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .trim();
  return clean.length > max ? clean.slice(0, max).trimEnd() : clean;
}

export function attachmentName(
  item: { creators: readonly Creator[]; year: number | null; title: string },
  fallback: string,
  pattern = DEFAULT_NAME_PATTERN,
): string {
  const parts: Record<string, string> = {
    author: authorPart(item.creators),
    year: item.year === null ? '' : String(item.year),
    title: item.title,
  };
  const filled = pattern
    .split(' - ')
    .map((seg) => seg.replace(/\{(\w+)\}/g, (_, k: string) => parts[k] ?? '').trim())
    .filter(Boolean)
    .join(' - ');
  const base = safeFileName(filled) || safeFileName(fallback.replace(/\.pdf$/i, '')) || 'Document';
  return `${base}.pdf`;
}
