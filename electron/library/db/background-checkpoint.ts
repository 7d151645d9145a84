import type { MessagePort, Worker } from 'node:worker_threads';
import { type PragmaResult, queuedResult, startPragmaWorker } from './background-check';

export type CheckpointResult =
  { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; message: string };

/** SQLite's counts from the checkpoint's one row. */
function counts(r: PragmaResult): CheckpointResult {
  if (!r.ok) return { ok: false, message: r.message };
  const row = (r.rows[0] ?? {}) as { busy?: number; log?: number; checkpointed?: number };
  return { ok: true, busy: row.busy ?? 0, log: row.log ?? 0, checkpointed: row.checkpointed ?? 0 };
}

/**
 * One PASSIVE checkpoint of a library file on a worker thread (pragma-worker.mjs), after a
 * write that left a large WAL. `done` settles with SQLite's counts; `waitSync` lets a closing
 * library wait for it, so that its own close stays the last one (the one that folds the rest
 * of the WAL in and removes it). A checkpoint that cannot start or fails changes nothing: the
 * next commit's automatic checkpoint, or the close, does the work as before.
 */
export class BackgroundCheckpoint {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private result: CheckpointResult | null = null;
  private resolve!: (r: CheckpointResult) => void;
  readonly done: Promise<CheckpointResult>;

  constructor(file: string, nativeBinding: string | undefined) {
    this.done = new Promise((r) => (this.resolve = r));
    // PASSIVE: it copies what no reader still needs and never waits for a lock, so the
    // library's own reads and writes go on meanwhile
    const { worker, port } = startPragmaWorker({
      file,
      nativeBinding,
      readonly: false,
      pragma: 'wal_checkpoint(PASSIVE)',
      flag: this.flag,
    });
    this.port = port;
    this.worker = worker;
    port.on('message', (m: PragmaResult) => this.settle(counts(m)));
    this.worker.on('error', (e) => this.settle({ ok: false, message: e.message }));
    this.worker.on('exit', () => this.settle(this.take() ?? { ok: false, message: 'exited' }));
    // nothing waits for it but a close: it must not keep a process alive on its own
    this.worker.unref();
    port.unref();
  }

  private take(): CheckpointResult | null {
    const m = queuedResult(this.port);
    return m ? counts(m) : null;
  }

  private settle(r: CheckpointResult): void {
    if (this.result) return;
    this.result = r;
    this.port.close();
    this.resolve(r);
  }

  get finished(): boolean {
    return this.result !== null || Atomics.load(this.flag, 0) === 1;
  }

  /** Waits (blocking, at most `ms`) for the worker; stops it if it is still running then. */
  waitSync(ms: number): void {
    if (!this.result) {
      Atomics.wait(this.flag, 0, 0, ms);
      this.settle(this.take() ?? { ok: false, message: 'stopped while running' });
    }
    void this.worker.terminate();
  }
}
