import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures';
import { titleFromFileName } from './add-pdf';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

const pdf = readFileSync(fixturePath('revtex-apssamp.pdf'));

describe('items.createFromPdf', () => {
  it('creates an item with the PDF stored in files/, and emptying the trash removes it', async () => {
    const r = await t.call('items.createFromPdf', {
      fileName: 'revtex_apssamp.pdf',
      base64: pdf.toString('base64'),
    });
    expect(r.item.title).toBe('revtex apssamp');
    const row = t.lib.db
      .prepare<[number], { path: string; sha256: string; kind: string; item_id: number }>(
        'SELECT path, sha256, kind, item_id FROM attachments WHERE id = ?',
      )
      .get(r.attachmentId)!;
    expect(row).toMatchObject({ kind: 'stored', item_id: r.item.id });
    expect(row.path).toMatch(/^files\/[^/]+\.pdf$/);
    const onDisk = join(t.lib.folder, row.path);
    expect(readFileSync(onDisk).equals(pdf)).toBe(true);
    expect(row.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    await t.call('items.trash', { ids: [r.item.id] });
    await t.call('trash.empty', {});
    expect(existsSync(onDisk)).toBe(false);
  });

  it('refuses a file that is not a PDF and leaves the library unchanged', async () => {
    const before = t.dump();
    await expect(
      t.call('items.createFromPdf', {
        fileName: 'fake.pdf',
        base64: Buffer.from('<html>captcha</html>').toString('base64'),
      }),
    ).rejects.toThrow(/not a PDF/);
    await expect(
      t.call('items.createFromPdf', { fileName: 'x.pdf', base64: 'not base64!' }),
    ).rejects.toThrow(/base64/);
    expect(t.dump()).toEqual(before);
    expect(readdirSync(join(t.lib.folder, 'files'))).toEqual([]);
  });

  it('titles from the file name only, never a path', () => {
    expect(titleFromFileName('../../etc/Deep_Residual   Learning.PDF')).toBe(
      'Deep Residual Learning',
    );
    expect(titleFromFileName('.pdf')).toBe('Untitled PDF');
  });
});
