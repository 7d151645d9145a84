import { type PageViewport, TextLayer } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import type { Annotation, Rect } from '../../../shared/domain/attachment';
import type { PDFDocumentProxy } from '../pdf/pdfjs';
import { selectionRects, toViewport } from '../pdf/selection';

/** A performance mark set when a page's canvas has been drawn (`detail.page`). */
export const PAGE_DRAWN_MARK = 'shelfmark.pdf.page-drawn';

export interface PageSelection {
  page: number;
  rects: Rect[];
  quote: string;
  /** Where to show the annotation toolbar, relative to the page element. */
  at: { left: number; top: number };
}

interface Props {
  doc: PDFDocumentProxy;
  page: number;
  scale: number;
  /** Size to reserve before the page itself is loaded (page 1's size). */
  placeholder: { width: number; height: number };
  annotations: Annotation[];
  selectedId: number | null;
  noteMode: boolean;
  findQuery: string;
  onSelect(a: Annotation): void;
  onSelection(s: PageSelection | null): void;
  onNote(page: number, rect: Rect): void;
  register(page: number, el: HTMLElement | null): void;
  /** The scrolling container: pages within one and a half screens of it are rendered. */
  scrollRoot: HTMLElement | null;
  /** Not drawn yet even if near the view: the page the reader opens at goes first. */
  hold?: boolean;
  /** Called once the canvas is drawn (or the page failed to draw). */
  onDrawn?(page: number): void;
}

