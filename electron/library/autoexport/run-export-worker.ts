// Runs exports on one shared worker thread. The engine only loads rows (a page at a time, as
// before) and posts them; formatting, hashing and the atomic write happen in the worker, so a big
// export no longer blocks IPC and HTTP requests. A worker that dies fails the jobs it held and is
// replaced by a fresh one on the next export.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';
import type { CrashPoint } from './atomic-write';
import type {
  FormatModule,
  FromWorker,
  IncrementalEnd,
  ToWorker,
  WorkerSteps,
} from './export-protocol';

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

/** How a job ended: the file is in place (`wrote`) or was already right. */
export interface JobResult {
  wrote: boolean;
  /** sha256 of the content, when the worker computed it before writing. */
  hash: string | null;
  count: number;
  size: number;
  /** When `wrote`: settles once the file is flushed, with its sha256 and size. */
  durable: Promise<{ hash: string; size: number }> | null;
  /** performance.now() on this thread when the worker reported the file in place; its steps. */
  placedAt: number;
  steps: WorkerSteps;
}

interface Pending {
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
  beforeReplace?: () => void;
}

interface Durable {
  resolve: (r: { hash: string; size: number }) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
/** Counts workers started: a new worker holds no entries from earlier incremental jobs. */
let generation = 0;
const pending = new Map<number, Pending>();
/** Written files not yet confirmed flushed; the worker stays referenced until they are. */
const durables = new Map<number, Durable>();
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
  for (const d of durables.values()) d.reject(new Error(message));
  durables.clear();
}

function unrefIfIdle(w: Worker): void {
  if (pending.size === 0 && durables.size === 0) w.unref();
}

function deferDurable(id: number): Promise<{ hash: string; size: number }> {
  const p = new Promise<{ hash: string; size: number }>((resolve, reject) =>
    durables.set(id, { resolve, reject }),
  );
  p.catch(() => {});
  return p;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = spawnWorker();
  generation++;
  w.on('message', (m: FromWorker) => {
    if (m.type === 'durable' || m.type === 'durable-error') {
      const d = durables.get(m.id);
      durables.delete(m.id);
      if (m.type === 'durable') d?.resolve({ hash: m.hash, size: m.size });
      else d?.reject(new Error(m.message));
      unrefIfIdle(w);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'intent') {
      let error: string | null = null;
      try {
        p.beforeReplace?.();
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      post(w, { type: 'go', id: m.id, error });
      return;
    }
    pending.delete(m.id);
    if (m.type === 'done') {
      const durable = m.wrote ? deferDurable(m.id) : null;
      p.resolve({
        wrote: m.wrote,
        hash: m.hash,
        count: m.count,
        size: m.size,
        durable,
        placedAt: performance.now(),
        steps: m.steps,
      });
    } else p.reject(new Error(m.message));
    unrefIfIdle(w);
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
  /**
   * Called (on this thread) just before the worker renames a new file into place, while it
   * writes the temp file: records that a replacement is unconfirmed. Throwing cancels it.
   */
  beforeReplace?: () => void;
}

/** The generation of the worker the next job runs on (starting it if needed). */
export function workerGeneration(): number {
  getWorker();
  return generation;
}

/** Formats and writes one export in the worker; resolves with whether the file was rewritten. */
export async function runExportJob(job: ExportJob): Promise<JobResult> {
  const w = getWorker();
  const id = nextId++;
  const result = new Promise<JobResult>((resolve, reject) =>
    pending.set(id, { resolve, reject, beforeReplace: job.beforeReplace }),
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
    unrefIfIdle(w);
    throw e;
  }
  post(w, { type: 'end', id, formatModules, incremental: job.incremental?.() });
  return result;
}

/** Tests only: makes the worker exit as if it crashed. */
export function crashExportWorkerForTest(): void {
  if (worker) post(worker, { type: 'crash' });
}

/** Tests only: the worker stops, as if killed, at this point of its next file replacements. */
export function crashExportWorkerAtForTest(at: CrashPoint | null): void {
  post(getWorker(), { type: 'crash-at', at });
}
