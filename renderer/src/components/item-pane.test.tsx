// @vitest-environment jsdom
// The item pane shows the item that is selected now: an answer for an item selected before
// (a slow items.get, or the save of an edit made just before clicking another row) that lands
// after the new item's answer must not take the pane, or edits would go to the wrong item.
import { act, createElement } from 'react';
import { type Root, createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../../shared/domain/item';

const pending = new Map<string, (item: Item) => void>();

const itemOf = (id: number, title: string): Item =>
  ({
    id,
    type: 'article',
    citationKey: `k${id}`,
    title,
    date: '2020',
    venue: '',
    doi: '',
    url: '',
    abstract: '',
    creators: [],
    fields: {},
    tags: [],
    deletedAt: null,
    reviewNeeded: false,
    dateAdded: '2020-01-01T00:00:00Z',
    dateModified: '2020-01-01T00:00:00Z',
  }) as unknown as Item;

// items.get and items.update wait until the test answers them; the pane's other sections get
// empty lists
vi.mock('../api/client', () => ({
  invoke: vi.fn((name: string, input: { id?: number }) => {
    if (name === 'items.get' || name === 'items.update') {
      return new Promise<Item>((resolve) => pending.set(`${name}:${input.id}`, resolve));
    }
    return Promise.resolve([]);
  }),
  onEvent: () => () => {},
}));

const { ItemPane } = await import('./item-pane');

let root: Root;
let host: HTMLDivElement;
const render = (itemId: number) =>
  act(() =>
    root.render(
      createElement(ItemPane, {
        itemId,
        onError: () => {},
        allTags: [],
        onOpenNote: () => {},
        onOpenPdf: () => {},
      }),
    ),
  );
const answer = (call: string, item: Item) =>
  act(async () => {
    const resolve = pending.get(call);
    if (!resolve) throw new Error(`no pending ${call}`);
    pending.delete(call);
    resolve(item);
    await new Promise((r) => setTimeout(r, 0));
  });
const shownTitle = () => (host.querySelector('#field-title') as HTMLTextAreaElement | null)?.value;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  pending.clear();
  host = document.createElement('div');
  root = createRoot(host);
});
afterEach(() => act(() => root.unmount()));

describe('ItemPane', () => {
  it('ignores a late items.get for an item no longer selected', async () => {
    await render(1);
    await render(2);
    await answer('items.get:2', itemOf(2, 'Second'));
    expect(shownTitle()).toBe('Second');
    await answer('items.get:1', itemOf(1, 'First'));
    expect(shownTitle()).toBe('Second');
  });

  it('ignores the answer to an edit of the item selected before', async () => {
    await render(1);
    await answer('items.get:1', itemOf(1, 'First'));
    // edit the title, then leave the field (which saves) by selecting another item
    const title = host.querySelector('#field-title') as HTMLTextAreaElement;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      set.call(title, 'First, edited');
      title.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      title.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    await render(2);
    await answer('items.get:2', itemOf(2, 'Second'));
    await answer('items.update:1', itemOf(1, 'First, edited'));
    expect(shownTitle()).toBe('Second');
  });
});
