import { describe, expect, it } from 'vitest';
import { DocCache } from './doc-cache';

class FakeDoc {
  destroyed = 0;
  constructor(readonly name: string) {}
  destroy() {
    this.destroyed++;
  }
}

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('reader document cache', () => {
  it('hands a closed document back to the next open of the same attachment and content', () => {
    const cache = new DocCache<FakeDoc>(2);
    const doc = new FakeDoc('one');
    cache.keep(1, SHA_A, 10, doc);
    cache.release(1, doc);
    expect(doc.destroyed).toBe(0);
    expect(cache.take(1, SHA_A)).toBe(doc);
    expect(cache.take(2, SHA_A)).toBeNull();
  });

  it('refuses a hit when the id now holds other content (id reused after a delete)', () => {
    const cache = new DocCache<FakeDoc>(2);
    const doc = new FakeDoc('old');
    cache.keep(1, SHA_A, 10, doc);
    cache.release(1, doc);
    expect(cache.take(1, SHA_B)).toBeNull();
    expect(doc.destroyed).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('keeps at most `limit` documents, letting the least recently used unused one go', () => {
    const cache = new DocCache<FakeDoc>(2);
    const docs = [new FakeDoc('1'), new FakeDoc('2'), new FakeDoc('3')];
    cache.keep(1, SHA_A, 10, docs[0]!);
    cache.release(1, docs[0]!);
    cache.keep(2, SHA_A, 20, docs[1]!);
    cache.release(2, docs[1]!);
    // 1 is used again, so 2 is now the least recently used
    expect(cache.take(1, SHA_A)).toBe(docs[0]);
    cache.release(1, docs[0]!);
    cache.keep(3, SHA_B, 30, docs[2]!);
    expect(cache.size).toBe(2);
    expect(docs.map((d) => d.destroyed)).toEqual([0, 1, 0]);
    expect(cache.take(2, SHA_A)).toBeNull();
  });

  it('never destroys a document a reader still shows; it goes when that reader closes', () => {
    const cache = new DocCache<FakeDoc>(1);
    const shown = new FakeDoc('shown');
    cache.keep(1, SHA_A, 10, shown);
    const other = new FakeDoc('other');
    cache.keep(2, SHA_A, 20, other); // over the limit, but 1 is in use
    expect(shown.destroyed).toBe(0);
    cache.release(2, other);
    expect(other.destroyed).toBe(1); // the unused one made room
    cache.drop(1); // e.g. its attachment was deleted while open
    expect(shown.destroyed).toBe(0);
    cache.release(1, shown);
    expect(shown.destroyed).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('drops the documents of items whose attachments changed, or all without ids', () => {
    const cache = new DocCache<FakeDoc>(3);
    const docs = [new FakeDoc('1'), new FakeDoc('2'), new FakeDoc('3')];
    docs.forEach((d, i) => {
      cache.keep(i + 1, SHA_A, (i + 1) * 10, d);
      cache.release(i + 1, d);
    });
    cache.dropItems([20]);
    expect(docs.map((d) => d.destroyed)).toEqual([0, 1, 0]);
    expect(cache.take(2, SHA_A)).toBeNull();
    cache.dropItems();
    expect(docs.map((d) => d.destroyed)).toEqual([1, 1, 1]);
    expect(cache.size).toBe(0);
  });

  it('destroys a released document it never kept (a linked file is never cached)', () => {
    const cache = new DocCache<FakeDoc>(2);
    const linked = new FakeDoc('linked');
    cache.release(5, linked);
    expect(linked.destroyed).toBe(1);
  });

  it('keeps a document opened ahead of a click as unused: it makes room first, and a take uses it', () => {
    const cache = new DocCache<FakeDoc>(1);
    const ahead = new FakeDoc('ahead');
    cache.keep(1, SHA_A, 10, ahead, false);
    expect(cache.take(1, SHA_A)).toBe(ahead); // the click found it
    cache.release(1, ahead);
    const next = new FakeDoc('next');
    cache.keep(2, SHA_B, 20, next, false); // the next item shown: the older one goes
    expect(ahead.destroyed).toBe(1);
    expect(cache.has(2)).toBe(true);
    expect(cache.has(1)).toBe(false);
  });
});
