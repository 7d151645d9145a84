import type { Collection, ItemView, Note } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';
import { openContextMenu, type MenuEntry } from './context-menu';

interface Handlers {
  trash(ids: number[]): void;
  openNote(note: Note): void;
}

function pathOf(c: Collection, all: Collection[]): string {
  const parent = all.find((p) => p.id === c.parentId);
  return parent ? `${pathOf(parent, all)} / ${c.name}` : c.name;
}

/** Right-click menu of the item table: acts on the selection. */
export function itemMenu(
  at: { clientX: number; clientY: number },
  ids: number[],
  view: ItemView,
  collections: Collection[],
  h: Handlers,
): void {
  const n = ids.length;
  const what = n === 1 ? 'item' : `${n} items`;
  if (view.kind === 'trash') {
    openContextMenu(at, 'Item actions', [
      { label: `Restore ${what}`, onSelect: () => run(invoke('items.restore', { ids })) },
      { label: `Delete ${what} permanently…`, danger: true, onSelect: () => h.trash(ids) },
    ]);
    return;
  }
  const addTo = () =>
    openContextMenu(
      at,
      'Add to collection',
      collections.length === 0
        ? [{ label: 'No collections yet', disabled: true, onSelect: () => {} }]
        : collections
            .map((c) => ({ c, path: pathOf(c, collections) }))
            .sort((a, b) => a.path.localeCompare(b.path))
            .map(({ c, path }) => ({
              label: path,
              onSelect: () => run(invoke('collections.addItems', { id: c.id, itemIds: ids })),
            })),
    );
  const entries: (MenuEntry | 'separator')[] = [
    { label: 'Add to collection…', onSelect: () => setTimeout(addTo, 0) },
  ];
  if (view.kind === 'collection') {
    entries.push({
      label: 'Remove from collection',
      onSelect: () => run(invoke('collections.removeItems', { id: view.id, itemIds: ids })),
    });
  }
  entries.push(
    'separator',
    { label: 'Star', onSelect: () => run(invoke('items.setFlags', { ids, starred: true })) },
    { label: 'Unstar', onSelect: () => run(invoke('items.setFlags', { ids, starred: false })) },
    {
      label: 'Mark as read',
      onSelect: () => run(invoke('items.setFlags', { ids, readState: 'read' })),
    },
    {
      label: 'Mark as unread',
      onSelect: () => run(invoke('items.setFlags', { ids, readState: 'unread' })),
    },
  );
  if (n === 1) {
    entries.push({
      label: 'Add note',
      onSelect: () => run(invoke('notes.create', { itemId: ids[0]!, body: '' }), h.openNote),
    });
  }
  entries.push('separator', {
    label: `Move ${what} to Trash`,
    danger: true,
    onSelect: () => h.trash(ids),
  });
  openContextMenu(at, 'Item actions', entries);
}
