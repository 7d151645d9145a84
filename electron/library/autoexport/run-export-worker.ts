// Runs exports on one shared worker thread. The engine only loads rows (a page at a time, as
// before) and posts them; formatting, hashing and the atomic write happen in the worker, so a big
// export no longer blocks IPC and HTTP requests. A worker that dies fails the jobs it held and is
// replaced by a fresh one on the next export.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';
import type { FormatModule, FromWorker, IncrementalEnd, ToWorker } from './export-protocol';

/**
 * In dist/electron the worker is bundled beside main.cjs (scripts/build-electron.js; a CommonJS
 * bundle has no import.meta). From the sources (tests, CLI, web host) the worker is TypeScript,
 * so it starts through export-worker-boot.mjs, which registers tsx in the worker thread.
 */
function spawnWorker(): Worker {
  const here = import.meta.url ? new URL('.', import.meta.url) : pathToFileURL(`${__dirname}/`);
  const bundled = new URL('autoexport-worker.cjs', here);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled);
  return new Worker(new URL('export-worker-boot.mjs', here));
}

interface Pending {
  resolve: (r: { wrote: boolean; hash: string; count: number }) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
/** Counts workers started: a new worker holds no entries from earlier incremental jobs. */
let generation = 0;
const pending = new Map<number, Pending>();
let nextId = 1;
const formatModules: FormatModule[] = [];

/** Makes a format registered at run time (tests) known to the worker too. */
export function registerWorkerFormat(url: string, name: string): void {
  if (!formatModules.some((m) => m.url === url && m.name === name))
    formatModules.push({ url, name });
}

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = spawnWorker();
  generation++;
  w.on('message', (m: FromWorker) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.type === 'done') p.resolve(m);
    else p.reject(new Error(m.message));
  });
  w.on('error', (e: Error) => {
    if (worker === w) worker = null;
    failAll(`the export worker failed: ${e.message}`);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(`the export worker stopped unexpectedly (exit code ${code})`);
  });
  // An idle worker must not keep the process (CLI, tests) alive; a busy one must.
  w.unref();
  worker = w;
  return w;
}

function post(w: Worker, m: ToWorker): void {
  w.postMessage(m);
}

export interface ExportJob {
  format: string;
  path: string;
  lastHash: string | null;
  /** Calls `send` with each page of items, in order; may yield between pages. */
  produce: (send: (items: Item[] | BibItem[]) => void) => Promise<void>;
  /** For .bib formats: what the worker finishes the file from (see IncrementalEnd). */
  incremental?: () => IncrementalEnd;
}

/** The generation of the worker the next job runs on (starting it if needed). */
export function workerGeneration(): number {
  getWorker();
  return generation;
}

/** Formats and writes one export in the worker; resolves with whether the file was rewritten. */
export async function runExportJob(
  job: ExportJob,
): Promise<{ wrote: boolean; hash: string; count: number }> {
  const w = getWorker();
  const id = nextId++;
  const result = new Promise<{ wrote: boolean; hash: string; count: number }>((resolve, reject) =>
    pending.set(id, { resolve, reject }),
  );
  // a crash while pages are still loading must not count as an unhandled rejection
  result.catch(() => {});
  w.ref();
  post(w, { type: 'begin', id, format: job.format, path: job.path, lastHash: job.lastHash });
  try {
    await job.produce((items) => post(w, { type: 'page', id, items }));
  } catch (e) {
    post(w, { type: 'abort', id });
    pending.delete(id);
    if (pending.size === 0) w.unref();
    throw e;
  }
  post(w, { type: 'end', id, formatModules, incremental: job.incremental?.() });
  return result;
}

/** Tests only: makes the worker exit as if it crashed. */
export function crashExportWorkerForTest(): void {
  if (worker) post(worker, { type: 'crash' });
}
