import type { Library } from '../library/library';

/** Test hook: where the CLI import signals itself, so the test needs no timing luck. */
const TEST_SIGINT = process.env.SHELFMARK_TEST_SIGINT;

/** Exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130;

export interface InterruptGuard {
  /** Whether Ctrl-C came after a commit: finish what is owed to the user, then stop. */
  interrupted(): Promise<boolean>;
  /** Test hook: the moment just after a commit, before anything about it is printed. */
  committed(): void;
  dispose(): void;
}

/**
 * Until a write commits, Ctrl-C keeps its default effect: the process dies and SQLite rolls
 * the transaction back, so the library is unchanged. From the moment a write commits, the
 * user is owed its report: Ctrl-C is held (the listener is installed just before COMMIT, so a
 * signal during it is held too) and the command stops after printing. A second Ctrl-C quits.
 */
export function guardInterrupts(lib: Library): InterruptGuard {
  let held = false;
  let caught = false;
  const onSigint = () => {
    if (caught) process.exit(INTERRUPTED);
    caught = true;
  };
  const stopHook = lib.beforeCommit(() => {
    if (TEST_SIGINT === 'before-commit') process.kill(process.pid, 'SIGINT');
    if (held) return;
    held = true;
    process.on('SIGINT', onSigint);
  });
  return {
    async interrupted() {
      // A held signal waits in libuv's signal pipe, read in the loop's poll phase: an immediate
      // set from an immediate runs only after one full poll phase, so the signal is seen.
      await new Promise((r) => setImmediate(() => setImmediate(r)));
      return caught;
    },
    committed() {
      if (TEST_SIGINT === 'after-commit') process.kill(process.pid, 'SIGINT');
    },
    dispose() {
      stopHook();
      process.off('SIGINT', onSigint);
    },
  };
}
