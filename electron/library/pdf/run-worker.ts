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
  | { type: 'done' }
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
 * Runs pdf.js in a fresh worker thread for one job, with a memory cap and a time limit, and
 * resolves with the messages it sent. A worker that hangs or crashes is terminated.
 */
export function runPdfWorker(opts: RunOptions): Promise<WorkerMessage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), {
      workerData: { op: opts.op, path: opts.path, data: opts.data },
      resourceLimits: { maxOldGenerationSizeMb: 768 },
      stdout: true,
      stderr: true,
    });
    const messages: WorkerMessage[] = [];
    let settled = false;
    const finish = (err: AppError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve(messages);
    };
    const timer = setTimeout(
      () =>
        finish(
          new AppError('parse_error', `“${opts.name}” took too long to read; it may be damaged.`),
        ),
      opts.timeoutMs ?? 60_000,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'error') return finish(pdfError(opts.name, m.name, m.message));
      messages.push(m);
      opts.onMessage?.(m);
      if (m.type === 'done') finish(null);
    });
    worker.on('error', (e) => finish(pdfError(opts.name, e.name, e.message)));
    worker.on('exit', (code) => {
      if (!settled) finish(new AppError('parse_error', `Reading “${opts.name}” failed (${code}).`));
    });
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
