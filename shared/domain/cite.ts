// Formatted citations: CSL styles and what the formatter returns.

export interface CitationStyle {
  /** `apa`, `vancouver`, `harvard1`, or `user-N` for a style the user added. */
  id: string;
  title: string;
  builtin: boolean;
}

/** Locales bundled with the CSL processor. */
export const CITATION_LOCALES = ['en-US', 'de-DE', 'es-ES', 'fr-FR', 'nl-NL'] as const;
export type CitationLocale = (typeof CITATION_LOCALES)[number];

export interface CitationSettings {
  style: string;
  locale: CitationLocale;
}

/** A formatted bibliography or citation, both ways the clipboard wants it. */
export interface Formatted {
  html: string;
  text: string;
}

export const LATEX_CITE_COMMANDS = [
  'cite',
  'citep',
  'citet',
  'parencite',
  'textcite',
  'autocite',
  'footcite',
] as const;
export type LatexCiteCommand = (typeof LATEX_CITE_COMMANDS)[number];
