// Layout analysis of a first page: pdf.js text items grouped into blocks (runs of items on one
// baseline), each with its font size, so the title and author lines can be told apart from
// running text by size and position rather than by guessing at words.
import type { RawPage, RawTextItem } from './run-worker';

export interface Block {
  text: string;
  size: number;
  x: number;
  y: number;
  /** Position in the content stream (reading order for most producers). */
  order: number;
}

/** Font size of an item: the length of the transform's vertical vector. */
export function itemSize(it: RawTextItem): number {
  const [, , c = 0, d = 0] = it.t;
  return Math.hypot(c, d);
}

function isHorizontal(it: RawTextItem): boolean {
  const [a = 0, b = 0] = it.t;
  return a > 0 && Math.abs(b) < 1e-3 * Math.max(1, Math.abs(a));
}

/** Footnote and affiliation marks that cling to names and titles. */
const MARKS = /[∗*†‡§¶‖⊥⋆★♯♭♮✉#]/gu;

/**
 * Groups a page's items into blocks in content-stream order. Small raised items (footnote
 * marks, superscripts) are dropped; a large horizontal gap starts a new block, so names set in
 * columns on one baseline stay apart.
 */
export function blocksOf(page: RawPage): Block[] {
  const items = page.items.filter((it) => isHorizontal(it) && it.str.length > 0);
  const blocks: Block[] = [];
  let cur: (Block & { end: number }) | null = null;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const size = itemSize(it);
    const x = it.t[4] ?? 0;
    const y = it.t[5] ?? 0;
    if (cur && size < cur.size * 0.8 && Math.abs(y - cur.y) < cur.size * 0.6) continue; // a mark
    if (!it.str.trim()) {
      // a space item: keep the space (fonts change around it, e.g. `the \texttt{x} style`)
      if (cur) {
        cur.end = Math.max(cur.end, x + it.w);
        if (!cur.text.endsWith(' ')) cur.text += ' ';
      }
      continue;
    }
    const sameLine =
      cur !== null &&
      Math.abs(size - cur.size) < 0.6 &&
      Math.abs(y - cur.y) < cur.size * 0.3 &&
      x - cur.end < cur.size * 3 &&
      x - cur.end > -cur.size;
    if (sameLine && cur) {
      const gap = x - cur.end;
      const glue = gap > cur.size * 0.08 && !cur.text.endsWith(' ') ? ' ' : '';
      cur.text += glue + it.str;
      cur.end = x + it.w;
    } else {
      if (cur) blocks.push(cur);
      cur = { text: it.str, size, x, y, order: i, end: x + it.w };
    }
  }
  if (cur) blocks.push(cur);
  return blocks
    .map(({ text, size, x, y, order }) => ({
      text: text.replace(MARKS, ' ').replace(/\s+/g, ' ').trim(),
      size: Math.round(size * 10) / 10,
      x,
      y,
      order,
    }))
    .filter((b) => b.text.length > 0);
}

/** Whole-page text, for identifier searches, with the reference list cut off. */
export function textBeforeReferences(page: RawPage): string {
  let out = '';
  for (const it of page.items) {
    out += it.str;
    out += it.eol ? '\n' : '';
  }
  const cut =
    /^\s*(?:[0-9IVX]+\.?\s*)?(references|bibliography|literature cited|works cited)\s*$/im.exec(
      out,
    );
  return cut ? out.slice(0, cut.index) : out;
}
