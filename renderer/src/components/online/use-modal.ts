import { useEffect, useRef } from 'react';

/** Opens and closes a native <dialog> as a modal from a boolean. */
export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
