// Export through the format registry: BibTeX/BibLaTeX from this module's formats, RIS,
// CSL-JSON and others from whichever modules register them. The two .bib formats go through the
// per-item entry cache (entry-cache.ts), which gives the same bytes as their writers.
import { AppError } from '../errors';
import { biblatexExport, bibtexExport } from '../formats/bibtex/index';
import { EXPORT_FORMATS } from '../formats/index';
import { readKept } from '../import/kept';
import type { Library } from '../library';
import { exportBibCached } from './entry-cache';
import { type ExportScope, liveIds, loadBibItems, loadItems, scopeIds } from './load';

export function exportItems(lib: Library, format: string, scope: ExportScope): string {
  const f = EXPORT_FORMATS.find((x) => x.id === format);
  if (!f)
    throw new AppError(
      'invalid_input',
      `Unknown export format "${format}"; known: ${EXPORT_FORMATS.map((x) => x.id).join(', ')}.`,
    );
  const ids = scopeIds(lib.db, scope);
  const kept = {
    preambles: readKept(lib.db, 'bibtex.preambles'),
    comments: readKept(lib.db, 'bibtex.comments'),
  };
  if (f === bibtexExport || f === biblatexExport) {
    return exportBibCached(
      {
        db: lib.db,
        write: (fn) => lib.write(fn),
        ids: liveIds(lib.db, ids),
        load: (missing, all) => loadBibItems(lib.db, all ? null : missing),
      },
      f.id === 'biblatex' ? 'biblatex' : 'bibtex',
      { ...kept, all: ids === null },
    );
  }
  return f.write(loadItems(lib.db, ids), kept);
}
