import type { KeyboardEvent } from 'react';

const ROW = ':scope > .tree-row > button:not(.twisty)';

/**
 * The arrow keys of the ARIA tree pattern, on a collection row's button: Up/Down to the row
 * shown above/below, Right opens a closed row or goes to its first child, Left closes an open
 * row or goes to its parent. A role="tree" that Tab had to walk row by row was no tree to a
 * keyboard or screen-reader user. The rows are read from the DOM: only a key press pays.
 */
export function onTreeArrow(
  e: KeyboardEvent<HTMLElement>,
  row: { hasKids: boolean; open: boolean; toggle(): void },
): void {
  const here = e.currentTarget;
  const item = here.closest('[role="treeitem"]');
  const tree = here.closest('[role="tree"]');
  if (!item || !tree) return;
  const rows = () => [...tree.querySelectorAll('[role="treeitem"]')];
  const buttonOf = (el: Element | null | undefined) => el?.querySelector<HTMLElement>(ROW);
  let to: HTMLElement | null | undefined;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const all = rows();
    to = buttonOf(all[all.indexOf(item) + (e.key === 'ArrowDown' ? 1 : -1)]);
  } else if (e.key === 'ArrowRight') {
    if (row.hasKids && !row.open) row.toggle();
    else if (row.hasKids) to = buttonOf(item.querySelector('[role="treeitem"]'));
  } else if (e.key === 'ArrowLeft') {
    if (row.hasKids && row.open) row.toggle();
    else to = buttonOf(item.parentElement?.closest('[role="treeitem"]'));
  } else {
    return;
  }
  e.preventDefault();
  to?.focus();
}
