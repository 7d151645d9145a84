import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempLibrary } from '../test-support/temp-library';
import { importText } from './import/pipeline';
import { fixturePath } from './testing/fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('Library.beforeCommit', () => {
  it('runs once per outermost write, inside it, until removed', () => {
    const { lib, cleanup } = tempLibrary();
    cleanups.push(cleanup);
    const seen: boolean[] = [];
    const off = lib.beforeCommit(() => seen.push(lib.db.inTransaction));
    lib.write(() => lib.write(() => lib.db.exec('DELETE FROM settings WHERE 0')));
    expect(seen).toEqual([true]);
    // an import is one commit, so the CLI holds Ctrl-C only once it is committing
    importText(lib, readFileSync(fixturePath('xampl.bib'), 'utf8'), {
      fileName: 'xampl.bib',
      onDuplicate: 'skip',
    });
    expect(seen).toEqual([true, true]);
    off();
    lib.write(() => undefined);
    expect(seen).toHaveLength(2);
  });
});
