import { useEffect, useMemo, useState } from 'react';
import type { Tag } from '../../../shared/domain/library';
import { invoke } from '../api/client';
import { run } from '../lib/run';
import { buildTagTree, KEY_COLOURS, tagsUnder, type TagNode } from '../lib/tag-tree';
import { openContextMenu } from './context-menu';
import { askConfirm, askText } from './dialogs';

interface Props {
  tags: Tag[];
  /** Tag paths the table is filtered by (all must apply). */
  filter: string[];
  onFilter(paths: string[]): void;
}

/**
 * Asks for a digit key and gives it to the tag. A key names one tag only, so one held by
 * another tag moves, and the user is asked first rather than finding the other tag's key gone.
 */
function assignKey(t: Tag, tags: Tag[]) {
  const asked = askText(
    `Digit key for "${t.name}"`,
    'Key 1–9: pressing it toggles the tag on the selected items',
    t.position ? String(t.position) : '',
    'Assign',
  );
  run(
    asked.then(async (v) => {
      if (v === null) return;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > 9)
        throw new Error('A colour key is a digit from 1 to 9.');
      const holder = tags.find((x) => x.position === n && x.id !== t.id);
      if (
        holder &&
        !(await askConfirm(
          `Key ${n} is already used by “${holder.name}”. Move it to “${t.name}”? “${holder.name}” keeps its colour but will have no key.`,
          `Move key ${n}`,
        ))
      )
        return;
      await invoke('tags.update', {
        id: t.id,
        position: n,
        color: t.color ?? KEY_COLOURS[n - 1]!,
      });
    }),
  );
}

function nodeMenu(
  at: { clientX: number; clientY: number },
  node: TagNode,
  tags: Tag[],
  filter: string[],
  onFilter: Props['onFilter'],
) {
  const t = node.tag;
  const under = tagsUnder(tags, node.path);
  const byName = (name: string) =>
    tags.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  openContextMenu(at, `Tag ${node.path}`, [
    ...(t
      ? [
          {
            label: 'Rename…',
            onSelect: () =>
              void askText(
                `Rename tag "${t.name}"`,
                'New name (its sub-tags follow)',
                t.name,
                'Rename',
              ).then((name) => {
                if (!name?.trim() || name.trim() === t.name) return;
                run(invoke('tags.rename', { id: t.id, name }), (nt) => {
                  onFilter(filter.map((f) => (f === t.name ? nt.name : f)));
                });
              }),
          },
          {
            label: 'Merge into…',
            onSelect: () =>
              void askText(`Merge "${t.name}" into another tag`, 'Tag to keep', '', 'Merge').then(
                (name) => {
                  if (!name?.trim()) return;
                  const target = byName(name);
                  if (!target) {
                    run(Promise.reject(new Error(`There is no tag named "${name.trim()}".`)));
                    return;
                  }
                  run(invoke('tags.merge', { sourceIds: [t.id], targetId: target.id }), () =>
                    onFilter(filter.filter((f) => f !== t.name)),
                  );
                },
              ),
          },
          {
            label: t.position ? `Colour key ${t.position}… (change)` : 'Assign colour key…',
            onSelect: () => assignKey(t, tags),
          },
          ...(t.color || t.position
            ? [
                {
                  label: 'Remove colour',
                  onSelect: () =>
                    run(invoke('tags.update', { id: t.id, position: null, color: null })),
                },
              ]
            : []),
          'separator' as const,
        ]
      : []),
    {
      label: under.length > 1 ? `Delete ${under.length} tags…` : 'Delete tag…',
      danger: true,
      disabled: under.length === 0,
      onSelect: () =>
        void askConfirm(
          under.length > 1
            ? `Delete the tag "${node.path}" and its ${under.length - 1} sub-tags from every item?`
            : `Delete the tag "${node.path}" from every item?`,
          'Delete',
          true,
        ).then((ok) => {
          if (!ok) return;
          run(invoke('tags.delete', { ids: under.map((x) => x.id) }), () =>
            onFilter(filter.filter((f) => !under.some((x) => x.name === f) && f !== node.path)),
          );
        }),
    },
  ]);
}

/** Lower-case path of a parent level -> distinct items under it (the engine counts them). */
type TreeCounts = ReadonlyMap<string, number>;

function Nodes({
  nodes,
  depth,
  treeCounts,
  ...p
}: Props & { nodes: TagNode[]; depth: number; treeCounts: TreeCounts }) {
  return (
    <ul role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? 'Tags' : undefined}>
      {nodes.map((n) => {
        const on = p.filter.includes(n.path);
        // a parent shows every item under it, each once; a leaf its own count
        const count = n.children.length
          ? (treeCounts.get(n.path.toLowerCase()) ?? n.tag?.itemCount)
          : n.tag?.itemCount;
        return (
          <li key={n.path} role="treeitem" aria-selected={on} aria-label={n.path}>
            <button
              type="button"
              className={on ? 'active' : ''}
              aria-pressed={on}
              title={`Show items tagged ${n.path}${n.children.length ? ' or below' : ''}`}
              onClick={() =>
                p.onFilter(on ? p.filter.filter((f) => f !== n.path) : [...p.filter, n.path])
              }
              onContextMenu={(e) => {
                e.preventDefault();
                nodeMenu(e, n, p.tags, p.filter, p.onFilter);
              }}
            >
              {n.tag?.color ? (
                <span className="tag-dot" style={{ background: n.tag.color }} aria-hidden />
              ) : null}
              <span className="tag-label">{n.label}</span>
              {n.tag?.position ? (
                <kbd aria-label={`key ${n.tag.position}`}>{n.tag.position}</kbd>
              ) : null}
              <span
                className="count"
                title={
                  n.children.length ? `${count ?? 0} items tagged ${n.path} or below` : undefined
                }
              >
                {count ?? ''}
              </span>
            </button>
            {n.children.length > 0 ? (
              <Nodes {...p} treeCounts={treeCounts} nodes={n.children} depth={depth + 1} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Hierarchical tags: click to filter (several = AND; a parent includes its children). */
export function TagTree(props: Props) {
  const [treeCounts, setTreeCounts] = useState<TreeCounts>(new Map());
  // the tag list is reloaded on every library change, so the parent counts follow it
  // (no tags, nothing to count: the app mounts this before the tag list arrives)
  useEffect(() => {
    if (props.tags.length === 0) return;
    run(invoke('tags.treeCounts', {}), (list) =>
      setTreeCounts(new Map(list.map((x) => [x.path, x.count]))),
    );
  }, [props.tags]);
  // sorting 500 names with localeCompare on every app render was a visible cost
  const nodes = useMemo(() => buildTagTree(props.tags), [props.tags]);
  if (props.tags.length === 0) return <p className="hint">No tags yet.</p>;
  return <Nodes {...props} treeCounts={treeCounts} nodes={nodes} depth={0} />;
}
