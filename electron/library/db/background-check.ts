import Database from 'better-sqlite3';
import { pathToFileURL } from 'node:url';
import {
  MessageChannel,
  type MessagePort,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';

/** Where the start-up integrity check stands; `damaged` carries SQLite's words. */
export type CheckState =
  { state: 'checking' } | { state: 'ok' } | { state: 'damaged'; why: string };

/** What pragma-worker.mjs answers: the PRAGMA's rows, or SQLite's error. */
export type PragmaResult =
  { ok: true; rows: Record<string, unknown>[] } | { ok: false; code: string; message: string };

/**
 * pragma-worker.mjs sits next to this module in the sources, and next to the bundle in
 * dist/electron (scripts/build-electron.js copies it; a CommonJS bundle has no import.meta).
 */
export function pragmaWorkerUrl(): URL {
  const here = import.meta.url ? new URL('.', import.meta.url) : pathToFileURL(`${__dirname}/`);
  return new URL('pragma-worker.mjs', here);
}

/**
 * A pragma-worker.mjs running `pragma` on `file`. Its port answers once with a PragmaResult,
 * and `flag[0]` turns 1 when it has, so a thread that blocks can wait on the flag and take the
 * answer with `queuedResult`.
 */
export function startPragmaWorker(opts: {
  file: string;
  nativeBinding: string | undefined;
  readonly: boolean;
  pragma: string;
  flag: Int32Array;
}): { worker: Worker; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const { flag, ...rest } = opts;
  const worker = new Worker(pragmaWorkerUrl(), {
    workerData: { ...rest, flag: flag.buffer, port: port2 },
    transferList: [port2],
  });
  return { worker, port: port1 };
}

/** The worker's answer if it is waiting on `port` (read without the event loop). */
export function queuedResult(port: MessagePort): PragmaResult | undefined {
  return (receiveMessageOnPort(port) as { message: PragmaResult } | undefined)?.message;
}

function verdict(r: PragmaResult): CheckState {
  if (r.ok) {
    // SQLite's first finding, as `pragma(..., { simple: true })` gives it
    const result = String(Object.values(r.rows[0] ?? {})[0]);
    return result === 'ok' ? { state: 'ok' } : { state: 'damaged', why: result };
  }
  // The worker could not open or read the file: SQLite's error is the finding.
  return { state: 'damaged', why: `${r.code}: ${r.message}` };
}

/** The check on this thread, when a worker cannot be started (the old, blocking way). */
function checkHere(file: string, nativeBinding?: string): CheckState {
  try {
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    try {
      return verdict({ ok: true, rows: db.pragma('quick_check') as Record<string, unknown>[] });
    } finally {
      db.close();
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return verdict({ ok: false, code: err.code ?? '', message: err.message ?? String(e) });
  }
}

/**
 * SQLite's `quick_check` of a library file on a worker thread. `done` settles with the verdict;
 * `waitSync` blocks until it is known (a write must not go into a file not yet known good) and
 * takes the worker's message directly, so it works while the event loop is blocked too.
 */
export class BackgroundCheck {
  private result: CheckState = { state: 'checking' };
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private port: MessagePort | null = null;
  private worker: Worker | null = null;
  private starting: NodeJS.Immediate | null = null;
  private stopped = false;
  private resolve!: (s: CheckState) => void;
  readonly done: Promise<CheckState>;

  constructor(
    private readonly file: string,
    private readonly nativeBinding: string | undefined,
    private readonly onSettled: (s: CheckState) => void,
  ) {
    this.done = new Promise((r) => (this.resolve = r));
    // Started after the current task: the caller's first page of rows is served before the
    // worker's start-up (a few ms of this thread) competes with it.
    this.starting = setImmediate(() => this.start());
  }

  private start(): void {
    this.starting = null;
    if (this.stopped || this.result.state !== 'checking') return;
    const { file, nativeBinding } = this;
    try {
      // read-only: such a connection never checkpoints a WAL into the file, so a damaged
      // file stays byte-for-byte as it was
      const { worker, port } = startPragmaWorker({
        file,
        nativeBinding,
        readonly: true,
        pragma: 'quick_check',
        flag: this.flag,
      });
      this.port = port;
      this.worker = worker;
      port.on('message', (m: PragmaResult) => this.settle(verdict(m)));
      // kept referenced: whoever awaits `done` needs the process to stay up until it settles
      // (the worker exits by itself once the check is done; `stop` ends it early)
      this.worker.on('error', () => this.settle(checkHere(file, nativeBinding)));
      // A worker that ends without a verdict (killed, out of memory) must not leave writes
      // waiting for ever: take its message if it is still queued, else check here.
      this.worker.on('exit', () => {
        if (this.stopped || this.result.state !== 'checking') return;
        const m = queuedResult(port);
        this.settle(m ? verdict(m) : checkHere(file, nativeBinding));
      });
    } catch {
      // no worker threads here: check on this thread, as the open path used to
      this.settle(checkHere(file, nativeBinding));
    }
  }

  get state(): CheckState {
    return this.result;
  }

  /** The verdict, waiting for the worker if it is still reading the file. */
  waitSync(): CheckState {
    if (this.result.state !== 'checking') return this.result;
    if (this.starting) {
      // not started yet: checking here costs the same as waiting for a worker
      clearImmediate(this.starting);
      this.starting = null;
      this.settle(checkHere(this.file, this.nativeBinding));
      return this.result;
    }
    // bounded: a worker that died without a word must not hang the app
    Atomics.wait(this.flag, 0, 0, 120_000);
    const m = this.port ? queuedResult(this.port) : undefined;
    // no message despite the flag: the async listener took it, or the worker died; the
    // blocking check is the safe answer either way
    this.settle(m ? verdict(m) : checkHere(this.file, this.nativeBinding));
    return this.result;
  }

  private settle(s: CheckState): void {
    if (this.result.state !== 'checking') return;
    this.result = s;
    this.port?.close();
    this.resolve(s);
    this.onSettled(s);
  }

  /** Closing the library: the worker ends as soon as SQLite returns (it cannot be interrupted). */
  stop(): void {
    this.stopped = true;
    if (this.starting) clearImmediate(this.starting);
    void this.worker?.terminate();
    this.port?.close();
    // no verdict will come: release anyone waiting (the library is closing or reopening)
    this.resolve(this.result);
  }
}
