// The reader's code (pdf.js is large) loads on first use, or ahead of it when the item pane shows
// a PDF. Once loaded it is rendered directly: React.lazy suspends on its first render even when
// the module is already here, and React holds a suspended boundary's content back for about
// 300 ms (measured in B11: a third of a first open).
import { type ComponentProps, Suspense, lazy, useState } from 'react';

type ReaderModule = typeof import('./pdf-reader');

let loaded: ReaderModule | null = null;
let loading: Promise<ReaderModule> | null = null;

export function loadReader(): Promise<ReaderModule> {
  loading ??= import('./pdf-reader').then((m) => (loaded = m));
  return loading;
}

const LazyReader = lazy(() => loadReader().then((m) => ({ default: m.PdfReader })));

export function PdfReaderLoader(props: ComponentProps<ReaderModule['PdfReader']>) {
  // decided once per open: switching component types later would remount the reader
  const [ready] = useState(() => loaded);
  if (ready) return <ready.PdfReader {...props} />;
  return (
    <Suspense fallback={<p className="empty-note">Opening the reader…</p>}>
      <LazyReader {...props} />
    </Suspense>
  );
}
