import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../library/library';
import { fixturePath } from '../../library/testing/fixtures';
import { runCliText } from '../../test-support/cli';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cli = runCliText;

describe('shelfmark attach', () => {
  it('adds one item per PDF with --new, attaches to an item by id, reports bad files, indexes the text', async () => {
    const d = mkdtempSync(join(tmpdir(), 'shelfmark-cli-attach-'));
    dirs.push(d);
    const lib = join(d, 'lib');
    const notPdf = join(d, 'notes.pdf');
    writeFileSync(notPdf, 'just text');
    const r = await cli([
      '--library',
      lib,
      'attach',
      '--new',
      fixturePath('revtex-apssamp.pdf'),
      notPdf,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /added author2018manuscript \(id 1\): Manuscript Title: with Forced Linebreak/,
    );
    expect(r.err).toContain('“notes.pdf” is not a PDF file.');

    const again = await cli([
      '--library',
      lib,
      'attach',
      '1',
      fixturePath('acmart-sample-sigconf.pdf'),
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(
      /attached Author et al\. - 2018 - Manuscript Title.*\.pdf \(attachment 2\)/,
    );

    const usage = await cli(['--library', lib, 'attach', 'x', fixturePath('revtex-apssamp.pdf')]);
    expect(usage.code).toBe(2);

    const l = Library.open(lib);
    try {
      const pages = l.db
        .prepare('SELECT attachment_id, count(*) AS n FROM attachment_pages GROUP BY 1 ORDER BY 1')
        .all();
      expect(pages).toEqual([
        { attachment_id: 1, n: 7 },
        { attachment_id: 2, n: 6 },
      ]);
    } finally {
      l.close();
    }
  });
});