/** One page: canvas, selectable text layer, and our annotations drawn over it. */
export function PdfPage(props: Props) {
  const { doc, page, scale, findQuery, hold = false } = props;
  const onDrawnRef = useRef(props.onDrawn);
  onDrawnRef.current = props.onDrawn;
  const pageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [viewport, setViewport] = useState<PageViewport | null>(null);
  const [textReady, setTextReady] = useState(0);

  // Render only pages near the visible area: a 500-page book opens as fast as a short paper.
  useEffect(() => {
    const el = pageRef.current;
    if (!el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setVisible(true);
      },
      { root: props.scrollRoot, rootMargin: '150% 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [props.scrollRoot]);

  useEffect(() => {
    if (!visible || hold) return;
    let cancelled = false;
    let renderTask: { cancel(): void } | null = null;
    let textLayer: TextLayer | null = null;
    (async () => {
      const p = await doc.getPage(page);
      if (cancelled) return;
      const vp = p.getViewport({ scale });
      setViewport(vp);
      const canvas = canvasRef.current!;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(vp.width * ratio);
      canvas.height = Math.floor(vp.height * ratio);
      canvas.style.width = `${Math.floor(vp.width)}px`;
      canvas.style.height = `${Math.floor(vp.height)}px`;
      const task = p.render({
        canvas,
        viewport: vp,
        ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
      });
      renderTask = task;
      await task.promise;
      if (cancelled) return;
      // The mark is what the benchmark (B11) times a PDF's opening by.
      pageRef.current?.setAttribute('data-drawn', 'true');
      performance.mark(PAGE_DRAWN_MARK, { detail: { page } });
      onDrawnRef.current?.(page);
      // The text layer after the canvas (as pdf.js's own viewer does): its text content is a
      // second request to the same pdf.js worker, which would otherwise delay the picture.
      const text = textRef.current!;
      text.replaceChildren();
      text.style.setProperty('--total-scale-factor', String(scale));
      textLayer = new TextLayer({
        textContentSource: p.streamTextContent(),
        container: text,
        viewport: vp,
      });
      await textLayer.render();
      if (!cancelled) setTextReady((n) => n + 1);
    })().catch((e: unknown) => {
      if ((e as Error).name !== 'RenderingCancelledException' && !cancelled) {
        console.error(e);
        // a page that cannot be drawn must not hold the others back
        onDrawnRef.current?.(page);
      }
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
    };
  }, [doc, page, scale, visible, hold]);

  // Find: mark the text spans that contain the query.
  useEffect(() => {
    const spans = textRef.current?.querySelectorAll('span') ?? [];
    const q = findQuery.trim().toLowerCase();
    for (const s of Array.from(spans)) {
      s.classList.toggle(
        'find-hit',
        q.length > 0 && (s.textContent ?? '').toLowerCase().includes(q),
      );
    }
  }, [findQuery, textReady]);

  // Sized from the unscaled page at the current scale, so a zoom re-lays out at once (before
  // the canvas is redrawn) and scroll positions stay right.
  const base = viewport
    ? { width: viewport.width / viewport.scale, height: viewport.height / viewport.scale }
    : props.placeholder;
  const width = base.width * scale;
  const height = base.height * scale;

  const onMouseUp = () => {
    const sel = window.getSelection();
    if (!viewport || !pageRef.current || !sel || sel.isCollapsed || sel.rangeCount === 0) {
      props.onSelection(null);
      return;
    }
    const range = sel.getRangeAt(0);
    if (!pageRef.current.contains(range.commonAncestorContainer)) return;
    const rects = selectionRects(range, pageRef.current, viewport);
    const quote = sel.toString().replace(/\s+/g, ' ').trim();
    if (!rects.length || !quote) return;
    const box = pageRef.current.getBoundingClientRect();
    const last = range.getBoundingClientRect();
    props.onSelection({
      page,
      rects,
      quote,
      at: { left: last.left - box.left, top: last.bottom - box.top + 4 },
    });
  };

  const marks = props.annotations.filter((a) => a.kind !== 'note');
  const notes = props.annotations.filter((a) => a.kind === 'note');

  // Marks lie under the text layer (so text stays selectable); a plain click hit-tests them.
  const onClick = (e: React.MouseEvent) => {
    if (!viewport || !pageRef.current) return;
    const box = pageRef.current.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    if (props.noteMode) {
      const [x, y] = viewport.convertToPdfPoint(px, py) as [number, number];
      props.onNote(page, [x, y - 20, x + 20, y]);
      return;
    }
    if (!window.getSelection()?.isCollapsed) return;
    const hit = marks.find((a) =>
      a.rects.some((r) => {
        const v = toViewport(r, viewport);
        return px >= v.left && px <= v.left + v.width && py >= v.top && py <= v.top + v.height;
      }),
    );
    if (hit) props.onSelect(hit);
  };

  return (
    <div
      ref={(el) => {
        pageRef.current = el;
        props.register(page, el);
      }}
      className={`pdf-page${props.noteMode ? ' note-mode' : ''}`}
      data-page={page}
      aria-label={`Page ${page}`}
      role="region"
      style={{ width, height }}
      onMouseUp={onMouseUp}
      onClick={onClick}
    >
      <canvas ref={canvasRef} aria-hidden="true" />
      <div ref={textRef} className="textLayer" />
      {viewport ? (
        <>
          <div className="mark-layer" aria-hidden="true">
            {marks.map((a) =>
              a.rects.map((r, i) => (
                <div
                  key={`${a.id}-${i}`}
                  className={`mark ${a.kind}${a.id === props.selectedId ? ' selected' : ''}`}
                  data-annotation={a.id}
                  style={{
                    ...toViewport(r, viewport),
                    ...(a.kind === 'highlight'
                      ? { background: a.color }
                      : { borderBottomColor: a.color }),
                  }}
                />
              )),
            )}
          </div>
          <div className="note-layer">
            {notes.map((a) => (
              <button
                key={a.id}
                type="button"
                className={`sticky-note${a.id === props.selectedId ? ' selected' : ''}`}
                style={{ ...toViewport(a.rects[0]!, viewport), background: a.color }}
                title={a.comment || 'Note'}
                aria-label={`Note on page ${a.page}`}
                onClick={(e) => {
                  e.stopPropagation();
                  props.onSelect(a);
                }}
              />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
