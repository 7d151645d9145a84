import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { Library } from '../library';
import { fixturePath as fixture } from '../testing/fixtures';
import { makeCorruptPdf, makeEncryptedPdf, makePages } from '../pdf/testing/make-pdf';
import { sha256Of } from './attach';
import { resolveImportedPath, resolveInside, storedPath } from './paths';

let dir: string;
let lib: Library;

async function call(name: string, input: unknown) {
  return dispatch(handlers, lib, name, input);
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
async function newItem(title = 'Host item'): Promise<number> {
  const item = await ok<{ id: number }>('items.create', {
    title,
    date: '2020',
    creators: [{ family: 'Curie', given: 'Marie' }],
  });
  return item.id;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-attach-'));
  lib = Library.open(join(dir, 'lib'));
});
afterEach(async () => {
  lib.close();
  // a background indexing worker may still hold the file briefly
  await new Promise((r) => setTimeout(r, 50));
  rmSync(dir, { recursive: true, force: true });
});

describe('attach', () => {
  it('copies the file into files/ by content hash and names it Author - Year - Title.pdf', async () => {
    const id = await newItem('Radioactive Substances');
    const bytes = readFileSync(fixture('revtex-apssamp.pdf'));
    const r = await ok<{
      attachment: { id: number; title: string; sha256: string; kind: string; missing: boolean };
    }>('attachments.add', {
      itemId: id,
      source: { kind: 'data', name: 'apssamp.pdf', base64: b64(bytes) },
    });
    const sha = sha256Of(bytes);
    expect(r.attachment).toMatchObject({
      kind: 'stored',
      sha256: sha,
      missing: false,
      title: 'Curie - 2020 - Radioactive Substances.pdf',
    });
    const onDisk = join(lib.folder, 'files', sha.slice(0, 2), `${sha}.pdf`);
    expect(readFileSync(onDisk).equals(bytes)).toBe(true);
    const content = await ok<{ base64: string }>('attachments.content', { id: r.attachment.id });
    expect(Buffer.from(content.base64, 'base64').equals(bytes)).toBe(true);
  });

  it('detects the same file attached twice, anywhere in the library, and adds nothing', async () => {
    const a = await newItem('A');
    const b = await newItem('B');
    const source = { kind: 'path', path: fixture('acmart-sample-sigconf.pdf') };
    await ok('attachments.add', { itemId: a, source });
    const again = await call('attachments.add', { itemId: b, source });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.message).toContain('already in the library');
      expect(again.error.message).toContain('“A”');
    }
    expect(await ok<unknown[]>('attachments.list', { itemId: b })).toHaveLength(0);
  });

  it('links a file in place and reports it missing once it is gone', async () => {
    const id = await newItem();
    const outside = join(dir, 'paper.pdf');
    writeFileSync(outside, await makePages(2));
    const r = await ok<{ attachment: { id: number; kind: string } }>('attachments.add', {
      itemId: id,
      source: { kind: 'path', path: outside },
      mode: 'linked',
    });
    expect(r.attachment.kind).toBe('linked');
    expect(
      existsSync(join(lib.folder, 'files')) ? readdirSync(join(lib.folder, 'files')) : [],
    ).toEqual([]);
    rmSync(outside);
    const list = await ok<{ missing: boolean }[]>('attachments.list', { itemId: id });
    expect(list).toEqual([expect.objectContaining({ missing: true })]);
    const content = await call('attachments.content', { id: r.attachment.id });
    expect(content).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('missing') },
    });
  });

  it('imports a PDF as a new item with its metadata', async () => {
    const r = await ok<{
      item: { title: string; creators: { family: string }[]; date: string; reviewNeeded: boolean };
      attachment: { title: string };
    }>('attachments.import', {
      source: { kind: 'path', path: fixture('acmart-sample-sigconf.pdf') },
    });
    expect(r.item.title).toBe('The Name of the Title Is Hope');
    expect(r.item.creators).toHaveLength(9);
    expect(r.item.date).toBe('2018');
    expect(r.item.reviewNeeded).toBe(false);
    expect(r.attachment.title).toBe('Trovato et al. - 2018 - The Name of the Title Is Hope.pdf');
  });

  it.each([
    ['not a PDF', () => new TextEncoder().encode('hello, I am a text file'), 'is not a PDF'],
    ['a damaged PDF', makeCorruptPdf, 'damaged'],
    ['an encrypted PDF', makeEncryptedPdf, 'encrypted'],
  ])(
    'refuses %s with a clear message; the item and library stay as they were',
    async (_label, make, words) => {
      const id = await newItem('Keep me');
      const before = await ok<{ dateModified: string }>('items.get', { id });
      const r = await call('attachments.add', {
        itemId: id,
        source: { kind: 'data', name: 'bad.pdf', base64: b64(make()) },
      });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'parse_error', message: expect.stringContaining(words) },
      });
      expect(await ok('items.get', { id })).toEqual(before);
      expect(await ok<unknown[]>('attachments.list', { itemId: id })).toHaveLength(0);
      expect(
        existsSync(join(lib.folder, 'files')) ? readdirSync(join(lib.folder, 'files')) : [],
      ).toEqual([]);
      const imp = await call('attachments.import', {
        source: { kind: 'data', name: 'bad.pdf', base64: b64(make()) },
      });
      expect(imp.ok).toBe(false);
      expect((await ok<{ library: number }>('items.counts', {})).library).toBe(1);
    },
  );

  it('refuses relative, missing and directory paths as a user-chosen file', async () => {
    const id = await newItem();
    for (const path of ['relative/x.pdf', '/nonexistent/x.pdf', dir, `${dir}/../x.pdf`]) {
      const r = await call('attachments.add', { itemId: id, source: { kind: 'path', path } });
      expect(r.ok).toBe(false);
    }
    const big = await call('attachments.add', {
      itemId: id,
      source: { kind: 'data', name: 'x.pdf', base64: '!!!' },
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('paths stay inside the library', () => {
  const hostile = [
    '../escape.pdf',
    '../../etc/passwd',
    'a/../../escape.pdf',
    '/etc/passwd',
    '\\\\server\\share\\x.pdf',
    'C:\\Windows\\system.ini',
    'C:/x.pdf',
    'a\\..\\..\\x.pdf',
    'x\0.pdf',
    '',
  ];
  it.each(hostile)('refuses %j', (name) => {
    const root = join(dir, 'root');
    mkdirSync(root);
    expect(() => resolveInside(root, name)).toThrow(/outside|Refusing/);
    expect(() => resolveImportedPath(root, name)).toThrow();
  });

  it('refuses a symlink that points outside, accepts plain names inside', () => {
    const root = join(dir, 'root');
    mkdirSync(root);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(root, 'link'));
    expect(() => resolveInside(root, 'link/x.pdf')).toThrow(/outside/);
    expect(resolveInside(root, 'papers/x.pdf')).toBe(join(root, 'papers', 'x.pdf'));
    expect(resolveImportedPath(root, 'file://papers/y.pdf')).toBe(join(root, 'papers', 'y.pdf'));
  });

  it('a stored row whose path was tampered with is never read', async () => {
    const id = await newItem();
    const r = await ok<{ attachment: { id: number } }>('attachments.add', {
      itemId: id,
      source: { kind: 'data', name: 'p.pdf', base64: b64(await makePages(1)) },
    });
    writeFileSync(join(dir, 'secret.pdf'), 'secret');
    for (const path of ['files/../../secret.pdf', '../secret.pdf', `${dir}/secret.pdf`]) {
      lib.db.prepare('UPDATE attachments SET path = ? WHERE id = ?').run(path, r.attachment.id);
      const c = await call('attachments.content', { id: r.attachment.id });
      expect(c).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    lib.db
      .prepare(`UPDATE attachments SET kind = 'linked', path = ? WHERE id = ?`)
      .run('relative/secret.pdf', r.attachment.id);
    expect(await call('attachments.content', { id: r.attachment.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(() => storedPath(lib.folder, 'files/../library.sqlite')).toThrow();
  });

  it('refuses to store when files/ is a symlink to elsewhere', async () => {
    const id = await newItem();
    mkdirSync(join(dir, 'elsewhere'));
    rmSync(join(lib.folder, 'files'), { recursive: true, force: true });
    symlinkSync(join(dir, 'elsewhere'), join(lib.folder, 'files'));
    const r = await call('attachments.add', {
      itemId: id,
      source: { kind: 'data', name: 'p.pdf', base64: b64(await makePages(1)) },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });
});
