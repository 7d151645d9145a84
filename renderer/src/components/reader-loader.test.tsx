// @vitest-environment jsdom
// The reader's code loads on first use. A failed load must not stay cached (the next open tries
// again), and must show why with a way to retry or close, not take the app down.
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// the real reader needs pdf.js and the engine; a stand-in shows which target it was given
const control = vi.hoisted(() => ({ fail: 1 }));
vi.mock('./pdf-reader', () => {
  if (control.fail > 0) {
    control.fail--;
    throw new Error('Failed to fetch dynamically imported module');
  }
  return {
    PdfReader: ({ target }: { target: { attachmentId: number } }) =>
      createElement('p', null, `reader for attachment ${target.attachmentId}`),
  };
});

const tick = () => act(() => new Promise((r) => setTimeout(r, 0)));

describe('loadReader', () => {
  it('forgets a failed load, so the next call loads again', async () => {
    vi.resetModules();
    const { loadReader } = await import('./reader-loader');
    const stub = { PdfReader: () => null } as never;
    await expect(loadReader(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    await expect(loadReader(() => Promise.resolve(stub))).resolves.toBe(stub);
    // and a loaded module is kept: a later failing loader is never called
    const never = vi.fn(() => Promise.reject(new Error('not called')));
    await expect(loadReader(never)).resolves.toBe(stub);
    expect(never).not.toHaveBeenCalled();
  });
});

describe('PdfReaderLoader', () => {
  it('shows a failed load with its reason, retries on request, then shows the reader', async () => {
    vi.resetModules();
    control.fail = 1;
    const { PdfReaderLoader } = await import('./reader-loader');
    const host = document.createElement('div');
    const root = createRoot(host);
    const onClose = vi.fn();
    const props = {
      target: { attachmentId: 7, page: 1 },
      onClose,
      onPage: () => {},
      onError: () => {},
    } as never;
    await act(() => root.render(createElement(PdfReaderLoader, props)));
    for (let i = 0; i < 3; i++) await tick();
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toMatch(/^The PDF reader could not be loaded: .+/);
    const buttons = [...host.querySelectorAll('button')];
    buttons.find((b) => b.textContent === 'Close')!.click();
    expect(onClose).toHaveBeenCalledTimes(1);
    await act(() => buttons.find((b) => b.textContent === 'Try again')!.click());
    for (let i = 0; i < 3; i++) await tick();
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(host.textContent).toBe('reader for attachment 7');
    act(() => root.unmount());
  });
});
