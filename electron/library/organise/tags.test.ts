import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

const tag = async (name: string) => (await t.call('tags.list', {})).find((x) => x.name === name);
const tagsOf = async (id: number) => (await t.call('items.get', { id })).tags;
const listIds = async (input: Parameters<TestLib['call']>[1]) =>
  (await t.call('items.list', input as never)).rows.map((r) => r.id).sort((a, b) => a - b);

describe('tags', () => {
  it('adds and removes tags on one item and in bulk, normalising hierarchy separators', async () => {
    const [a, b] = [await t.item('a'), await t.item('b')];
    expect(
      await t.call('tags.setForItem', { itemId: a, tags: ['ml / retrieval', 'zeta'] }),
    ).toEqual(['ml/retrieval', 'zeta']);
    expect(await t.call('tags.add', { itemIds: [a, b], names: ['shared', 'zeta'] })).toBe(3);
    expect(await tagsOf(b)).toEqual(['shared', 'zeta']);
    expect(await t.call('tags.remove', { itemIds: [a, b], names: ['zeta'] })).toBe(2);
    expect(await tagsOf(a)).toEqual(['ml/retrieval', 'shared']);
    await expect(t.call('tags.add', { itemIds: [a], names: ['//'] })).rejects.toThrow(
      /needs a name/,
    );
  });

  it('bulk tagging a selection of only purged or unknown items creates no empty tag', async () => {
    const a = await t.item('a');
    const before = t.dump();
    // a stale selection: the unknown ids are ignored, as every bulk call does
    expect(await t.call('tags.add', { itemIds: [987654], names: ['a', 'b/c'] })).toBe(0);
    expect(t.dump()).toEqual(before);
    expect(await t.call('tags.list', {})).toEqual([]);
    // a name is still checked, whatever the selection
    await expect(t.call('tags.add', { itemIds: [987654], names: ['//'] })).rejects.toThrow(
      /needs a name/,
    );
    // one existing item in the selection is enough
    expect(await t.call('tags.add', { itemIds: [987654, a], names: ['a'] })).toBe(1);
    expect(await tagsOf(a)).toEqual(['a']);
  });

  it('gives a tag a colour and a digit; the digit moves from another tag; toggling acts on a selection', async () => {
    const [a, b] = [await t.item('a'), await t.item('b')];
    await t.call('tags.add', { itemIds: [a], names: ['red', 'blue'] });
    const red = (await tag('red'))!;
    const blue = (await tag('blue'))!;
    await t.call('tags.update', { id: red.id, color: '#ff0000', position: 1 });
    await t.call('tags.update', { id: blue.id, color: '#0000ff', position: 1 });
    expect((await tag('red'))!.position).toBeNull();
    expect((await tag('blue'))!.position).toBe(1);
    await expect(t.call('tags.update', { id: red.id, color: 'red' })).rejects.toThrow(/hex colour/);
    await expect(t.call('tags.toggle', { itemIds: [a], position: 0 })).rejects.toThrow();
    await t.call('tags.update', { id: red.id, position: 2 });
    // a has blue, b not: pressing 1 adds blue to b
    expect(await t.call('tags.toggle', { itemIds: [a, b], position: 1 })).toEqual({
      tag: 'blue',
      added: true,
    });
    expect(await tagsOf(b)).toEqual(['blue']);
    // now both have it: pressing 1 again removes it from both
    expect(await t.call('tags.toggle', { itemIds: [a, b], position: 1 })).toEqual({
      tag: 'blue',
      added: false,
    });
    expect(await tagsOf(a)).toEqual(['red']);
    expect(await tagsOf(b)).toEqual([]);
    await expect(t.call('tags.toggle', { itemIds: [a], position: 9 })).rejects.toThrow(
      /No tag is assigned to key 9/,
    );
    // coloured tags come with the table rows, as dots
    const rows = (await t.call('items.list', {})).rows;
    expect(rows.find((r) => r.id === a)!.colorTags).toEqual([{ name: 'red', color: '#ff0000' }]);
  });

  it('filters by a parent tag including its children, and by several tags with AND', async () => {
    const [a, b, c] = [await t.item('a'), await t.item('b'), await t.item('c')];
    await t.call('tags.add', { itemIds: [a], names: ['ml/retrieval', 'read'] });
    await t.call('tags.add', { itemIds: [b], names: ['ml'] });
    await t.call('tags.add', { itemIds: [c], names: ['mlops', 'read'] });
    expect(await listIds({ view: { kind: 'tag', name: 'ml' } })).toEqual([a, b]);
    expect(await listIds({ tags: ['ml'] })).toEqual([a, b]);
    expect(await listIds({ tags: ['ml', 'read'] })).toEqual([a]);
    expect(await listIds({ tags: ['ml/retrieval'] })).toEqual([a]);
    // LIKE wildcards in a name are literal
    await t.call('tags.add', { itemIds: [c], names: ['m_'] });
    expect(await listIds({ tags: ['m_'] })).toEqual([c]);
  });

  it('counts distinct items under a parent tag, once each, without trashed items', async () => {
    const [a, b, c, d] = [
      await t.item('a'),
      await t.item('b'),
      await t.item('c'),
      await t.item('d'),
    ];
    // a has two children of ml: it counts once; c's "mlops" is not under "ml"
    await t.call('tags.add', { itemIds: [a], names: ['ml/retrieval', 'ml/vision'] });
    await t.call('tags.add', { itemIds: [b], names: ['ml'] });
    await t.call('tags.add', { itemIds: [c], names: ['mlops', 'nlp/parsing/deep'] });
    await t.call('tags.add', { itemIds: [d], names: ['ml/vision'] });
    const counts = async () =>
      Object.fromEntries((await t.call('tags.treeCounts', {})).map((x) => [x.path, x.count]));
    // "nlp" and "nlp/parsing" exist only through their child and still get counts
    expect(await counts()).toEqual({ ml: 3, nlp: 1, 'nlp/parsing': 1 });
    expect((await tag('ml'))!.itemCount).toBe(1);
    await t.call('items.trash', { ids: [d] });
    expect((await counts()).ml).toBe(2);
  });

  it('renames a tag with its children and refuses a clash', async () => {
    const a = await t.item('a');
    await t.call('tags.add', {
      itemIds: [a],
      names: ['ml', 'ml/retrieval', 'ml/retrieval/dense', 'other'],
    });
    const ml = (await tag('ml'))!;
    await t.call('tags.rename', { id: ml.id, name: 'machine-learning' });
    expect(await tagsOf(a)).toEqual([
      'machine-learning',
      'machine-learning/retrieval',
      'machine-learning/retrieval/dense',
      'other',
    ]);
    await expect(t.call('tags.rename', { id: ml.id, name: 'other' })).rejects.toThrow(
      /merge the tags/,
    );
    // a case-only rename is allowed
    await t.call('tags.rename', { id: ml.id, name: 'Machine-Learning' });
    expect((await tagsOf(a))[0]).toBe('Machine-Learning');
  });

  it('merges tags (undoable) and deletes tags (undo restores colour, digit and links)', async () => {
    const [a, b] = [await t.item('a'), await t.item('b')];
    await t.call('tags.add', { itemIds: [a], names: ['nlp'] });
    await t.call('tags.add', { itemIds: [a, b], names: ['NLP-old'] });
    const before = t.dump();
    const target = (await tag('nlp'))!;
    const src = (await tag('NLP-old'))!;
    const merged = await t.call('tags.merge', { sourceIds: [src.id], targetId: target.id });
    expect(merged.itemCount).toBe(2);
    expect(await tag('NLP-old')).toBeUndefined();
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(before);

    await t.call('tags.update', { id: target.id, color: '#123456', position: 4 });
    const withColour = t.dump();
    expect(await t.call('tags.delete', { ids: [target.id] })).toBe(1);
    expect(await tagsOf(a)).toEqual(['NLP-old']);
    expect((await t.call('undo.peek', {}))?.label).toBe('Delete tag "nlp"');
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(withColour);
    expect((await tag('nlp'))!.position).toBe(4);
  });
});
