// Work that nothing on the first screen needs (the sidebar's lists, feeds, the undo toast, the
// integrity-check banner) starts once the first rows are painted: its requests, their answers
// and the renders they cause all used to land between the first page's answer and its paint.
import { useEffect, useState } from 'react';

let painted = false;
let waiting: Promise<void> | null = null;

/** Resolves just after the next paint following the first call (a rAF, then a task). */
function firstPaint(): Promise<void> {
  waiting ??= new Promise((resolve) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        painted = true;
        resolve();
      }),
    ),
  );
  return waiting;
}

/** False until the app's first committed screen has been painted, then true for good. */
export function useAfterFirstPaint(): boolean {
  const [done, setDone] = useState(painted);
  useEffect(() => {
    if (done) return;
    let live = true;
    void firstPaint().then(() => live && setDone(true));
    return () => {
      live = false;
    };
  }, [done]);
  return done;
}
