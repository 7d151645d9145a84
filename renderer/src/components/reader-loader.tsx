// The reader's code (pdf.js is large) loads on first use, or ahead of it when the item pane shows
// a PDF. It is not a React.lazy component: lazy suspends on its first render even when the
// module is already here, React holds a suspended boundary's content back for about 300 ms
// (measured in B11: a third of a first open), and lazy keeps a failed import for good. A failed
// load (the web host restarted with a new build, a dropped connection) shows why and a retry,
// instead of taking the whole app down with it.
import { type ComponentProps, useEffect, useState } from 'react';

type ReaderModule = typeof import('./pdf-reader');

let loaded: ReaderModule | null = null;
let loading: Promise<ReaderModule> | null = null;

/** Loads the reader's module once; a failed load is forgotten, so the next call tries again. */
export function loadReader(
  load: () => Promise<ReaderModule> = () => import('./pdf-reader'),
): Promise<ReaderModule> {
  loading ??= load().then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

export function PdfReaderLoader(props: ComponentProps<ReaderModule['PdfReader']>) {
  const [reader, setReader] = useState(() => loaded);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (reader) return;
    let live = true;
    loadReader().then(
      (m) => live && setReader(m),
      (e: unknown) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [reader, attempt]);
  if (reader) return <reader.PdfReader {...props} />;
  if (failure !== null) {
    return (
      <div role="alert" className="empty-note">
        <p>The PDF reader could not be loaded: {failure}</p>
        <button
          type="button"
          onClick={() => {
            setFailure(null);
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </button>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    );
  }
  return <p className="empty-note">Opening the reader…</p>;
}
