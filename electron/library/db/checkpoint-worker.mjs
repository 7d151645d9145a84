// Folds a large write's WAL into the library file, off the thread that made the write. After
// a large import the WAL holds every page it wrote (~400 MB at 100k items); SQLite's automatic
// checkpoint would copy them inside the import's commit (~0.4 s there). This worker runs the
// same PASSIVE checkpoint through its own connection: it copies what no reader still needs and
// never waits for a lock, so the library's own reads and writes go on meanwhile. Plain
// JavaScript on purpose: a worker file must load the same way under tsx, vitest and a bundle.
//
// In:  workerData { file, nativeBinding?, flag: SharedArrayBuffer(4), port: MessagePort }
// Out: one message on `port`: { ok: true, busy, log, checkpointed } | { ok: false, message },
//      then flag[0] = 1 and a notify, so a closing library may wait for it synchronously.
import { workerData } from 'node:worker_threads';

const { file, nativeBinding, flag, port } = workerData;
const signal = new Int32Array(flag);

let out;
try {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, {
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    out = { ok: true, busy: r.busy, log: r.log, checkpointed: r.checkpointed };
  } finally {
    // not the last connection (the library's stays open), so closing leaves the WAL in place
    db.close();
  }
} catch (e) {
  out = { ok: false, message: String(e?.message ?? e) };
}
port.postMessage(out);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
port.close();
