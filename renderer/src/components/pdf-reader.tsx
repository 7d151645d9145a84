import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ANNOTATION_COLORS,
  type Annotation,
  type AnnotationKind,
  type Attachment,
  type Rect,
} from '../../../shared/domain/attachment';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import { downloadBase64 } from '../pdf/files';
import { type PDFDocumentProxy, closeAttachmentPdf, openAttachmentPdf } from '../pdf/pdfjs';
import { PdfPage, type PageSelection } from './pdf-page';
import { PdfThumbnails } from './pdf-thumbnails';
import { ReaderAnnotations } from './reader-annotations';

import type { ReaderTarget } from './reader-target';

interface Props {
  target: ReaderTarget;
  onClose(): void;
  onPage(page: number): void;
  onError(message: string): void;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The PDF reader tab: pages, navigation, zoom, find, thumbnails, and annotating. */
export function PdfReader({ target, onClose, onPage, onError }: Props) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [size, setSize] = useState({ width: 612, height: 792 });
  const [scale, setScale] = useState(1);
  const [page, setPage] = useState(target.page);
  const [pageInput, setPageInput] = useState(String(target.page));
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(target.annotationId ?? null);
  const [selection, setSelection] = useState<PageSelection | null>(null);
  const [color, setColor] = useState<string>(ANNOTATION_COLORS[0]);
  const [noteMode, setNoteMode] = useState(false);
  const [find, setFind] = useState('');
  const [findState, setFindState] = useState<{ hits: number[]; at: number } | null>(null);
  const [thumbs, setThumbs] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  // pages observe the scroller (a state, so they re-observe once it exists)
  const [scrollRoot, setScrollRoot] = useState<HTMLDivElement | null>(null);
  const pageEls = useRef(new Map<number, HTMLElement>());
  const pageTexts = useRef<Map<number, string>>(new Map());
  const { attachmentId } = target;
  // The page the reader opens at is drawn first; the other pages and the thumbnails wait until
  // it is on screen (they would share pdf.js's worker and the main thread with it).
  const [released, setReleased] = useState(false);
  const onDrawn = useCallback(() => {
    requestAnimationFrame(() => setTimeout(() => setReleased(true)));
  }, []);

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    setDoc(null);
    setReleased(false);
    pageTexts.current = new Map();
    openAttachmentPdf(attachmentId, invoke('attachments.get', { id: attachmentId }))
      .then(async ({ doc: d, attachment: att }) => {
        opened = d;
        if (cancelled) return void closeAttachmentPdf(attachmentId, d);
        const first = (await d.getPage(1)).getViewport({ scale: 1 });
        if (cancelled) return;
        setAttachment(att);
        setSize({ width: first.width, height: first.height });
        setDoc(d);
      })
      .catch((e: unknown) => onError((e as Error).message));
    return () => {
      cancelled = true;
      // kept for the next open of the same stored PDF (doc-cache.ts), or destroyed
      if (opened) closeAttachmentPdf(attachmentId, opened);
    };
  }, [attachmentId, onError]);

  const loadAnnotations = useCallback(() => {
    invoke('annotations.list', { attachmentId })
      .then(setAnnotations)
      .catch((e: unknown) => onError((e as Error).message));
  }, [attachmentId, onError]);
  useEffect(loadAnnotations, [loadAnnotations]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('annotations')) loadAnnotations();
  });

  const goTo = useCallback((n: number, smooth = false) => {
    const el = pageEls.current.get(n);
    if (el && scroller.current) {
      scroller.current.scrollTo({ top: el.offsetTop - 8, behavior: smooth ? 'smooth' : 'auto' });
    }
    setPage(n);
    setPageInput(String(n));
  }, []);

  // Nothing holds the other pages for long, whatever happens to the first one.
  useEffect(() => {
    if (!doc || released) return;
    const t = setTimeout(() => setReleased(true), 1_500);
    return () => clearTimeout(t);
  }, [doc, released]);

  // Open at the requested page (and annotation) once the document is laid out.
  useEffect(() => {
    if (!doc) return;
    const n = Math.min(Math.max(1, target.page), doc.numPages);
    requestAnimationFrame(() => goTo(n));
    if (target.annotationId) setSelectedId(target.annotationId);
  }, [doc, target.page, target.annotationId, goTo]);

  // The current page follows scrolling.
  const onScroll = () => {
    const top = scroller.current?.scrollTop ?? 0;
    let current = 1;
    for (const [n, el] of pageEls.current) if (el.offsetTop - 40 <= top && n > current) current = n;
    if (current !== page) {
      setPage(current);
      setPageInput(String(current));
      onPage(current);
    }
  };

  const fitWidth = () => {
    const w = scroller.current?.clientWidth ?? 800;
    setScale(Math.max(0.25, Math.min(4, (w - 40) / size.width)));
  };
  const zoom = (dir: 1 | -1) => {
    const next =
      dir > 0
        ? ZOOMS.find((z) => z > scale + 0.01)
        : [...ZOOMS].reverse().find((z) => z < scale - 0.01);
    if (next) setScale(next);
  };
  // keep the current page in view across zoom changes
  useEffect(() => {
    requestAnimationFrame(() => goTo(page));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scale]);

  const runFind = async (direction: 1 | -1) => {
    const q = find.trim().toLowerCase();
    if (!doc || !q) return setFindState(null);
    const hits: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let text = pageTexts.current.get(n);
      if (text === undefined) {
        const content = await (await doc.getPage(n)).getTextContent();
        text = content.items
          .map((it) => ('str' in it ? it.str : ''))
          .join(' ')
          .toLowerCase();
        pageTexts.current.set(n, text);
      }
      if (text.includes(q)) hits.push(n);
    }
    if (!hits.length) return setFindState({ hits, at: -1 });
    const from = findState && findState.at >= 0 ? findState.at + direction : 0;
    const at = ((from % hits.length) + hits.length) % hits.length;
    setFindState({ hits, at });
    goTo(hits[at]!);
  };

  const create = (kind: AnnotationKind, p: number, rects: Rect[], quote: string) => {
    invoke('annotations.create', { attachmentId, kind, page: p, rects, quote, color })
      .then((a) => {
        setAnnotations((list) => [...list, a]);
        setSelectedId(a.id);
        setSelection(null);
        window.getSelection()?.removeAllRanges();
      })
      .catch((e: unknown) => onError((e as Error).message));
  };

  const exportAnnotated = () => {
    invoke('attachments.exportAnnotated', { id: attachmentId })
      .then((f) => downloadBase64(f.name, f.base64))
      .catch((e: unknown) => onError((e as Error).message));
  };

  const numPages = doc?.numPages ?? 0;
  const firstPage = Math.min(Math.max(1, target.page), Math.max(1, numPages));
  return (
    <section className="reader" aria-label="PDF reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader">
        <button type="button" onClick={onClose}>
          ← Library
        </button>
        <span className="reader-title" title={attachment?.title}>
          {attachment?.title ?? 'Loading…'}
        </span>
        <button type="button" onClick={() => setThumbs((t) => !t)} aria-pressed={thumbs}>
          Thumbnails
        </button>
        <button
          type="button"
          onClick={() => goTo(Math.max(1, page - 1))}
          disabled={page <= 1}
          aria-label="Previous page"
        >
          ‹
        </button>
        <input
          className="page-input"
          aria-label="Page number"
          value={pageInput}
          onChange={(e) => setPageInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            const n = Number(pageInput);
            if (Number.isInteger(n) && n >= 1 && n <= numPages) goTo(n);
            else setPageInput(String(page));
          }}
        />
        <span aria-label="Page count">/ {numPages}</span>
        <button
          type="button"
          onClick={() => goTo(Math.min(numPages, page + 1))}
          disabled={page >= numPages}
          aria-label="Next page"
        >
          ›
        </button>
        <button type="button" onClick={() => zoom(-1)} aria-label="Zoom out">
          −
        </button>
        <span className="zoom-label" aria-label="Zoom">
          {Math.round(scale * 100)}%
        </span>
        <button type="button" onClick={() => zoom(1)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={fitWidth}>
          Fit width
        </button>
        <input
          type="search"
          aria-label="Find in document"
          placeholder="Find…"
          value={find}
          onChange={(e) => {
            setFind(e.target.value);
            setFindState(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void runFind(e.shiftKey ? -1 : 1);
          }}
        />
        {findState ? (
          <span role="status" className="find-status">
            {findState.hits.length
              ? `page ${findState.hits[findState.at]} (${findState.at + 1} of ${findState.hits.length} pages)`
              : 'not found'}
          </span>
        ) : null}
        <span className="toolbar-gap" />
        <span role="group" aria-label="Annotation colour" className="swatches">
          {ANNOTATION_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch${c === color ? ' chosen' : ''}`}
              style={{ background: c }}
              aria-label={`Colour ${c}`}
              aria-pressed={c === color}
              onClick={() => setColor(c)}
            />
          ))}
        </span>
        <button
          type="button"
          disabled={!selection}
          onClick={() =>
            selection && create('highlight', selection.page, selection.rects, selection.quote)
          }
        >
          Highlight
        </button>
        <button
          type="button"
          disabled={!selection}
          onClick={() =>
            selection && create('underline', selection.page, selection.rects, selection.quote)
          }
        >
          Underline
        </button>
        <button type="button" aria-pressed={noteMode} onClick={() => setNoteMode((m) => !m)}>
          Add note
        </button>
        <button type="button" onClick={exportAnnotated}>
          Export annotated PDF
        </button>
      </div>
      <div className="reader-body">
        {thumbs && doc ? (
          <PdfThumbnails
            doc={doc}
            page={page}
            size={size}
            hold={!released}
            onGo={(n) => goTo(n, true)}
          />
        ) : null}
        <div
          className="reader-pages"
          ref={(el) => {
            scroller.current = el;
            setScrollRoot(el);
          }}
          onScroll={onScroll}
          tabIndex={-1}
        >
          {doc ? (
            Array.from({ length: numPages }, (_, i) => i + 1).map((n) => (
              <PdfPage
                key={n}
                doc={doc}
                page={n}
                scale={scale}
                placeholder={size}
                annotations={annotations.filter((a) => a.page === n)}
                selectedId={selectedId}
                noteMode={noteMode}
                findQuery={find}
                onSelect={(a) => setSelectedId(a.id)}
                onSelection={setSelection}
                onNote={(p, rect) => {
                  setNoteMode(false);
                  create('note', p, [rect], '');
                }}
                scrollRoot={scrollRoot}
                hold={!released && n !== firstPage}
                onDrawn={n === firstPage ? onDrawn : undefined}
                register={(p, el) => {
                  if (el) pageEls.current.set(p, el);
                  else pageEls.current.delete(p);
                }}
              />
            ))
          ) : (
            <p className="empty-note">Opening…</p>
          )}
        </div>
        <ReaderAnnotations
          annotations={annotations}
          selectedId={selectedId}
          onSelect={(a) => {
            setSelectedId(a.id);
            goTo(a.page, true);
          }}
          onError={onError}
          onChanged={loadAnnotations}
        />
      </div>
    </section>
  );
}
