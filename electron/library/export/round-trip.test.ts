import { describe, expect, it } from 'vitest';
import type { Item } from '../../../shared/domain/item';
import { importText } from '../import/pipeline';
import { readFixture } from '../testing/fixtures';
import { tempLibraries } from '../testing/temp-libraries';
import { exportItems } from './export';
import { loadItems } from './load';

const FIXTURES = ['xampl.bib', 'biblatex-examples.bib'];
const fixture = readFixture;

const { fresh: freshLibrary } = tempLibraries('shelfmark-rt-');

/** What must survive a round trip: everything but ids and timestamps. */
function comparable(items: Item[]) {
  return Object.fromEntries(
    items.map((i) => [
      i.citationKey,
      {
        type: i.type,
        title: i.title,
        date: i.date,
        venue: i.venue,
        doi: i.doi,
        url: i.url,
        abstract: i.abstract,
        creators: i.creators,
        fields: i.fields,
        tags: i.tags,
        keyAliases: i.keyAliases,
      },
    ]),
  );
}

function load(text: string, name: string) {
  const lib = freshLibrary();
  const report = importText(lib, text, { fileName: name, onDuplicate: 'import' });
  return { lib, report };
}

describe.each(FIXTURES)('round trip of %s', (name) => {
  it.each(['bibtex', 'biblatex'])('import → %s export → import keeps every entry', (profile) => {
    const first = load(fixture(name), name);
    expect(first.report.problems).toEqual([]);
    const before = comparable(loadItems(first.lib.db, null));
    const exported = exportItems(first.lib, profile, { kind: 'library' });
    const second = load(exported, `exported.${profile}.bib`);
    expect(second.report.problems).toEqual([]);
    expect(second.report.imported).toBe(first.report.imported);
    expect(comparable(loadItems(second.lib.db, null))).toEqual(before);
    // export → parse → export is byte-stable
    expect(exportItems(second.lib, profile, { kind: 'library' })).toBe(exported);
  });
});
