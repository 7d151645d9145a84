// Registries of the formats Shelfmark reads and writes. Each format lives in its own module
// and is listed here once.
import { biblatexExport, bibtexExport, bibtexImport } from './bibtex/index';
import { cslJsonExport } from './csl-json-export';
import { cslJsonFormat } from './csl-json';
import { endnoteEnwFormat } from './endnote-enw';
import { endnoteXmlFormat } from './endnote-xml';
import type { ExportFormat, ImportFormat } from './format';
import { listingFormat } from './listing';
import { plainTextExport } from './plain-text-export';
import { pubmedFormat } from './pubmed-nbib';
import { risExport } from './ris-export';
import { risFormat } from './ris';

export const IMPORT_FORMATS: ImportFormat[] = [
  bibtexImport,
  risFormat,
  cslJsonFormat,
  endnoteXmlFormat,
  endnoteEnwFormat,
  pubmedFormat,
  listingFormat,
];
export const EXPORT_FORMATS: ExportFormat[] = [
  bibtexExport,
  biblatexExport,
  risExport,
  cslJsonExport,
  plainTextExport,
];

/** The format whose detector is most confident about `text`, or null when none is. */
export function detectFormat(text: string): ImportFormat | null {
  let best: ImportFormat | null = null;
  let score = 0;
  for (const f of IMPORT_FORMATS) {
    const s = f.detect(text);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return score >= 0.5 ? best : null;
}
