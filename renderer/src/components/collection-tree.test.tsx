// @vitest-environment jsdom
// The collection tree goes into the page a slice of top-level collections per task, in
// memoised chunks; every collection still arrives, nested, with its roles and names, and a
// collapsed branch stays collapsed while later slices arrive.
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../../shared/domain/library';
import { CollectionTree } from './collection-tree';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// 30 top-level collections (three slices of 12), each with one child
const all: Collection[] = Array.from({ length: 30 }, (_, i) => [
  { id: i + 1, parentId: null, name: `Top ${i + 1}`, itemCount: i },
  { id: 100 + i, parentId: i + 1, name: `Child of ${i + 1}`, itemCount: 0 },
]).flat();
const names = (el: Element, selector: string) =>
  [...el.querySelectorAll(selector)].map((e) => e.getAttribute('aria-label'));
const tick = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('CollectionTree', () => {
  it('adds every top-level collection slice by slice, keeping structure and collapsed branches', async () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    const props = { parentId: null, all, view: { kind: 'library' as const }, onView: () => {} };
    await act(() => root.render(createElement(CollectionTree, props)));
    const tree = host.querySelector('[role="tree"]')!;
    expect(tree.getAttribute('aria-label')).toBe('Collections');
    expect(names(tree, ':scope > [role="treeitem"]')).toHaveLength(12);
    // collapse the first branch before the rest arrives
    const collapse = host.querySelector<HTMLButtonElement>('button[aria-label="Collapse Top 1"]')!;
    await act(() => collapse.click());
    for (let i = 0; i < 5; i++) await tick();
    expect(names(tree, ':scope > [role="treeitem"]')).toEqual(
      Array.from({ length: 30 }, (_, i) => `Top ${i + 1}`),
    );
    // children sit in a group under their parent; the collapsed one shows none
    expect(names(tree, '[role="group"] > [role="treeitem"]')).toEqual(
      Array.from({ length: 29 }, (_, i) => `Child of ${i + 2}`),
    );
    expect(tree.querySelector('[aria-label="Top 1"]')!.getAttribute('aria-expanded')).toBe('false');
    expect(tree.querySelector('[aria-label="Top 30"]')!.getAttribute('aria-expanded')).toBe('true');
    await act(() => root.unmount());
  });
});
