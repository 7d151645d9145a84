// The start-up `quick_check` of a library, off the open path: it reads the whole file (about
// 2.5 s at 100k items), so the host opens the library, shows the first rows, and this worker
// checks meanwhile through its own read-only connection (a read-only connection never
// checkpoints a WAL into the file, so a damaged file stays byte-for-byte as it was). Plain
// JavaScript on purpose: a worker file must load the same way under tsx, vitest and a bundle.
//
// In:  workerData { file, nativeBinding?, flag: SharedArrayBuffer(4), port: MessagePort }
// Out: one message on `port`: { ok: true, result: string } | { ok: false, code, message },
//      then flag[0] = 1 and a notify, so a writer may wait for it synchronously.
import { workerData } from 'node:worker_threads';

const { file, nativeBinding, flag, port } = workerData;
const signal = new Int32Array(flag);

let out;
try {
  // imported here so that a failure to load the binding is reported like any other
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    out = { ok: true, result: String(db.pragma('quick_check', { simple: true })) };
  } finally {
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
