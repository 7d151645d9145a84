import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliText } from '../../test-support/cli';
import { addItem, tempLibrary } from '../../library/testing/fixture-library';
import { registerTestFormat } from '../../library/autoexport/testing/test-format';

function cli(folder: string, ...args: string[]) {
  return runCliText(['--library', folder, ...args]);
}

beforeAll(registerTestFormat);

describe('shelfmark autoexport', () => {
  it('adds, lists, runs and removes bindings', async () => {
    const lib = tempLibrary();
    addItem(lib, { type: 'article', citationKey: 'a2020', title: 'First' });
    const folder = lib.folder;
    lib.close();
    const file = join(mkdtempSync(join(tmpdir(), 'shelfmark-cli-export-')), 'refs.bib');

    const add = await cli(folder, 'autoexport', 'add', file, '--format', 'test-bib');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(
      new RegExp(`^1\ttest-bib\tlibrary\t${file}\texported .* \\(1 entries\\)$`),
    );
    expect(readFileSync(file, 'utf8')).toContain('@article{a2020,');

    expect((await cli(folder, 'add', '--title', 'Second', '--key', 'b2021')).code).toBe(0);
    const run = await cli(folder, 'autoexport', 'run');
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('@article{b2021,');

    const list = await cli(folder, 'autoexport', 'list', '--json');
    expect(JSON.parse(list.out)).toMatchObject([
      { id: 1, path: file, itemCount: 2, lastError: null },
    ]);

    expect((await cli(folder, 'autoexport', 'remove', '1')).code).toBe(0);
    expect((await cli(folder, 'autoexport', 'list')).out).toBe('');
    expect((await cli(folder, 'autoexport', 'bogus')).code).toBe(2);
    const bad = await cli(
      folder,
      'autoexport',
      'add',
      join(tmpdir(), 'x.txt'),
      '--format',
      'test-bib',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('.bib');
  });
});
