// Libraries keep rendered entries between sessions tagged with BIB_WRITER_VERSION
// (export/entry-store.ts). If the writer's output changes while the version stays, an updated
// app would serve entries rendered by the old writer. This test pins the output of the current
// version over the fixtures: when it fails, bump BIB_WRITER_VERSION and record the new digests.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadItems } from '../../export/load';
import { importText } from '../../import/pipeline';
import { Library } from '../../library';
import { readFixture } from '../../testing/fixtures';
import { BIB_WRITER_VERSION, writeBib } from './write';

const RECORDED = {
  version: 6,
  bibtex: 'de5f3c0042ae0fc221191f8ef682bd843d6c705203d939338fcc26cbb6231c24',
  biblatex: '01ab37aa9c47d9f28937867eaf9b18fa1d14568938f0ca73415aaf6847efbfe0',
};

it('the writer version is bumped whenever the rendered entries change', () => {
  const lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-writer-')));
  try {
    for (const f of ['xampl.bib', 'biblatex-examples.bib'])
      importText(lib, readFixture(f), { fileName: f, onDuplicate: 'import' });
    const items = loadItems(lib.db, null);
    expect(items.length).toBeGreaterThan(50);
    const digest = (profile: 'bibtex' | 'biblatex') =>
      createHash('sha256').update(writeBib(items, { profile })).digest('hex');
    const now = {
      version: BIB_WRITER_VERSION,
      bibtex: digest('bibtex'),
      biblatex: digest('biblatex'),
    };
    expect(now, 'the .bib output changed: bump BIB_WRITER_VERSION and record the digests').toEqual(
      RECORDED,
    );
  } finally {
    lib.close();
    rmSync(lib.folder, { recursive: true, force: true });
  }
});
