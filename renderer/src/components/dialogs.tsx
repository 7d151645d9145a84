import { useEffect, useRef, useState, type FormEvent } from 'react';

// Promise-based prompt and confirm in the app's own <dialog>: window.prompt does not exist in
// Electron, and a real dialog is reachable by role in tests and by screen readers.

interface Request {
  kind: 'text' | 'confirm';
  title: string;
  label?: string;
  initial?: string;
  confirmLabel: string;
  danger?: boolean;
  resolve(value: string | null): void;
}

let show: ((r: Request) => void) | null = null;

export function askText(title: string, label: string, initial = '', confirmLabel = 'OK') {
  return new Promise<string | null>((resolve) =>
    show ? show({ kind: 'text', title, label, initial, confirmLabel, resolve }) : resolve(null),
  );
}

export function askConfirm(title: string, confirmLabel: string, danger = false) {
  return new Promise<boolean>((resolve) =>
    show
      ? show({ kind: 'confirm', title, confirmLabel, danger, resolve: (v) => resolve(v !== null) })
      : resolve(false),
  );
}

/** Renders whichever question is pending; mount once in the app. */
export function DialogHost() {
  const [req, setReq] = useState<Request | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    show = setReq;
    return () => {
      show = null;
    };
  }, []);
  useEffect(() => {
    const d = ref.current;
    if (req && d && !d.open) d.showModal();
  }, [req]);
  const finish = (value: string | null) => {
    req?.resolve(value);
    setReq(null);
    ref.current?.close();
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = String(new FormData(e.currentTarget).get('value') ?? '');
    finish(req?.kind === 'confirm' ? '' : v);
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="ask-title"
      onCancel={(e) => {
        e.preventDefault();
        finish(null);
      }}
    >
      {req ? (
        <form onSubmit={submit}>
          <h2 id="ask-title">{req.title}</h2>
          {req.kind === 'text' ? (
            <label>
              {req.label}
              <input name="value" defaultValue={req.initial} autoFocus />
            </label>
          ) : null}
          <div className="dialog-buttons">
            <button type="button" onClick={() => finish(null)}>
              Cancel
            </button>
            <button type="submit" className={req.danger ? 'danger primary' : 'primary'}>
              {req.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
