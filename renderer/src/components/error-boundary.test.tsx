// @vitest-environment jsdom
// A render error below the boundary shows what failed, says the library is saved, and (for a
// part that can be closed) lets the user close it and carry on; without a boundary React would
// unmount the whole app.
import { act, createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Broken(): never {
  throw new Error('page 3 has no canvas');
}

// React reports caught render errors on the console; keep the test output readable
const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
afterEach(() => quiet.mockClear());

describe('ErrorBoundary', () => {
  it('replaces a crashed part with the error and a way out, keeping the rest of the page', async () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    function Page() {
      const [open, setOpen] = useState(true);
      return createElement(
        'div',
        null,
        createElement('p', null, 'the item list'),
        open
          ? createElement(ErrorBoundary, {
              what: 'The PDF reader',
              onClose: () => setOpen(false),
              children: createElement(Broken),
            })
          : null,
      );
    }
    await act(() => root.render(createElement(Page)));
    const alert = host.querySelector('[role="alert"]')!;
    expect(alert.querySelector('h2')!.textContent).toBe('The PDF reader hit an error');
    expect(alert.textContent).toContain('page 3 has no canvas');
    expect(host.textContent).toContain('the item list');
    const close = [...alert.querySelectorAll('button')].find((b) => b.textContent === 'Close')!;
    await act(() => close.click());
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(host.textContent).toBe('the item list');
    act(() => root.unmount());
  });

  it('renders its children untouched when nothing fails, and offers no Close without onClose', async () => {
    const host = document.createElement('div');
    const root = createRoot(host);
    await act(() =>
      root.render(
        createElement(ErrorBoundary, {
          what: 'Shelfmark',
          children: createElement('b', null, 'ok'),
        }),
      ),
    );
    expect(host.innerHTML).toBe('<b>ok</b>');
    await act(() =>
      root.render(
        createElement(ErrorBoundary, { what: 'Shelfmark', children: createElement(Broken) }),
      ),
    );
    const labels = [...host.querySelectorAll('button')].map((b) => b.textContent);
    expect(labels).toEqual(['Reload']);
    expect(host.querySelector('h2')!.textContent).toBe('Shelfmark hit an error');
    act(() => root.unmount());
  });
});
