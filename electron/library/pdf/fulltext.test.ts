import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FullTextHit } from '../../../shared/domain/attachment';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { Library } from '../library';
import { ftsQuery } from './fulltext';
import { makePages } from './testing/make-pdf';

let dir: string;
let lib: Library;
async function ok<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, lib, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-fulltext-'));
  lib = Library.open(join(dir, 'lib'));
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('full-text index', () => {
  it('indexes every page off the main thread with progress events and finds a word with its page number', async () => {
    const bytes = await makePages(5, {
      3: 'The ornithopter appears only on page three.',
      5: 'Closing words.',
    });
    const progress: { done: number; total: number }[] = [];
    lib.on((name, payload) => {
      if (name === 'job.progress') progress.push(payload as { done: number; total: number });
    });
    const r = await ok<{ item: { id: number }; attachment: { id: number } }>('attachments.import', {
      source: { kind: 'data', name: 'five.pdf', base64: Buffer.from(bytes).toString('base64') },
    });
    const pages = await ok<number>('attachments.index', { id: r.attachment.id });
    expect(pages).toBe(5);
    expect(progress.at(-1)).toMatchObject({ done: 5, total: 5 });
    const hits = await ok<FullTextHit[]>('fulltext.search', { query: 'ornithopter' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ attachmentId: r.attachment.id, itemId: r.item.id, page: 3 });
    expect(hits[0]!.snippet).toContain('«ornithopter»');
    // prefix match on the last word, as in quick search
    expect((await ok<FullTextHit[]>('fulltext.search', { query: 'ornitho' }))[0]?.page).toBe(3);
    const att = await ok<{ indexedPages: number }>('attachments.get', { id: r.attachment.id });
    expect(att.indexedPages).toBe(5);
    // re-indexing replaces the pages rather than doubling them
    await ok('attachments.index', { id: r.attachment.id });
    expect(await ok<FullTextHit[]>('fulltext.search', { query: 'ornithopter' })).toHaveLength(1);
    // trashed items drop out of the results
    await ok('items.trash', { ids: [r.item.id] });
    expect(await ok<FullTextHit[]>('fulltext.search', { query: 'ornithopter' })).toHaveLength(0);
  });

  it('re-indexing a linked PDF whose file is gone says it is missing, as opening it does, and keeps its pages', async () => {
    const item = await ok<{ id: number }>('items.create', { title: 'Linked paper' });
    const file = join(dir, 'linked.pdf');
    writeFileSync(file, await makePages(2, { 2: 'The quokka is on page two.' }));
    const r = await ok<{ attachment: { id: number } }>('attachments.add', {
      itemId: item.id,
      source: { kind: 'path', path: file },
      mode: 'linked',
    });
    const id = r.attachment.id;
    expect(await ok<number>('attachments.index', { id })).toBe(2);
    const stored = () => ({
      attachment: lib.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id),
      pages: lib.db
        .prepare('SELECT page, text FROM attachment_pages WHERE attachment_id = ? ORDER BY page')
        .all(id),
    });
    const before = stored();
    expect(before.pages).toHaveLength(2);

    rmSync(file);
    const opened = await dispatch(handlers, lib, 'attachments.content', { id });
    const indexed = await dispatch(handlers, lib, 'attachments.index', { id });
    expect(opened).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(opened.ok ? null : opened.error.message).toBe(`The linked file ${file} is missing.`);
    expect(indexed).toEqual(opened);
    expect(stored()).toEqual(before);
    expect(await ok<FullTextHit[]>('fulltext.search', { query: 'quokka' })).toHaveLength(1);
  });

  it('turns any user text into a safe FTS5 query', () => {
    expect(ftsQuery('hello "wor')).toBe('"hello" "wor"*');
    expect(ftsQuery('NEAR( AND OR * ^')).toBe('"NEAR" "AND" "OR"*');
    expect(ftsQuery('!!!')).toBeNull();
  });
});
