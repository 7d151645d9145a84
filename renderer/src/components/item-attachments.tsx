import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation, Attachment } from '../../../shared/domain/attachment';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import { downloadBase64, fileToBase64, isPdfFile } from '../pdf/files';
import { loadReader } from './reader-loader';
import type { ReaderTarget } from './reader-target';

/** How long an item stays selected before its PDF is opened ahead of a click. */
const PRELOAD_DELAY_MS = 150;
/**
 * Idle work that runs anyway after this long: with a big library the sidebar's sliced tree
 * rendering left no idle period for seconds, and the reader's code only loaded on the click.
 */
const IDLE_TIMEOUT_MS = 300;

interface Props {
  itemId: number;
  onOpen(target: ReaderTarget): void;
  onError(message: string): void;
}

/** Attaches PDFs to an item from files; each failure is reported by file name. */
export async function attachFiles(
  files: File[],
  itemId: number | null,
  onError: (m: string) => void,
): Promise<void> {
  const pdfs = files.filter(isPdfFile);
  if (pdfs.length < files.length) onError('Only PDF files can be attached.');
  for (const f of pdfs) {
    try {
      const source = { kind: 'data' as const, name: f.name, base64: await fileToBase64(f) };
      if (itemId === null) await invoke('attachments.import', { source });
      else await invoke('attachments.add', { itemId, source });
    } catch (e) {
      onError(`${f.name}: ${(e as Error).message}`);
    }
  }
}

/** The item pane's PDFs: open, attach, and the annotations in page order. */
export function ItemAttachments({ itemId, onOpen, onError }: Props) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    Promise.all([invoke('attachments.list', { itemId }), invoke('annotations.list', { itemId })])
      .then(([a, n]) => {
        setAttachments(a);
        setAnnotations(n);
      })
      .catch((e: unknown) => {
        // the item itself is gone: the item pane closes, an error here would only alarm
        if ((e as { code?: string }).code !== 'not_found') onError((e as Error).message);
      });
  }, [itemId, onError]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (!e.ids || e.ids.includes(itemId)) load();
  });

  // An item with a PDF is likely to be opened: load the reader's code and start pdf.js's worker
  // while the user is still looking, so a click on Open goes straight to the document (B11).
  const hasPdf = attachments.some((a) => !a.missing);
  useEffect(() => {
    if (!hasPdf) return;
    const id = requestIdleCallback(
      () => {
        void Promise.all([loadReader(), import('../pdf/pdfjs')])
          .then(([, pdf]) => pdf.warmUpPdf())
          .catch(() => {}); // opening the reader reports any real failure
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
    return () => cancelIdleCallback(id);
  }, [hasPdf]);

  // ... and once the item has stayed selected for a moment (not while arrowing through the
  // list), open its first stored PDF ahead of the click: the click then only draws (pdfjs.ts).
  const firstPdf = attachments.find((a) => a.kind === 'stored' && !a.missing);
  useEffect(() => {
    if (!firstPdf) return;
    let idle = 0;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(
        () => {
          void import('../pdf/pdfjs')
            .then((pdf) => pdf.preloadAttachmentPdf(firstPdf))
            .catch(() => {});
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    }, PRELOAD_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, [firstPdf]);

  const attach = (files: File[]) => {
    setBusy(true);
    void attachFiles(files, itemId, onError).finally(() => setBusy(false));
  };

  return (
    <section
      className={`attachments${dragging ? ' drop-target' : ''}`}
      aria-label="Attachments"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.stopPropagation();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        const files = Array.from(e.dataTransfer.files);
        if (!files.length || !files.every(isPdfFile)) return;
        e.preventDefault();
        e.stopPropagation();
        attach(files);
      }}
    >
      <h2>Attachments</h2>
      <ul className="attachment-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="link"
              disabled={a.missing}
              onClick={() => onOpen({ attachmentId: a.id, page: 1 })}
              aria-label={`Open ${a.title}`}
            >
              {a.title}
            </button>
            {a.missing ? <span className="badge danger">missing</span> : null}
            {a.kind === 'linked' ? <span className="badge">linked</span> : null}
            <div className="attachment-actions">
              {/* the name comes from the item when attached; after the item is corrected
                  (a PDF read without metadata, a typo) the user brings it up to date */}
              <button
                type="button"
                aria-label={`Rename ${a.title} from the item`}
                onClick={() =>
                  invoke('attachments.rename', { id: a.id })
                    .then((r) => setStatus(`Renamed to ${r.title}.`))
                    .catch((e: unknown) => onError((e as Error).message))
                }
              >
                Rename from item
              </button>
              <button
                type="button"
                onClick={() =>
                  invoke('annotations.extractToNote', { attachmentId: a.id })
                    .then(() => setStatus(`Annotations of ${a.title} extracted to a note.`))
                    .catch((e: unknown) => onError((e as Error).message))
                }
              >
                Extract annotations to note
              </button>
              <button
                type="button"
                onClick={() =>
                  invoke('attachments.exportAnnotated', { id: a.id })
                    .then((f) => downloadBase64(f.name, f.base64))
                    .catch((e: unknown) => onError((e as Error).message))
                }
              >
                Export annotated PDF
              </button>
            </div>
          </li>
        ))}
      </ul>
      {status ? (
        <p role="status" className="status-note">
          {status}
        </p>
      ) : null}
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? 'Attaching…' : 'Attach PDF…'}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        multiple
        hidden
        aria-label="Attach PDF file"
        onChange={(e) => {
          attach(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      {annotations.length ? (
        <>
          <h3>Annotations</h3>
          <ol className="annotation-list" aria-label="Annotations of this item">
            {annotations.map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    onOpen({ attachmentId: n.attachmentId, page: n.page, annotationId: n.id })
                  }
                >
                  <span
                    className="colour-mark"
                    style={{ background: n.color }}
                    aria-hidden="true"
                  />
                  p. {n.page}: {n.quote || n.comment || 'Note'}
                </button>
                {n.comment && n.quote ? <p className="annotation-comment">{n.comment}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
