// One PRAGMA on a library file through this worker's own connection, off the thread that asked:
// the start-up `quick_check` (db/background-check.ts: it reads the whole file, ~2.5 s at 100k
// items, so the first rows are shown meanwhile) and the checkpoint after a large write
// (db/background-checkpoint.ts: it copies ~400 MB of WAL into the file after a 100k import).
// Plain JavaScript on purpose: a worker file must load the same way under tsx, vitest and a
// bundle.
//
// In:  workerData { file, nativeBinding?, readonly, pragma, flag: SharedArrayBuffer(4),
//      port: MessagePort }
// Out: one message on `port`: { ok: true, rows } (the PRAGMA's rows) | { ok: false, code,
//      message }, then flag[0] = 1 and a notify, so the asking thread may wait for it
//      synchronously.
import { workerData } from 'node:worker_threads';

const { file, nativeBinding, readonly, pragma, flag, port } = workerData;
const signal = new Int32Array(flag);

let out;
try {
  // imported here so that a failure to load the binding is reported like any other
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, {
    readonly,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    out = { ok: true, rows: db.pragma(pragma) };
  } finally {
    // never the last connection (the library's stays open), so closing leaves the WAL alone
    db.close();
  }
} catch (e) {
  out = { ok: false, code: String(e?.code ?? ''), message: String(e?.message ?? e) };
}
// the message first: whoever sees the flag set can take it with receiveMessageOnPort
port.postMessage(out);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
port.close();
