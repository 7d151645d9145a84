import { useEffect, useRef, useState } from 'react';

export interface MenuEntry {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
  /** Shown as a checkbox item (column chooser). */
  checked?: boolean;
}

interface OpenMenu {
  x: number;
  y: number;
  label: string;
  entries: (MenuEntry | 'separator')[];
}

let open: ((m: OpenMenu | null) => void) | null = null;

/** Opens the one context menu at the pointer (right-click) or at an element (keyboard). */
export function openContextMenu(
  at: { clientX: number; clientY: number },
  label: string,
  entries: (MenuEntry | 'separator')[],
): void {
  open?.({ x: at.clientX, y: at.clientY, label, entries });
}

export function ContextMenuHost() {
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    open = setMenu;
    return () => {
      open = null;
    };
  }, []);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.target instanceof Node && ref.current?.contains(e.target) && e.type !== 'keydown')
        return;
      setMenu(null);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
      window.removeEventListener('blur', close);
    };
  }, [menu]);
  if (!menu) return null;
  const move = (e: React.KeyboardEvent, d: number) => {
    const buttons = [
      ...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []),
    ];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(i + d + buttons.length) % buttons.length]?.focus();
    e.preventDefault();
  };
  return (
    <div
      ref={ref}
      role="menu"
      aria-label={menu.label}
      className="context-menu"
      style={{
        left: Math.min(menu.x, window.innerWidth - 240),
        top: Math.min(menu.y, window.innerHeight - 40 - menu.entries.length * 28),
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(e, 1);
        if (e.key === 'ArrowUp') move(e, -1);
      }}
    >
      {menu.entries.map((e, i) =>
        e === 'separator' ? (
          <hr key={`s${i}`} />
        ) : (
          <button
            key={e.label}
            type="button"
            role={e.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={e.checked}
            disabled={e.disabled}
            className={e.danger ? 'danger' : ''}
            onClick={() => {
              setMenu(null);
              e.onSelect();
            }}
          >
            {e.checked === undefined ? '' : e.checked ? '✓ ' : '\u2003'}
            {e.label}
          </button>
        ),
      )}
    </div>
  );
}
