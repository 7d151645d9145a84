import { z } from 'zod';
import {
  CITATION_LOCALES,
  type CitationSettings,
  type CitationStyle,
  type Formatted,
  LATEX_CITE_COMMANDS,
} from '../domain/cite';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

const StyleId = z
  .string()
  .regex(/^(apa|vancouver|harvard1|user-\d{1,12})$/, 'unknown citation style');
const Locale = z.enum(CITATION_LOCALES);
const CiteIds = z.array(Id).min(1).max(5_000);

/** Formatted citations: CSL styles, the default style and locale, and the three copy formats. */
export const citeCalls = {
  'cite.styles': query<CitationStyle[]>()(z.object({})),
  /** Adds a user's .csl file (its XML); refused unless it formats a sample item. */
  'cite.addStyle': mutation<CitationStyle>()(z.object({ xml: Text(1_000_000).min(1) })),
  'cite.removeStyle': mutation<null>()(z.object({ id: StyleId })),
  'cite.settings': query<CitationSettings>()(z.object({})),
  'cite.setSettings': mutation<CitationSettings>()(
    z.object({ style: StyleId.optional(), locale: Locale.optional() }),
  ),
  /** The selection as a bibliography, HTML and plain text; style and locale default to settings. */
  'cite.bibliography': query<Formatted>()(
    z.object({ ids: CiteIds, style: StyleId.optional(), locale: Locale.optional() }),
  ),
  /** One in-text citation of the selection: `(Vaswani et al., 2017)`. */
  'cite.citation': query<Formatted>()(
    z.object({ ids: CiteIds, style: StyleId.optional(), locale: Locale.optional() }),
  ),
  /** `\cite{key1,key2}` for LaTeX. */
  'cite.latex': query<string>()(
    z.object({ ids: CiteIds, command: z.enum(LATEX_CITE_COMMANDS).default('cite') }),
  ),
};
