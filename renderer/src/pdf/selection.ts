// Converting a text selection on a rendered page into PDF user-space rectangles (and back), so
// annotations are stored independently of zoom and re-drawn at any scale.
import type { PageViewport } from 'pdfjs-dist';
import type { Rect } from '../../../shared/domain/attachment';

/** Client rectangles of a range inside one page element, merged per line. */
export function selectionRects(range: Range, pageEl: HTMLElement, viewport: PageViewport): Rect[] {
  const box = pageEl.getBoundingClientRect();
  const lines: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const r of Array.from(range.getClientRects())) {
    if (r.width < 1 || r.height < 1) continue;
    if (r.right < box.left || r.left > box.right || r.bottom < box.top || r.top > box.bottom)
      continue;
    const cur = {
      top: r.top - box.top,
      bottom: r.bottom - box.top,
      left: Math.max(0, r.left - box.left),
      right: Math.min(box.width, r.right - box.left),
    };
    const same = lines.find(
      (l) =>
        Math.abs((l.top + l.bottom) / 2 - (cur.top + cur.bottom) / 2) < (cur.bottom - cur.top) / 2,
    );
    if (same) {
      same.left = Math.min(same.left, cur.left);
      same.right = Math.max(same.right, cur.right);
      same.top = Math.min(same.top, cur.top);
      same.bottom = Math.max(same.bottom, cur.bottom);
    } else lines.push(cur);
  }
  return lines.map((l) => {
    const [x1, y1] = viewport.convertToPdfPoint(l.left, l.bottom) as [number, number];
    const [x2, y2] = viewport.convertToPdfPoint(l.right, l.top) as [number, number];
    return [
      round(Math.min(x1, x2)),
      round(Math.min(y1, y2)),
      round(Math.max(x1, x2)),
      round(Math.max(y1, y2)),
    ];
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A PDF rectangle in CSS pixels of the page element at this viewport. */
export function toViewport(rect: Rect, viewport: PageViewport) {
  const [a, b, c, d] = viewport.convertToViewportRectangle(rect) as [
    number,
    number,
    number,
    number,
  ];
  return {
    left: Math.min(a, c),
    top: Math.min(b, d),
    width: Math.abs(c - a),
    height: Math.abs(d - b),
  };
}
