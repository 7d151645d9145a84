import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

const author = (family: string, given = '') => ({ family, given });

/** Attachments and annotations arrive with the PDF issue; rows are written directly here. */
function attach(itemId: number, path: string): { attachment: number; annotation: number } {
  const db = t.lib.db;
  const attachment = db
    .prepare(
      `INSERT INTO attachments (item_id, kind, path, sha256, date_added) VALUES (?, 'stored', ?, 'abc', '2020')`,
    )
    .run(itemId, path).lastInsertRowid as number;
  const annotation = db
    .prepare(
      `INSERT INTO annotations (attachment_id, kind, page, quote, date_added, date_modified)
       VALUES (?, 'highlight', 3, 'a quote', '2020', '2020')`,
    )
    .run(attachment).lastInsertRowid as number;
  return { attachment, annotation };
}

describe('duplicates', () => {
  it('groups an eprint written with its arXiv: prefix with the same paper', async () => {
    const a = await t.item('BERT', { fields: { eprint: 'arXiv:1810.04805' } });
    const b = await t.item('Bert (preprint)', {
      fields: { eprint: '1810.04805v2', eprinttype: 'arxiv' },
    });
    const groups = await t.call('duplicates.find', {});
    expect(groups.map((g) => ({ ids: g.items.map((i) => i.id), reasons: g.reasons }))).toEqual([
      { ids: [a, b], reasons: ['arxiv'] },
    ]);
  });

  it('groups by DOI, arXiv id and normalised title + year + first author', async () => {
    const d1 = await t.item('Deep Residual Learning', { doi: '10.1109/CVPR.2016.90' });
    const d2 = await t.item('ResNet (preprint title)', {
      doi: 'https://doi.org/10.1109/cvpr.2016.90',
    });
    const a1 = await t.item('BERT', { fields: { eprint: '1810.04805v2', eprinttype: 'arxiv' } });
    const a2 = await t.item('Bert, again', { url: 'https://arxiv.org/abs/1810.04805' });
    const t1 = await t.item('Attention Is All You Need', {
      date: '2017',
      creators: [author('Vaswani')],
    });
    const t2 = await t.item('attention is all you need.', {
      date: '2017-06',
      creators: [author('VASWANI')],
    });
    await t.item('Attention Is All You Need', { date: '2018', creators: [author('Vaswani')] });
    await t.item('Unrelated');
    const trashed = await t.item('Deep residual learning', { doi: '10.1109/CVPR.2016.90' });
    await t.call('items.trash', { ids: [trashed] });
    const groups = await t.call('duplicates.find', {});
    const sets = groups.map((g) => ({ ids: g.items.map((i) => i.id), reasons: g.reasons }));
    expect(sets).toEqual(
      expect.arrayContaining([
        { ids: [d1, d2], reasons: ['doi'] },
        { ids: [a1, a2], reasons: ['arxiv'] },
        { ids: [t1, t2], reasons: ['title'] },
      ]),
    );
    expect(groups).toHaveLength(3);
    const g = groups.find((x) => x.items[0]!.id === d1)!;
    expect(g.masterId).toBe(d1);
    expect(g.differences.find((d) => d.field === 'title')!.values).toEqual([
      { itemId: d1, value: 'Deep Residual Learning' },
      { itemId: d2, value: 'ResNet (preprint title)' },
    ]);
  });

  it('merges keeping every tag, note, annotation, attachment, collection and key alias, with field choices', async () => {
    const m = await t.item('Attention Is All You Need', {
      citationKey: 'vaswani2017attention',
      venue: 'NeurIPS',
      fields: { pages: '5998--6008' },
    });
    const o = await t.item('Attention is all you need (v5)', {
      citationKey: 'vaswani2017arxiv',
      doi: '10.48550/arXiv.1706.03762',
      fields: { pages: '1--15', eprint: '1706.03762' },
      starred: true,
      rating: 4,
      readState: 'read',
    });
    t.lib.db
      .prepare(`INSERT INTO citation_key_aliases (alias, item_id) VALUES ('vaswaniOld', ?)`)
      .run(o);
    await t.call('tags.add', { itemIds: [m], names: ['nlp'] });
    await t.call('tags.add', { itemIds: [o], names: ['transformers', 'nlp'] });
    const c1 = await t.call('collections.create', { name: 'C1' });
    const c2 = await t.call('collections.create', { name: 'C2' });
    await t.call('collections.addItems', { id: c1.id, itemIds: [m] });
    await t.call('collections.addItems', { id: c2.id, itemIds: [o] });
    const note = await t.call('notes.create', { itemId: o, body: 'note on the preprint' });
    const { attachment, annotation } = attach(o, 'files/preprint.pdf');
    const before = t.dump();

    await t.call('duplicates.merge', {
      groups: [{ masterId: m, otherIds: [o], choices: { 'fields.pages': o } }],
    });
    const merged = await t.call('items.get', { id: m });
    await expect(t.call('items.get', { id: o })).rejects.toThrow(/does not exist/);
    expect(merged.title).toBe('Attention Is All You Need');
    expect(merged.venue).toBe('NeurIPS');
    expect(merged.doi).toBe('10.48550/arXiv.1706.03762'); // master had none: not lost
    expect(merged.fields).toEqual({ pages: '1--15', eprint: '1706.03762' });
    expect(merged.tags).toEqual(['nlp', 'transformers']);
    expect(merged.collectionIds).toEqual([c1.id, c2.id]);
    expect(merged.keyAliases).toEqual(['vaswani2017arxiv', 'vaswaniOld']);
    expect(merged.starred).toBe(true);
    expect(merged.rating).toBe(4);
    expect(merged.readState).toBe('read');
    expect((await t.call('notes.get', { id: note.id })).itemId).toBe(m);
    const db = t.lib.db;
    expect(db.prepare('SELECT item_id FROM attachments WHERE id = ?').pluck().get(attachment)).toBe(
      m,
    );
    expect(
      db.prepare('SELECT attachment_id FROM annotations WHERE id = ?').pluck().get(annotation),
    ).toBe(attachment);
    // undo restores every row exactly, including the deleted item and the full-text index
    expect((await t.call('undo.peek', {}))?.label).toBe('Merge 2 duplicates');
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(before);
  });

  it('merges all groups of the preview as one undoable action', async () => {
    const ids = [];
    for (const doi of ['10.1/a', '10.1/a', '10.1/b', '10.1/b', '10.1/b'])
      ids.push(await t.item(`x ${doi}`, { doi }));
    const before = t.dump();
    const groups = await t.call('duplicates.find', {});
    expect(groups).toHaveLength(2);
    const out = await t.call('duplicates.merge', {
      groups: groups.map((g) => ({
        masterId: g.masterId,
        otherIds: g.items.map((i) => i.id).filter((id) => id !== g.masterId),
      })),
    });
    expect(out.map((r) => r.merged).sort()).toEqual([1, 2]);
    expect((await t.call('items.counts', {})).library).toBe(2);
    expect(await t.call('duplicates.find', {})).toEqual([]);
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(before);
  });

  it('refuses bad merges without changing anything', async () => {
    const a = await t.item('a');
    const b = await t.item('b');
    const before = t.dump();
    await expect(
      t.call('duplicates.merge', { groups: [{ masterId: a, otherIds: [a] }] }),
    ).rejects.toThrow(/at least two/);
    await expect(
      t.call('duplicates.merge', {
        groups: [{ masterId: a, otherIds: [b], choices: { title: 999 } }],
      }),
    ).rejects.toThrow(/from an item of the group/);
    await expect(
      t.call('duplicates.merge', { groups: [{ masterId: a, otherIds: [999] }] }),
    ).rejects.toThrow(/Item 999/);
    await expect(
      t.call('duplicates.merge', {
        groups: [{ masterId: a, otherIds: [b], choices: { 'bad key': b } }],
      }),
    ).rejects.toThrow();
    expect(t.dump()).toEqual(before);
  });
});
