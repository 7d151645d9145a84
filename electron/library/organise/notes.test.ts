import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

describe('notes', () => {
  it('creates, lists, updates and deletes notes on an item and standalone', async () => {
    const a = await t.item('paper');
    const n1 = await t.call('notes.create', {
      itemId: a,
      body: '# Method\n\nUses **BM25** as baseline.',
    });
    expect(n1.title).toBe('Method');
    const alone = await t.call('notes.create', { body: 'Thesis plan', title: 'Plan' });
    expect(alone.itemId).toBeNull();
    expect((await t.call('notes.list', { itemId: a })).map((n) => n.id)).toEqual([n1.id]);
    expect((await t.call('notes.list', { itemId: null })).map((n) => n.id)).toEqual([alone.id]);
    // a derived title follows the first line; an explicit one stays
    const up = await t.call('notes.update', { id: n1.id, body: '## Results\n\nbetter' });
    expect(up.title).toBe('Results');
    const named = await t.call('notes.update', { id: alone.id, body: 'something else' });
    expect(named.title).toBe('Plan');
    await expect(t.call('notes.create', { itemId: 999, body: 'x' })).rejects.toThrow(/Item 999/);
    await t.call('notes.delete', { id: n1.id });
    await expect(t.call('notes.get', { id: n1.id })).rejects.toThrow(/does not exist/);
    await t.call('undo.apply', {});
    expect((await t.call('notes.get', { id: n1.id })).body).toBe('## Results\n\nbetter');
  });

  it('finds notes through the full-text index, including after edits and undo', async () => {
    const a = await t.item('paper');
    const n = await t.call('notes.create', {
      itemId: a,
      body: 'Contrastive pretraining of retrievers',
    });
    await t.call('notes.create', { body: 'Unrelated shopping list' });
    expect((await t.call('notes.search', { text: 'retriev' })).map((h) => h.note.id)).toEqual([
      n.id,
    ]);
    await t.call('notes.update', { id: n.id, body: 'Sparse lexical matching' });
    expect(await t.call('notes.search', { text: 'retriev' })).toEqual([]);
    const hits = await t.call('notes.search', { text: 'lexical' });
    expect(hits[0]!.snippet).toContain('lexical');
    await t.call('notes.delete', { id: n.id });
    expect(await t.call('notes.search', { text: 'lexical' })).toEqual([]);
    await t.call('undo.apply', {});
    expect((await t.call('notes.search', { text: 'lexical' })).length).toBe(1);
    // FTS syntax typed by the user is plain text, not an error
    expect(await t.call('notes.search', { text: '"AND OR (' })).toEqual([]);
  });

  it('keeps a hostile body verbatim (sanitising happens when rendering)', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const n = await t.call('notes.create', { body });
    expect((await t.call('notes.get', { id: n.id })).body).toBe(body);
  });
});
