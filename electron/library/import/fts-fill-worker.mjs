// The full-text fill of a large import, on the second core. The importing thread writes the
// items and rebuilds their indexes; meanwhile this worker tokenises the same rows into an
// items_fts table of the same definition in a scratch file inside the library folder. At the
// end the importing thread copies the finished table's rows into the library, in the import's
// own transaction (import/parallel-fts.ts). Plain JavaScript on purpose: a worker file must load
// the same way under tsx, vitest and a bundle.
//
// In:  workerData { file, ftsSql, bulkHashsize, restoreHashsize, nativeBinding?, flag, port }
//      messages on `port`: { rows: flat [id, title, creators, abstract, venue, extra, ...] }
//      in id order, then { end: true }.
// Out: flag[2] = 1 once ready; flag[1] = rows written so far, after each message; at the end
//      one message on `port`:
//      { ok: true, rows } | { ok: false, message }, then flag[0] = 1 and a notify, so the
//      importing thread may wait for it synchronously.
import { workerData } from 'node:worker_threads';

const { file, ftsSql, bulkHashsize, restoreHashsize, nativeBinding, flag, port } = workerData;
const signal = new Int32Array(flag);
const COLUMNS = 6;

let db = null;
let insert = null;
let rows = 0;
let failed = null;

function done(out) {
  try {
    db?.close();
  } catch {
    // the result below already says what happened
  }
  port.postMessage(out);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  Atomics.notify(signal, 1); // the importing thread may be waiting for progress
  port.close();
}

function setHashsize(n) {
  db.exec(`INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', ${Math.trunc(n)})`);
}

try {
  const { default: Database } = await import('better-sqlite3');
  db = new Database(file, nativeBinding ? { nativeBinding } : {});
  // a scratch copy, thrown away if anything goes wrong: no syncs
  // WAL (set when the file was made): the importing thread may read the schema meanwhile
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000');
  db.exec(ftsSql);
  // the same statements, in the same order, as the fill on the importing thread (bulk.ts), so
  // the table's rows come out identical to it
  db.exec('BEGIN');
  setHashsize(bulkHashsize);
  insert = db.prepare(
    'INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra) VALUES (?, ?, ?, ?, ?, ?)',
  );
} catch (e) {
  failed = String(e?.message ?? e);
}

// a failure is reported at once: the importing thread stops sending and fills the table itself
if (failed !== null) done({ ok: false, message: failed });
else {
  Atomics.store(signal, 2, 1); // ready for rows
  Atomics.notify(signal, 2);
}
if (failed === null)
  port.on('message', (m) => {
    try {
      if (m.rows) {
        const r = m.rows;
        for (let i = 0; i < r.length; i += COLUMNS) {
          insert.run(r[i], r[i + 1], r[i + 2], r[i + 3], r[i + 4], r[i + 5]);
          rows++;
        }
        // progress, so the importing thread sends no more than the worker can take
        Atomics.store(signal, 1, rows);
        Atomics.notify(signal, 1);
      } else if (m.end) {
        setHashsize(restoreHashsize);
        db.exec('COMMIT');
        done({ ok: true, rows });
      }
    } catch (e) {
      done({ ok: false, message: String(e?.message ?? e) });
    }
  });
