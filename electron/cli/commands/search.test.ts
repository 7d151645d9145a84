import { afterEach, describe, expect, it } from 'vitest';
import { runCliText } from '../../test-support/cli';
import { addItem, person, tempLibrary } from '../../library/testing/fixture-library';
import type { Library } from '../../library/library';

let lib: Library | undefined;
afterEach(() => lib?.close());

function cli(folder: string, ...args: string[]) {
  return runCliText(['--library', folder, ...args]);
}

describe('shelfmark search', () => {
  function library(): string {
    lib = tempLibrary();
    addItem(lib, {
      type: 'article',
      citationKey: 'muller2019',
      title: 'Dense retrieval',
      date: '2019',
      creators: [person('Müller')],
    });
    addItem(lib, {
      type: 'article',
      citationKey: 'lee2020',
      title: 'Vision',
      date: '2020',
      abstract: 'retrieval of images',
    });
    const folder = lib.folder;
    lib.close();
    lib = undefined;
    return folder;
  }

  it('prints ranked hits with snippets', async () => {
    const folder = library();
    const r = await cli(folder, 'search', 'retrieval');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /^muller2019\t2019\tMüller\tDense retrieval\t\[title\] Dense \*retrieval\*/,
    );
    expect(lines[1]).toMatch(/^lee2020\t.*\[abstract\] \*retrieval\* of images/);
  });

  it('prints JSON with --json and honours fields', async () => {
    const folder = library();
    const r = await cli(folder, 'search', '--json', 'author:muller');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { total: number; rows: { citationKey: string }[] };
    expect(parsed.total).toBe(1);
    expect(parsed.rows[0]!.citationKey).toBe('muller2019');
  });

  it('shows where a query is wrong and exits 2', async () => {
    const folder = library();
    const r = await cli(folder, 'search', 'retrieval', 'year:20x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('year: takes a year');
    expect(r.err).toContain(`${' '.repeat(12)}^^^^^^^^`);
  });
});
