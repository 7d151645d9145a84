import type { CliIO } from './command';

/**
 * 128 + SIGPIPE (13): the status the shell reports for `cat`, `grep` or `git` when the reader
 * of their pipe goes away (`… | head -1`), so `set -o pipefail` scripts see Shelfmark as they
 * see those, and a run whose output was cut short is not reported as a clean success.
 */
export const EXIT_STDOUT_CLOSED = 141;

/**
 * The console CliIO for the real process. Node ignores SIGPIPE, so a write to a pipe with no
 * reader becomes an 'error' event on stdout that, unhandled, crashes with a stack trace. Here
 * it is handled once for every command: later output is dropped and the command runs on to
 * its end, so the library is closed (and any write committed) exactly as on a normal run.
 */
export function processIO(): { io: CliIO; stdoutClosed: () => Promise<boolean> } {
  let closed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // once the reader is gone, a write that was already on its way fails too: ignore it
    if (e.code !== 'EPIPE' && !closed) throw e;
    closed = true;
  });
  const io: CliIO = {
    out: (line) => {
      if (!closed) console.log(line);
    },
    err: console.error,
  };
  // the 'error' event of a failed write comes a tick after it, maybe after the command ended
  const stdoutClosed = () => new Promise<boolean>((done) => setImmediate(() => done(closed)));
  return { io, stdoutClosed };
}
