import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from '../pdf/pdfjs';

const WIDTH = 96;

function Thumb({
  doc,
  n,
  height,
  current,
  hold,
  onGo,
}: {
  doc: PDFDocumentProxy;
  n: number;
  height: number;
  current: boolean;
  hold: boolean;
  onGo(n: number): void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver(
      (e) => e.some((x) => x.isIntersecting) && setVisible(true),
      { rootMargin: '100% 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, []);
  useEffect(() => {
    if (!visible || hold) return;
    let task: { cancel(): void } | null = null;
    let cancelled = false;
    void doc.getPage(n).then((p) => {
      if (cancelled || !ref.current) return;
      const vp = p.getViewport({ scale: WIDTH / p.getViewport({ scale: 1 }).width });
      ref.current.width = Math.floor(vp.width);
      ref.current.height = Math.floor(vp.height);
      const t = p.render({ canvas: ref.current, viewport: vp });
      task = t;
      t.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, n, visible, hold]);
  return (
    <li>
      <button
        type="button"
        className={current ? 'current' : ''}
        aria-label={`Go to page ${n}`}
        aria-current={current ? 'page' : undefined}
        onClick={() => onGo(n)}
      >
        <canvas ref={ref} width={WIDTH} height={height} />
        <span>{n}</span>
      </button>
    </li>
  );
}

/** Page thumbnails, rendered only when scrolled into view. */
export function PdfThumbnails({
  doc,
  page,
  size,
  hold,
  onGo,
}: {
  doc: PDFDocumentProxy;
  page: number;
  size: { width: number; height: number };
  /** Not drawn yet: the reader's first page goes first. */
  hold: boolean;
  onGo(n: number): void;
}) {
  const height = Math.round((size.height / size.width) * WIDTH);
  return (
    <nav className="thumbnails" aria-label="Pages">
      <ol>
        {Array.from({ length: doc.numPages }, (_, i) => (
          <Thumb
            key={i + 1}
            doc={doc}
            n={i + 1}
            height={height}
            current={i + 1 === page}
            hold={hold}
            onGo={onGo}
          />
        ))}
      </ol>
    </nav>
  );
}
