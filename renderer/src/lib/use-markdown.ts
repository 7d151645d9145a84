// marked and DOMPurify are a fifth of the entry bundle and set themselves up when evaluated
// (regex tables, allow-lists), yet only the Notes view and the note editor render Markdown. They
// load on first use instead, off the path to the first painted row.
import { useEffect, useState } from 'react';

type Render = (source: string) => string;

let loaded: Render | null = null;
let loading: Promise<Render> | null = null;

/** Loads the Markdown renderer (once); resolves with it. */
export function loadMarkdown(): Promise<Render> {
  loading ??= import('./markdown').then((m) => (loaded = m.renderMarkdown));
  return loading;
}

/** The Markdown renderer, or null while it loads (`when` false: not asked for yet). */
export function useMarkdown(when = true): Render | null {
  const [render, setRender] = useState<Render | null>(() => loaded);
  useEffect(() => {
    if (!when || render) return;
    let live = true;
    void loadMarkdown().then((r) => live && setRender(() => r));
    return () => {
      live = false;
    };
  }, [when, render]);
  return render;
}
