import type { Creator, CreatorRole } from './item';

/**
 * Splits one typed name into parts, the way a person types it in a form: `Family, Given`,
 * `Given Family`, `{Corporate Name}` (kept whole), with a lower-case von part (`van der Berg`).
 * Full BibTeX name parsing lives with the BibTeX importer.
 */
export function parseTypedName(input: string, role: CreatorRole = 'author'): Creator {
  const s = input.trim().replace(/\s+/g, ' ');
  const base: Creator = { role, family: '', given: '', prefix: '', suffix: '', literal: '' };
  if (/^\{.*\}$/.test(s)) return { ...base, literal: s.slice(1, -1).trim() };
  if (s.includes(',')) {
    const [family = '', given = '', suffix = ''] = s.split(',').map((p) => p.trim());
    const { prefix, rest } = splitVon(family);
    return { ...base, family: rest, given, prefix, suffix: suffix };
  }
  const words = s.split(' ');
  if (words.length === 1) return { ...base, family: s };
  const vonAt = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^\p{Ll}/u.test(w));
  if (vonAt > 0) {
    return {
      ...base,
      given: words.slice(0, vonAt).join(' '),
      prefix: words.slice(vonAt, -1).join(' '),
      family: words.at(-1)!,
    };
  }
  return { ...base, given: words.slice(0, -1).join(' '), family: words.at(-1)! };
}

function splitVon(family: string): { prefix: string; rest: string } {
  const words = family.split(' ');
  let i = 0;
  while (i < words.length - 1 && /^\p{Ll}/u.test(words[i]!)) i++;
  return { prefix: words.slice(0, i).join(' '), rest: words.slice(i).join(' ') };
}

/** The inverse for editing: `Family, Given` (or the literal name in braces). */
export function formatTypedName(c: Creator): string {
  if (c.literal) return `{${c.literal}}`;
  const family = [c.prefix, c.family].filter(Boolean).join(' ');
  return [family, c.given, c.suffix].filter(Boolean).join(', ');
}

/**
 * Lower-case words that stand in front of a family name (`van der`, `de la`, `bin`). The tagged
 * format readers and the PDF author guess both build on this list, each with a few words of its
 * own, so a particle added here is known to both.
 */
export const NAME_PARTICLES: readonly string[] = [
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ten',
  'ter',
  'zu',
  'al',
  'bin',
];
