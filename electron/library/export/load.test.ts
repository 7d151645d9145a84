// allLiveIds decides which entries an export writes and in what order: it must give exactly the
// live items, in the order of the items_live_type index, with or without that index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { call } from '../../cli/command';
import { importText } from '../import/pipeline';
import { Library } from '../library';
import { readFixture } from '../testing/fixtures';
import { allLiveIds } from './load';

let lib: Library;
beforeEach(() => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-live-ids-')));
  importText(lib, readFixture('biblatex-examples.bib'), {
    fileName: 'biblatex-examples.bib',
    onDuplicate: 'import',
  });
});
afterEach(() => {
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
});

const rowByRow = (sql: string) => lib.db.prepare<[], number>(sql).pluck().all();

it('gives the live items in index order (type, then id), trashed ones left out', async () => {
  const all = rowByRow('SELECT id FROM items ORDER BY id');
  const trashed = all.filter((_, i) => i % 7 === 3);
  await call(lib, 'items.trash', { ids: trashed });
  const ids = allLiveIds(lib.db);
  expect(ids).toEqual(rowByRow('SELECT id FROM items WHERE deleted_at IS NULL ORDER BY type, id'));
  expect(ids).toHaveLength(all.length - trashed.length);
  expect(new Set(rowByRow('SELECT type FROM items')).size).toBeGreaterThan(5);
});

it('falls back to the table when the index is gone (a large import drops it)', () => {
  const before = allLiveIds(lib.db);
  lib.db.exec('BEGIN; DROP INDEX items_live_type');
  try {
    const without = allLiveIds(lib.db);
    expect([...without].sort((a, b) => a - b)).toEqual([...before].sort((a, b) => a - b));
  } finally {
    lib.db.exec('ROLLBACK');
  }
  expect(allLiveIds(lib.db)).toEqual(before);
});
