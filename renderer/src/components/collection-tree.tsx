import { memo, useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { Collection, ItemView } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';
import { openContextMenu } from './context-menu';
import { askConfirm, askText } from './dialogs';
import { ITEMS_MIME } from './item-table';
import { onTreeArrow } from './tree-keys';

export const COLLECTION_MIME = 'application/x-shelfmark-collection';

interface Props {
  parentId: number | null;
  all: Collection[];
  view: ItemView;
  onView(v: ItemView): void;
}

export async function newCollection(parentId: number | null) {
  const name = await askText(
    parentId === null ? 'New collection' : 'New sub-collection',
    'Name',
    '',
    'Create',
  );
  if (name?.trim()) run(invoke('collections.create', { name: name.trim(), parentId }));
}

/** Drop target logic shared by tree rows and the top-level heading. */
export function collectionDrop(targetId: number | null) {
  return {
    onDragOver(e: DragEvent) {
      const t = e.dataTransfer.types;
      if (t.includes(COLLECTION_MIME) || (targetId !== null && t.includes(ITEMS_MIME))) {
        e.preventDefault();
        e.dataTransfer.dropEffect = t.includes(ITEMS_MIME) ? 'copy' : 'move';
        e.currentTarget.classList.add('drop-target');
      }
    },
    onDragLeave(e: DragEvent) {
      e.currentTarget.classList.remove('drop-target');
    },
    onDrop(e: DragEvent) {
      e.currentTarget.classList.remove('drop-target');
      const items = e.dataTransfer.getData(ITEMS_MIME);
      const col = e.dataTransfer.getData(COLLECTION_MIME);
      if (items && targetId !== null) {
        e.preventDefault();
        run(
          invoke('collections.addItems', { id: targetId, itemIds: JSON.parse(items) as number[] }),
        );
      } else if (col) {
        e.preventDefault();
        e.stopPropagation();
        const id = Number(col);
        if (id !== targetId) run(invoke('collections.move', { id, parentId: targetId }));
      }
    },
  };
}

/** Ids of a collection and everything below it: never valid targets for moving it. */
function subtree(all: Collection[], id: number): Set<number> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of all) {
      if (c.parentId !== null && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The keyboard way to do what dragging a collection does. */
function moveMenu(at: { clientX: number; clientY: number }, c: Collection, all: Collection[]) {
  const banned = subtree(all, c.id);
  openContextMenu(at, `Move ${c.name} to`, [
    ...(c.parentId !== null
      ? [
          {
            label: 'Top level',
            onSelect: () => run(invoke('collections.move', { id: c.id, parentId: null })),
          },
        ]
      : []),
    ...all
      .filter((t) => !banned.has(t.id) && t.id !== c.parentId)
      .map((t) => ({
        label: t.name,
        onSelect: () => run(invoke('collections.move', { id: c.id, parentId: t.id })),
      })),
  ]);
}

function menu(e: { clientX: number; clientY: number }, c: Collection, all: Collection[]) {
  openContextMenu(e, `Collection ${c.name}`, [
    { label: 'New sub-collection…', onSelect: () => void newCollection(c.id) },
    {
      label: 'Rename…',
      onSelect: () =>
        void askText(`Rename "${c.name}"`, 'Name', c.name, 'Rename').then((name) => {
          if (name?.trim() && name.trim() !== c.name) {
            run(invoke('collections.rename', { id: c.id, name: name.trim() }));
          }
        }),
    },
    { label: 'Move to…', onSelect: () => setTimeout(() => moveMenu(e, c, all), 0) },
    'separator',
    {
      label: 'Delete collection…',
      danger: true,
      onSelect: () => void confirmDelete(c),
    },
  ]);
}

function confirmDelete(c: Collection) {
  return askConfirm(
    `Delete the collection "${c.name}" and its sub-collections? The items stay in your library.`,
    'Delete collection',
    true,
  ).then((ok) => ok && run(invoke('collections.delete', { id: c.id })));
}

/** Collections by parent id, built once per list: a scan per level was quadratic (2,000 collections: 4M steps per render). */
type Children = ReadonlyMap<number | null, Collection[]>;

function byParent(all: Collection[]): Children {
  const out = new Map<number | null, Collection[]>();
  for (const c of all) {
    const list = out.get(c.parentId);
    if (list) list.push(c);
    else out.set(c.parentId, [c]);
  }
  return out;
}

/** Nested collections with counts; rows are drop targets for items and other collections. */
export function CollectionTree(props: Props) {
  const kids = useMemo(() => byParent(props.all), [props.all]);
  // A big tree (2,000 collections, 20k nodes) is put in the page a slice of top-level
  // collections at a time, a task each: in one go it was a 140 ms task that froze the item
  // table while it scrolled just after start.
  const top = kids.get(props.parentId)?.length ?? 0;
  const [limit, setLimit] = useState(TOP_LEVEL_SLICE);
  useEffect(() => {
    if (limit >= top) return;
    const t = setTimeout(() => setLimit((l) => l + TOP_LEVEL_SLICE), 0);
    return () => clearTimeout(t);
  }, [limit, top]);
  return <Level {...props} kids={kids} limit={limit} />;
}

const TOP_LEVEL_SLICE = 12;

function Level({
  parentId,
  all,
  view,
  onView,
  kids,
  limit,
}: Props & { kids: Children; limit?: number }) {
  const [closed, setClosed] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback(
    (id: number) =>
      setClosed((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );
  const children = kids.get(parentId);
  // Rendered in memoised chunks of one slice each: while the top level grows a slice per task,
  // only the new chunk renders (every slice re-rendered all the ones before it, so the
  // start-up slices grew into a long task every ~100 ms for seconds at 10k and 100k).
  const chunks = useMemo(() => {
    const out: Collection[][] = [];
    for (let i = 0; i < (children?.length ?? 0); i += TOP_LEVEL_SLICE)
      out.push(children!.slice(i, i + TOP_LEVEL_SLICE));
    return out;
  }, [children]);
  if (chunks.length === 0) return null;
  const shown = limit === undefined ? chunks.length : Math.ceil(limit / TOP_LEVEL_SLICE);
  return (
    <ul
      role={parentId === null ? 'tree' : 'group'}
      aria-label={parentId === null ? 'Collections' : undefined}
    >
      {chunks.slice(0, shown).map((items, i) => (
        <Chunk
          key={i}
          items={items}
          all={all}
          view={view}
          onView={onView}
          kids={kids}
          closed={closed}
          toggle={toggle}
        />
      ))}
    </ul>
  );
}

const Chunk = memo(function Chunk({
  items,
  all,
  view,
  onView,
  kids,
  closed,
  toggle,
}: Omit<Props, 'parentId'> & {
  items: Collection[];
  kids: Children;
  closed: ReadonlySet<number>;
  toggle(id: number): void;
}) {
  return (
    <>
      {items.map((c) => {
        const v: ItemView = { kind: 'collection', id: c.id };
        const active = view.kind === 'collection' && view.id === c.id;
        const hasKids = kids.has(c.id);
        const open = !closed.has(c.id);
        return (
          <li
            key={c.id}
            role="treeitem"
            aria-selected={active}
            aria-expanded={hasKids ? open : undefined}
            aria-label={c.name}
          >
            <div className="tree-row">
              {hasKids ? (
                <button
                  type="button"
                  className="twisty"
                  aria-label={open ? `Collapse ${c.name}` : `Expand ${c.name}`}
                  onClick={() => toggle(c.id)}
                >
                  {open ? '▾' : '▸'}
                </button>
              ) : (
                <span className="twisty" />
              )}
              <button
                type="button"
                className={active ? 'active' : ''}
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(COLLECTION_MIME, String(c.id));
                  e.dataTransfer.effectAllowed = 'move';
                }}
                {...collectionDrop(c.id)}
                onClick={() => onView(v)}
                onContextMenu={(e) => {
                  e.preventDefault();
                  menu(e, c, all);
                }}
                onKeyDown={(e) => {
                  onTreeArrow(e, { hasKids, open, toggle: () => toggle(c.id) });
                  // as in Zotero, and as Delete does on items: asks first, and can be undone
                  if (e.key === 'Delete' || e.key === 'Backspace') void confirmDelete(c);
                  if (e.key === 'F2')
                    void askText(`Rename "${c.name}"`, 'Name', c.name, 'Rename').then(
                      (n) =>
                        n?.trim() &&
                        run(invoke('collections.rename', { id: c.id, name: n.trim() })),
                    );
                  if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
                    e.preventDefault();
                    const r = e.currentTarget.getBoundingClientRect();
                    menu({ clientX: r.left + 20, clientY: r.bottom }, c, all);
                  }
                }}
              >
                {c.name} <span className="count">{c.itemCount}</span>
              </button>
            </div>
            {open ? (
              <Level parentId={c.id} all={all} view={view} onView={onView} kids={kids} />
            ) : null}
          </li>
        );
      })}
    </>
  );
});
