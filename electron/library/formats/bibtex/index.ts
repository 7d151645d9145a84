// The BibTeX/BibLaTeX reader and the two writers, as registry entries.
import type { Item } from '../../../../shared/domain/item';
import type { ExportFormat, ImportFormat } from '../format';
import { parseBibtex } from './records';
import { type BibProfile, writeBib } from './write';

export const bibtexImport: ImportFormat = {
  id: 'bibtex',
  label: 'BibTeX / BibLaTeX',
  extensions: ['bib', 'bibtex', 'biblatex'],
  detect(text) {
    const head = text.slice(0, 200_000);
    if (/^\s*@[A-Za-z]+\s*[{(]/.test(head)) return 1;
    return /^[ \t]*@[A-Za-z]+\s*[{(]/m.test(head) ? 0.9 : 0;
  },
  parse: (text, file) => parseBibtex(text, file),
};

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function writer(profile: BibProfile, label: string): ExportFormat {
  return {
    id: profile,
    label,
    extension: 'bib',
    write: (items: readonly Item[], options?: Record<string, unknown>) =>
      writeBib(items, {
        profile,
        preambles: strings(options?.preambles),
        comments: strings(options?.comments),
      }),
  };
}

export const bibtexExport = writer('bibtex', 'BibTeX (pdflatex-safe ASCII)');
export const biblatexExport = writer('biblatex', 'BibLaTeX (UTF-8)');
