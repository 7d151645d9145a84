// A minimal BibTeX-like exporter for auto-export tests, registered under its own id so it never
// clashes with the real bibtex/biblatex formats. The last line states the entry count, so a
// truncated file is detectable.
import type { ExportFormat } from '../../formats/format';
import { EXPORT_FORMATS } from '../../formats/index';
import { registerWorkerFormat } from '../run-export-worker';

export const TEST_FORMAT: ExportFormat = {
  id: 'test-bib',
  label: 'Test BibTeX',
  extension: 'bib',
  write(items) {
    const body = items
      .map(
        (i) =>
          `@${i.type}{${i.citationKey},\n  title = {${i.title}},\n  abstract = {${i.abstract}},\n}\n`,
      )
      .join('\n');
    return `${body}% end of export: ${items.length} entries\n`;
  },
};

export function registerTestFormat(): void {
  if (!EXPORT_FORMATS.some((f) => f.id === TEST_FORMAT.id)) EXPORT_FORMATS.push(TEST_FORMAT);
  // exports are formatted in a worker thread, which must load this module to know the format
  registerWorkerFormat(import.meta.url, 'TEST_FORMAT');
}

/** True when `text` is a whole file written by TEST_FORMAT. */
export function isCompleteExport(text: string): boolean {
  const m = /% end of export: (\d+) entries\n$/.exec(text);
  if (!m) return false;
  const entries = text.match(/^@\w+\{/gm)?.length ?? 0;
  return entries === Number(m[1]);
}
