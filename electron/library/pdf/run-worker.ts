import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';

/** What the pdf.js worker reports about a document (see pdf-worker.mjs). */
export interface RawTextItem {
  str: string;
  /** pdf.js transform: [a, b, c, d, x, y]. */
  t: number[];
  w: number;
  font: string;
  eol: boolean;
}

export interface RawPage {
  width: number;
  height: number;
  items: RawTextItem[];
}

export interface RawPdf {
  numPages: number;
  info: Record<string, unknown>;
  xmp: Record<string, unknown>;
  pages: RawPage[];
}

type WorkerMessage =
  | ({ type: 'meta' } & RawPdf)
  | { type: 'count'; total: number }
  | { type: 'page'; page: number; text: string }
  /** textOnly: pdf.js's worker half is the copy without font-file building (text-only-pdfjs.mjs). */
  | { type: 'done'; textOnly: boolean }
  | { type: 'error'; name: string; message: string };

/**
 * The worker file sits next to this module in the sources, and next to the bundle in
 * dist/electron (scripts/build-electron.js copies it; a CommonJS bundle has no import.meta).
 */
function workerUrl(): URL {
  const here = import.meta.url ? new URL('.', import.meta.url) : pathToFileURL(`${__dirname}/`);
  return new URL('pdf-worker.mjs', here);
}

/** A clear, user-facing error for what pdf.js threw. `name` is the file's display name. */
export function pdfError(name: string, errName: string, message: string): AppError {
  if (errName === 'PasswordException') {
    return new AppError(
      'parse_error',
      `“${name}” is encrypted (password-protected); Shelfmark cannot open it.`,
    );
  }
  if (errName === 'InvalidPDFException' || /Invalid PDF|No password given/i.test(message)) {
    return new AppError('parse_error', `“${name}” is damaged and cannot be read as a PDF.`);
  }
  return new AppError('parse_error', `“${name}” could not be read as a PDF: ${message}`);
}

/** A file is a PDF only if `%PDF-` appears in its first KiB (what readers accept). */
export function looksLikePdf(head: Uint8Array): boolean {
  const s = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  return s.includes('%PDF-');
}

interface RunOptions {
  op: 'probe' | 'text';
  name: string;
  path?: string;
  data?: Uint8Array;
  timeoutMs?: number;
  onMessage?: (m: WorkerMessage) => void;
}

/**
 * How many pdf.js threads the pool keeps: two (the machines we target have two cores), but
 * never more than the processors this process may use, where a second thread only takes turns
 * with the first and each page costs more CPU (docs/performance-pdf.md).
 */
export function pdfWorkerLimit(processors: number): number {
  return Math.max(1, Math.min(2, Math.floor(processors)));
}

export const MAX_PDF_WORKERS = pdfWorkerLimit(availableParallelism());

interface PooledWorker {
  worker: Worker;
  busy: boolean;
}

const pool: PooledWorker[] = [];
const waiting: ((w: PooledWorker) => void)[] = [];
let nextJob = 1;

function spawn(): PooledWorker {
  const worker = new Worker(workerUrl(), {
    // a larger young generation: pdf.js allocates many short-lived objects per page (measured: about
    // 6 % less CPU than the default's frequent scavenges)
    resourceLimits: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 48 },
    stdout: true,
    stderr: true,
  });
  const entry: PooledWorker = { worker, busy: true };
  // An idle worker must not keep the process (CLI, tests) alive.
  worker.unref();
  pool.push(entry);
  return entry;
}

function retire(entry: PooledWorker): void {
  const at = pool.indexOf(entry);
  if (at >= 0) pool.splice(at, 1);
  void entry.worker.terminate();
}

function acquire(): Promise<PooledWorker> {
  const idle = pool.find((w) => !w.busy);
  if (idle) {
    idle.busy = true;
    return Promise.resolve(idle);
  }
  if (pool.length < MAX_PDF_WORKERS) return Promise.resolve(spawn());
  return new Promise((resolve) => waiting.push(resolve));
}

function release(entry: PooledWorker): void {
  const next = waiting.shift();
  if (next) {
    // a retired worker is replaced, so the waiting job still gets a thread
    next(pool.includes(entry) ? entry : spawn());
    return;
  }
  if (pool.includes(entry)) entry.busy = false;
}

/**
 * Runs one job on a pooled pdf.js worker thread (memory-capped), resolving with the messages it
 * sent. A job that times out or crashes takes its worker with it; the next job gets a fresh one.
 */
export async function runPdfWorker(opts: RunOptions): Promise<WorkerMessage[]> {
  const entry = await acquire();
  const id = nextJob++;
  const { worker } = entry;
  return new Promise<WorkerMessage[]>((resolve, reject) => {
    const messages: WorkerMessage[] = [];
    let settled = false;
    const finish = (err: AppError | null, broken = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (broken) retire(entry);
      release(entry);
      if (err) reject(err);
      else resolve(messages);
    };
    const onMessage = (m: WorkerMessage & { id: number }) => {
      if (m.id !== id) return;
      if (m.type === 'error') return finish(pdfError(opts.name, m.name, m.message));
      messages.push(m);
      opts.onMessage?.(m);
      if (m.type === 'done') finish(null);
    };
    const onError = (e: Error) => finish(pdfError(opts.name, e.name, e.message), true);
    const onExit = (code: number) =>
      finish(new AppError('parse_error', `Reading “${opts.name}” failed (${code}).`), true);
    const timer = setTimeout(
      () =>
        finish(
          new AppError('parse_error', `“${opts.name}” took too long to read; it may be damaged.`),
          true,
        ),
      opts.timeoutMs ?? 60_000,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, op: opts.op, path: opts.path, data: opts.data });
  });
}

/** Opens a PDF in the worker and returns its metadata and the text of its first pages. */
export async function probePdf(name: string, data: Uint8Array): Promise<RawPdf> {
  if (!looksLikePdf(data)) {
    throw new AppError('parse_error', `“${name}” is not a PDF file.`);
  }
  // A copy goes to the worker so the caller's buffer stays usable.
  const msgs = await runPdfWorker({ op: 'probe', name, data: new Uint8Array(data) });
  const meta = msgs.find((m) => m.type === 'meta');
  if (!meta || meta.type !== 'meta') throw new AppError('parse_error', `“${name}” has no pages.`);
  const { type: _type, ...raw } = meta;
  return raw;
}

/** Extracts the text of every page, reporting each page as it arrives. */
export async function extractPageTexts(
  name: string,
  path: string,
  onPage: (page: number, text: string, total: number) => void,
): Promise<number> {
  let total = 0;
  await runPdfWorker({
    op: 'text',
    name,
    path,
    timeoutMs: 10 * 60_000,
    onMessage: (m) => {
      if (m.type === 'count') total = m.total;
      if (m.type === 'page') onPage(m.page, m.text, total);
    },
  });
  return total;
}
