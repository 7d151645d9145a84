// The auto-export worker thread: receives an export's items page by page, formats them, and puts
// the file in place atomically, so none of that CPU work runs on the engine's thread (which
// answers IPC and HTTP). One job per binding run; jobs are keyed by id. The file is flushed, then
// renamed into place; the folder's flush, and the hash recorded with it, follow in the
// background (the engine is told `durable`), see replaceFile.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';
import type { ExportFormat } from '../formats/format';
import { EntrySet } from '../export/entry-set';
import { EXPORT_FORMATS } from '../formats/index';
import { type CrashPoint, removeStaleTemps, replaceFile } from './atomic-write';
import { type EncodedParts, EncodedFile, hashParts } from './encoded-file';
import type {
  FormatModule,
  FromWorker,
  IncrementalEnd,
  ToWorker,
  WorkerSteps,
} from './export-protocol';
import { writeErrorMessage } from './write-error';

interface Job {
  format: string;
  path: string;
  lastHash: string | null;
  items: (Item | BibItem)[];
}

const jobs = new Map<number, Job>();
/** Per binding: the rendered entries of its last export (incremental .bib jobs)... */
const sets = new Map<number, EntrySet>();
/** ...that export's bytes, piece by piece, and the ids it was made of. */
const encoded = new Map<number, EncodedFile>();
const lastIds = new Map<number, number[]>();
/** Jobs waiting for the engine to record their replacement (`intent` → `go`). */
const gos = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
const loaded = new Set<string>();
let crashAt: CrashPoint | null = null;

const post = (m: FromWorker) => parentPort!.postMessage(m);

/** Formats registered at run time (tests) live in modules the worker imports once. */
async function loadFormatModules(modules: readonly FormatModule[]): Promise<void> {
  for (const m of modules) {
    const key = `${m.url}#${m.name}`;
    if (loaded.has(key)) continue;
    const mod = (await import(m.url)) as Record<string, ExportFormat | undefined>;
    const f = mod[m.name];
    if (f && !EXPORT_FORMATS.some((x) => x.id === f.id)) EXPORT_FORMATS.push(f);
    loaded.add(key);
  }
}

/**
 * The file's bytes: the format's writer, or for .bib bindings the kept entries plus the new
 * ones, re-encoding only the pieces that changed since the binding's last run.
 */
function content(job: Job, format: ExportFormat, inc: IncrementalEnd | undefined): EncodedParts {
  if (!inc || (format.id !== 'bibtex' && format.id !== 'biblatex')) {
    const bytes = Buffer.from(format.write(job.items as Item[]), 'utf8');
    return { parts: [bytes], size: bytes.length, compared: false, same: false };
  }
  let set = sets.get(inc.key);
  if (inc.reset || !set || set.profile !== format.id) {
    sets.set(inc.key, (set = new EntrySet(format.id)));
    encoded.set(inc.key, new EncodedFile());
    lastIds.delete(inc.key);
  }
  set.forget(inc.changed);
  try {
    const ids = inc.ids ?? lastIds.get(inc.key);
    if (!ids) throw new Error('the export worker lost track of this binding; it starts afresh');
    lastIds.set(inc.key, ids);
    const { pieces } = set.file(ids, job.items as BibItem[], {
      preambles: [],
      comments: [],
      keep: true,
    });
    return encoded.get(inc.key)!.update(pieces);
  } catch (e) {
    // half-updated entries must not be reused: the engine resets this binding after an error
    forgetBinding(inc.key);
    throw e;
  }
}

const since = (t0: number): WorkerSteps => ({
  build: performance.now() - t0,
  write: 0,
  wait: 0,
  rename: 0,
});

function forgetBinding(key: number): void {
  sets.delete(key);
  encoded.delete(key);
  lastIds.delete(key);
}

async function finish(
  id: number,
  job: Job,
  modules: readonly FormatModule[],
  inc: IncrementalEnd | undefined,
): Promise<void> {
  await loadFormatModules(modules);
  const format = EXPORT_FORMATS.find((f) => f.id === job.format);
  if (!format) throw new Error(`the export format "${job.format}" is not available`);
  const t0 = performance.now();
  const { parts, size, compared, same } = content(job, format, inc);
  const count = (inc && lastIds.get(inc.key)?.length) ?? job.items.length;
  // Unchanged since this binding's last run (which put it in place): compared piece by piece.
  // Otherwise, with no last run to compare with (a new worker, another format): by the hash
  // of what the library recorded as written last.
  let hash: string | null = null;
  if (compared && same && existsSync(job.path)) {
    post({ type: 'done', id, wrote: false, hash: null, count, size, steps: since(t0) });
    return;
  }
  if (!compared) {
    hash = hashParts(parts);
    if (hash === job.lastHash && existsSync(job.path)) {
      post({ type: 'done', id, wrote: false, hash, count, size, steps: since(t0) });
      return;
    }
  }
  const t1 = performance.now();
  const intent = new Promise<void>((resolve, reject) => gos.set(id, { resolve, reject }));
  intent.catch(() => {});
  post({ type: 'intent', id });
  let durable: Promise<void>;
  let steps: Omit<WorkerSteps, 'build'>;
  try {
    ({ durable, steps } = await replaceFile(job.path, parts, size, {
      beforeRename: intent,
      crashAt,
    }));
  } catch (e) {
    throw new Error(writeErrorMessage(e, job.path));
  } finally {
    gos.delete(id);
  }
  post({
    type: 'done',
    id,
    wrote: true,
    hash,
    count,
    size,
    steps: { build: t1 - t0, ...steps },
  });
  // Temp files of killed processes are swept after every write, off the way to the new file
  // (a folder such as /tmp can hold thousands of names), before the flush is reported.
  durable
    .then(() => removeStaleTemps(job.path).catch(() => 0))
    .then(
      () => post({ type: 'durable', id, hash: hash ?? hashParts(parts), size }),
      (e: unknown) =>
        post({ type: 'durable-error', id, message: e instanceof Error ? e.message : String(e) }),
    );
}

parentPort!.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'begin':
      jobs.set(m.id, { format: m.format, path: m.path, lastHash: m.lastHash, items: [] });
      break;
    case 'page':
      for (const item of m.items) jobs.get(m.id)?.items.push(item);
      break;
    case 'abort':
      jobs.delete(m.id);
      break;
    case 'end': {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (!job) return;
      finish(m.id, job, m.formatModules, m.incremental).catch((e: unknown) => {
        if (m.incremental) forgetBinding(m.incremental.key);
        post({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
      });
      break;
    }
    case 'go': {
      const g = gos.get(m.id);
      if (m.error === null) g?.resolve();
      else g?.reject(new Error(m.error));
      break;
    }
    case 'crash-at':
      crashAt = m.at;
      break;
    case 'crash':
      // tests only: proves a dying worker is reported and replaced
      process.exit(70);
  }
});
