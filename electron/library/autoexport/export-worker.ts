// The auto-export worker thread: receives an export's items page by page, formats them, hashes
// the text and writes the file atomically, so none of that CPU work runs on the engine's thread
// (which answers IPC and HTTP). One job per binding run; jobs are keyed by id.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';
import type { ExportFormat } from '../formats/format';
import { EntrySet } from '../export/entry-set';
import { EXPORT_FORMATS } from '../formats/index';
import { removeStaleTemps, writeFileAtomic } from './atomic-write';
import type { FormatModule, IncrementalEnd, ToWorker } from './export-protocol';

interface Job {
  format: string;
  path: string;
  lastHash: string | null;
  items: (Item | BibItem)[];
}

const jobs = new Map<number, Job>();
/** Per binding: the rendered entries of its last export (incremental .bib jobs). */
const sets = new Map<number, EntrySet>();
const loaded = new Set<string>();

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

/** The file text: the format's writer, or for .bib bindings the kept entries plus the new ones. */
function content(job: Job, format: ExportFormat, inc: IncrementalEnd | undefined): string {
  if (!inc || (format.id !== 'bibtex' && format.id !== 'biblatex'))
    return format.write(job.items as Item[]);
  let set = sets.get(inc.key);
  if (inc.reset || !set || set.profile !== format.id)
    sets.set(inc.key, (set = new EntrySet(format.id)));
  set.forget(inc.changed);
  try {
    return set.file(inc.ids, job.items as BibItem[], { preambles: [], comments: [], keep: true })
      .text;
  } catch (e) {
    // half-updated entries must not be reused: the engine resets this binding after an error
    sets.delete(inc.key);
    throw e;
  }
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
  // encoded once, for the hash and the write (a .bib of 100k entries is ~65 MB)
  const bytes = Buffer.from(content(job, format, inc), 'utf8');
  const count = inc ? inc.ids.length : job.items.length;
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash === job.lastHash && existsSync(job.path)) {
    parentPort!.postMessage({ type: 'done', id, wrote: false, hash, count });
    return;
  }
  await removeStaleTemps(job.path);
  await writeFileAtomic(job.path, bytes);
  parentPort!.postMessage({ type: 'done', id, wrote: true, hash, count });
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
      finish(m.id, job, m.formatModules, m.incremental).catch((e: unknown) =>
        parentPort!.postMessage({
          type: 'error',
          id: m.id,
          message: e instanceof Error ? e.message : String(e),
        }),
      );
      break;
    }
    case 'crash':
      // tests only: proves a dying worker is reported and replaced
      process.exit(70);
  }
});
