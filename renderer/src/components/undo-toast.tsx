import { useCallback, useEffect, useState } from 'react';
import type { UndoInfo } from '../../../shared/domain/organise';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';
import { run } from '../lib/run';

/** Undo of the last destructive action: a toast after it happens, and Ctrl/Cmd+Z anywhere but a text field. */
export function UndoToast() {
  const [info, setInfo] = useState<UndoInfo | null>(null);
  const [shown, setShown] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const undo = useCallback(() => {
    run(invoke('undo.apply', {}), (u) => {
      setDone(`Undone: ${u.label}`);
      setShown(false);
    });
  }, []);
  useEngineEvent('library.changed', (e) => {
    if (!e.kinds.includes('undo')) return;
    run(invoke('undo.peek', {}), (u) => {
      setInfo(u);
      // a new entry is a new destructive action: show it; a consumed one hides the toast
      setShown(u !== null && u.dateAdded !== info?.dateAdded);
    });
  });
  useEffect(() => {
    run(invoke('undo.peek', {}), setInfo);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.key.toLowerCase() !== 'z') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
  useEffect(() => {
    if (!shown && !done) return;
    const t = setTimeout(() => {
      setShown(false);
      setDone(null);
    }, 10_000);
    return () => clearTimeout(t);
  }, [shown, done]);
  if (shown && info) {
    return (
      <div className="toast" role="status">
        {info.label}
        <button type="button" onClick={undo}>
          Undo
        </button>
        <button type="button" aria-label="Dismiss" onClick={() => setShown(false)}>
          ×
        </button>
      </div>
    );
  }
  if (done) {
    return (
      <div className="toast" role="status">
        {done}
      </div>
    );
  }
  return null;
}
