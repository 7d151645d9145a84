import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitAfterFailedStart, quitGracefully } from './shutdown';

function quitEvent() {
  return { preventDefault: vi.fn() };
}

// main.ts runs this on `will-quit`, the one event every way of quitting reaches.
describe('quitting closes the library first', () => {
  afterEach(() => vi.restoreAllMocks());

  it('holds the first quit, stops background work, closes, then quits again', async () => {
    const order: string[] = [];
    const quit = vi.fn(() => order.push('quit'));
    const onQuit = quitGracefully(
      { stop: async () => void order.push('stop'), close: () => void order.push('close') },
      quit,
    );
    const first = quitEvent();
    await onQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(order).toEqual(['stop', 'close', 'quit']);
    // the quit it asked for goes through untouched
    const second = quitEvent();
    await onQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(order).toEqual(['stop', 'close', 'quit']);
  });

  it('closes once however many quits arrive while it closes', async () => {
    const close = vi.fn();
    let release!: () => void;
    const stop = () => new Promise<void>((r) => (release = r));
    const quit = vi.fn();
    const onQuit = quitGracefully({ stop, close }, quit);
    const a = onQuit(quitEvent());
    const again = quitEvent();
    const b = onQuit(again);
    expect(again.preventDefault).toHaveBeenCalled();
    release();
    await Promise.all([a, b]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('still closes and quits when stopping fails or hangs', async () => {
    const close = vi.fn();
    const quit = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await quitGracefully(
      { stop: () => Promise.reject(new Error('flush failed')), close },
      quit,
    )(quitEvent());
    await quitGracefully({ stop: () => new Promise(() => {}), close }, quit, 20)(quitEvent());
    expect(close).toHaveBeenCalledTimes(2);
    expect(quit).toHaveBeenCalledTimes(2);
  });

  it('still quits when closing throws', async () => {
    const quit = vi.fn();
    const onQuit = quitGracefully(
      {
        stop: () => {},
        close: () => {
          throw new Error('disk gone');
        },
      },
      quit,
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await onQuit(quitEvent());
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('main.ts closes the library on will-quit, which Cmd+Q, app.quit() and SIGTERM reach', () => {
    // window-all-closed is not emitted when the quit comes from app.quit(), the macOS menu or a
    // signal (Electron turns SIGINT/SIGTERM into app.quit()), so closing there alone was not enough
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/app\.on\(\s*'will-quit',\s*quitGracefully\(/);
    expect(main).toMatch(/app\.on\('window-all-closed', \(\) => app\.quit\(\)\);/);
  });
});

// A start that fails after the library opened ends in app.exit(1), which skips will-quit: the
// library has to be closed on that path too, or its WAL is left unmerged and its lock behind.
describe('a failed start closes the library before exiting', () => {
  afterEach(() => vi.restoreAllMocks());

  it('stops background work, closes, then exits with 1', async () => {
    const order: string[] = [];
    const exitAfterFailure = exitAfterFailedStart(
      { stop: async () => void order.push('stop'), close: () => void order.push('close') },
      (code) => void order.push(`exit ${code}`),
    );
    await exitAfterFailure();
    expect(order).toEqual(['stop', 'close', 'exit 1']);
  });

  it('closes and exits once however often it is called', async () => {
    const close = vi.fn();
    const exit = vi.fn();
    const exitAfterFailure = exitAfterFailedStart({ stop: () => {}, close }, exit);
    await Promise.all([exitAfterFailure(), exitAfterFailure()]);
    await exitAfterFailure();
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('still exits when stopping hangs or closing throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.fn();
    const close = vi.fn(() => {
      throw new Error('disk gone');
    });
    await exitAfterFailedStart({ stop: () => new Promise(() => {}), close }, exit, 20)();
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('main.ts goes through it on a failed start, with the same steps as will-quit', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    const fail = main.slice(main.indexOf('function fail('));
    expect(fail.slice(0, fail.indexOf('\n}\n'))).toMatch(/exitAfterFailure\(\)/);
    expect(fail.slice(0, fail.indexOf('\n}\n'))).not.toMatch(/app\.exit\(/);
    expect(main).toMatch(/exitAfterFailedStart\(shutdownSteps, \(code\) => app\.exit\(code\)\)/);
    expect(main).toMatch(/quitGracefully\(shutdownSteps, \(\) => app\.quit\(\)\)/);
  });
});
