// Entry types for the BibTeX (pdflatex-safe) profile. plain.bst and the other standard styles
// define only a dozen types; bibtex prints any other one as misc after a warning ("entry type
// … isn't style-file defined"). That profile writes the nearest type they define instead and
// keeps the original in a field the styles ignore, which the importer turns back into the type.
// The BibLaTeX profile writes every type as it is.
import { own } from '../own';

/** The entry types the standard BibTeX styles define. */
const STANDARD = new Set([
  'article',
  'book',
  'booklet',
  'conference',
  'inbook',
  'incollection',
  'inproceedings',
  'manual',
  'mastersthesis',
  'misc',
  'phdthesis',
  'proceedings',
  'techreport',
  'unpublished',
]);

/** BibLaTeX types with a standard type of the same kind; every other one becomes misc. */
const NEAREST: Record<string, string> = {
  mvbook: 'book',
  collection: 'book',
  mvcollection: 'book',
  reference: 'book',
  mvreference: 'book',
  bookinbook: 'inbook',
  suppbook: 'inbook',
  inreference: 'incollection',
  suppcollection: 'incollection',
  mvproceedings: 'proceedings',
  suppperiodical: 'article',
  report: 'techreport',
  thesis: 'phdthesis',
};

/**
 * BibLaTeX `type` keys that mean exactly what a standard type prints by itself ("PhD thesis",
 * "Master's thesis", "Technical Report"): written as the type, since the styles would print
 * the key as it is. Any other `type` value is kept and printed as given.
 */
const TYPE_KEYS: Record<string, string> = {
  phdthesis: 'phdthesis',
  mathesis: 'mastersthesis',
  techreport: 'techreport',
};

/** Field holding the original entry type of a rewritten entry. */
export const ORIGINAL_TYPE_FIELD = 'biblatex-entrytype';
/** Field holding a `type` key that the written entry type stands for. */
export const TYPE_KEY_FIELD = 'biblatex-type';

export interface StandardType {
  /** The type written. */
  type: string;
  /** True when the `type` field is a key the written type says already (then kept apart). */
  typeKey: boolean;
}

/** The standard type to write for `type`, or null when it is standard already. */
export function standardType(type: string, typeField: string | undefined): StandardType | null {
  if (STANDARD.has(type)) return null;
  // own(): type names come from files, never from Object.prototype
  const key = typeField === undefined ? undefined : own(TYPE_KEYS, typeField);
  // a thesis says its kind in `type`: mathesis → mastersthesis
  const written = type === 'thesis' && key ? key : (own(NEAREST, type) ?? 'misc');
  return { type: written, typeKey: key === written };
}
