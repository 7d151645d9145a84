import type { Tag } from '../../../shared/domain/library';

export interface TagNode {
  /** Full name (`ml/retrieval`); the filter uses it and includes every child. */
  path: string;
  label: string;
  /** The tag itself, or null for a level that exists only through its children. */
  tag: Tag | null;
  children: TagNode[];
}

/** Builds the tag tree from flat `/`-separated names. */
export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const root: TagNode = { path: '', label: '', tag: null, children: [] };
  const byPath = new Map<string, TagNode>([['', root]]);
  const sorted = [...tags].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
  for (const t of sorted) {
    const parts = t.name.split('/');
    let parent = root;
    parts.forEach((label, i) => {
      const path = parts.slice(0, i + 1).join('/');
      const key = path.toLowerCase();
      let node = byPath.get(key);
      if (!node) {
        node = { path, label, tag: null, children: [] };
        byPath.set(key, node);
        parent.children.push(node);
      }
      if (i === parts.length - 1) node.tag = t;
      parent = node;
    });
  }
  return root.children;
}

/** Tags at or below a path. */
export function tagsUnder(tags: readonly Tag[], path: string): Tag[] {
  const p = path.toLowerCase();
  return tags.filter((t) => t.name.toLowerCase() === p || t.name.toLowerCase().startsWith(`${p}/`));
}

/** The colour a digit key gets unless the user picks another: distinct and readable on both themes. */
export const KEY_COLOURS = [
  '#e5484d',
  '#f5a524',
  '#30a46c',
  '#0091ff',
  '#8e4ec6',
  '#d6409f',
  '#12a594',
  '#978365',
  '#687076',
];
