import { describe, expect, it } from 'vitest';
import { buildTagTree, tagsUnder } from './tag-tree';

const tag = (id: number, name: string) => ({ id, name, color: null, position: null, itemCount: 1 });

describe('tag tree', () => {
  it('nests by `/` and keeps levels that exist only through children', () => {
    const tags = [
      tag(1, 'ml/retrieval'),
      tag(2, 'ml/nlp'),
      tag(3, 'classic'),
      tag(4, 'ml/retrieval/dense'),
    ];
    const tree = buildTagTree(tags);
    expect(tree.map((n) => n.path)).toEqual(['classic', 'ml']);
    const ml = tree[1]!;
    expect(ml.tag).toBeNull();
    expect(ml.children.map((n) => n.label)).toEqual(['nlp', 'retrieval']);
    expect(ml.children[1]!.children[0]!.path).toBe('ml/retrieval/dense');
    expect(tagsUnder(tags, 'ml/retrieval').map((t) => t.id)).toEqual([1, 4]);
    expect(tagsUnder([...tags, tag(5, 'mlops')], 'ml').map((t) => t.id)).toEqual([1, 2, 4]);
  });
});
