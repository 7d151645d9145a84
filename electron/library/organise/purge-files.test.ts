import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedRelPath } from '../attachments/paths';
import { now } from '../items/repo';
import { fixturePath } from '../testing/fixtures';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
  mkdirSync(join(t.lib.folder, 'files'), { recursive: true });
});
afterEach(() => t.close());

/** Writes a file (library-relative or absolute) and records it as an attachment of the item. */
function attach(itemId: number, path: string, content: string, kind: 'stored' | 'linked') {
  const abs = path.startsWith('/') ? path : join(t.lib.folder, path);
  writeFileSync(abs, content);
  const sha = createHash('sha256').update(content).digest('hex');
  t.lib.db
    .prepare(
      `INSERT INTO attachments (item_id, kind, path, sha256, size, date_added)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(itemId, kind, path, sha, content.length, now());
  return abs;
}

describe('purging items removes their stored files', () => {
  it('empty trash deletes unreferenced stored files, keeps shared, linked and live ones', async () => {
    const [a, b, c, d] = [
      await t.item('a'),
      await t.item('b'),
      await t.item('c'),
      await t.item('d'),
    ];
    const onlyA = attach(a, 'files/a.pdf', '%PDF-a', 'stored');
    // b's file has the same content as c's: c still lives, so the content stays referenced
    const sharedB = attach(b, 'files/b.pdf', '%PDF-shared', 'stored');
    const liveC = attach(c, 'files/c.pdf', '%PDF-shared', 'stored');
    const outside = join(mkdtempSync(join(tmpdir(), 'shelfmark-linked-')), 'mine.pdf');
    attach(d, outside, '%PDF-linked', 'linked');
    await t.call('items.trash', { ids: [a, b, d] });

    expect(await t.call('trash.empty', {})).toBe(3);
    expect(existsSync(onlyA)).toBe(false);
    expect(existsSync(sharedB)).toBe(true);
    expect(existsSync(liveC)).toBe(true);
    expect(existsSync(outside)).toBe(true); // linked: the user's own file
    expect(t.lib.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 1 });
    // emptying the trash is not undoable, so no undo can point rows back at a removed file
    expect(await t.call('undo.peek', {})).toBeNull();
  });

  it('items.purge removes only the purged items’ files, and only after a commit', async () => {
    const [a, b, live] = [await t.item('a'), await t.item('b'), await t.item('live')];
    const fa = attach(a, 'files/a.pdf', '%PDF-a', 'stored');
    const fb = attach(b, 'files/b.pdf', '%PDF-b', 'stored');
    await t.call('items.trash', { ids: [a, b] });

    // one id is not in the trash: the whole purge rolls back and no file is touched
    await expect(t.call('items.purge', { ids: [a, live] })).rejects.toThrow(/not in the trash/);
    expect(existsSync(fa)).toBe(true);

    expect(await t.call('items.purge', { ids: [a] })).toBe(1);
    expect(existsSync(fa)).toBe(false);
    expect(existsSync(fb)).toBe(true); // b is still in the trash, restorable with its file
    await t.call('items.restore', { ids: [b] });
    expect(existsSync(fb)).toBe(true);
  });

  it('never deletes outside the library files/ folder, whatever the stored path says', async () => {
    const a = await t.item('a');
    const escape = attach(a, 'escape.pdf', '%PDF-root', 'stored'); // library root, not files/
    const elsewhere = mkdtempSync(join(tmpdir(), 'shelfmark-elsewhere-'));
    writeFileSync(join(elsewhere, 'victim.pdf'), '%PDF-victim');
    symlinkSync(elsewhere, join(t.lib.folder, 'files', 'sub'));
    t.lib.db
      .prepare(
        `INSERT INTO attachments (item_id, kind, path, sha256, date_added)
         VALUES (?, 'stored', 'files/sub/victim.pdf', 'x', ?), (?, 'stored', '../../etc/passwd', 'y', ?)`,
      )
      .run(a, now(), a, now());
    await t.call('items.trash', { ids: [a] });
    await t.call('trash.empty', {});
    expect(existsSync(escape)).toBe(true);
    expect(existsSync(join(elsewhere, 'victim.pdf'))).toBe(true);
    expect(existsSync('/etc/passwd')).toBe(true);
  });

  it('a PDF attached through the attachments module goes when its item is purged', async () => {
    const [a, b] = [await t.item('a'), await t.item('b')];
    const pdf = (name: string) => ({
      kind: 'data' as const,
      name: `${name}.pdf`,
      base64: readFileSync(fixturePath(`${name}.pdf`)).toString('base64'),
    });
    const ra = await t.call('attachments.add', {
      itemId: a,
      source: pdf('revtex-apssamp'),
      mode: 'stored',
    });
    const rb = await t.call('attachments.add', {
      itemId: b,
      source: pdf('acmart-sample-sigconf'),
      mode: 'stored',
    });
    const [fa, fb] = [ra, rb].map((r) => join(t.lib.folder, storedRelPath(r.attachment.sha256)));
    expect(existsSync(fa!) && existsSync(fb!)).toBe(true);
    await t.call('items.trash', { ids: [a, b] });
    await t.call('items.purge', { ids: [a] });
    expect(existsSync(fa!)).toBe(false);
    expect(existsSync(fb!)).toBe(true); // b is still in the trash and can be restored whole
  });
});
