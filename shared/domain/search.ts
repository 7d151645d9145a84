// Search results beyond the plain item row: where a hit is, and what is wrong with a query.

export interface SnippetPart {
  text: string;
  /** True for the matched words, which the UI highlights. */
  hit: boolean;
}

export const SNIPPET_SOURCES = [
  'title',
  'creators',
  'abstract',
  'venue',
  'fields',
  'note',
  'annotation',
  'page',
] as const;
export type SnippetSource = (typeof SNIPPET_SOURCES)[number];

/** Where a search hit is: the text around it, split into plain and matched parts. */
export interface Snippet {
  source: SnippetSource;
  /** PDF page (1-based) for page and annotation hits. */
  page?: number;
  parts: SnippetPart[];
}

/** A query the parser cannot read: the message and the character range that is wrong. */
export interface QueryError {
  message: string;
  position: number;
  end: number;
}

/**
 * A search is ranked by relevance up to this many matches in its view; above it the rows come
 * newest first (date added) and the item page says so (`sortedBy`): ranking scores every
 * match, which costs more than a keystroke may take at 100k items (docs/search-and-cite.md).
 */
export const RELEVANCE_LIMIT = 10_000;
