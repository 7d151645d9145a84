// Export through the format registry: BibTeX/BibLaTeX from this module's formats, RIS,
// CSL-JSON and others from whichever modules register them.
import { AppError } from '../errors';
import { EXPORT_FORMATS } from '../formats/index';
import { readKept } from '../import/kept';
import type { Library } from '../library';
import { type ExportScope, loadItems, scopeIds } from './load';

export function exportItems(lib: Library, format: string, scope: ExportScope): string {
  const f = EXPORT_FORMATS.find((x) => x.id === format);
  if (!f)
    throw new AppError(
      'invalid_input',
      `Unknown export format "${format}"; known: ${EXPORT_FORMATS.map((x) => x.id).join(', ')}.`,
    );
  const items = loadItems(lib.db, scopeIds(lib.db, scope));
  return f.write(items, {
    preambles: readKept(lib.db, 'bibtex.preambles'),
    comments: readKept(lib.db, 'bibtex.comments'),
  });
}
