// Keeps every bound .bib file in sync with the library. Changes are coalesced (a short debounce,
// capped so a stream of edits still exports within about a second), exports run one at a time:
// this thread loads rows a page at a time (yielding between pages) and posts them to a worker
// thread that formats, hashes and writes the file atomically, only when its content changed.
import type { AutoExport } from '../../../shared/domain/autoexport';
import type { Library } from '../library';
import {
  type BindingDbRow,
  bindingRows,
  exportFormat,
  markPending,
  recordDurable,
  recordFailure,
  recordSuccess,
  toAutoExport,
} from './bindings';
import { type IncrementalPlan, forgetIncremental, planIncremental } from './incremental';
import { forEachExportPage } from './load-items';
import type { WorkerSteps } from './export-protocol';
import { runExportJob } from './run-export-worker';

/** Change kinds that cannot alter an exported file (including our own status updates). */
const IRRELEVANT = new Set(['autoExports', 'savedSearches', 'citeStyles']);

export interface RunOutcome {
  id: number;
  /** A new file was put in place (atomically renamed over the old one). */
  wrote: boolean;
  error: string | null;
  /**
   * When `wrote`: settles once the file is flushed to disk and that is recorded (the library
   * then holds its hash and size and no longer marks it unconfirmed); never rejects.
   */
  durable: Promise<void> | null;
  /** Benchmark detail: when the file was reported in place (performance.now()), worker steps. */
  timing?: { placedAt: number } & WorkerSteps;
}

/**
 * Per library and binding, the files this process put in place: how many (only the newest is
 * recorded as flushed) and the sha256 of the newest when known. While a file is unconfirmed the
 * library's last_hash is the previous file's; this is what is in place.
 */
const written = new WeakMap<Library, Map<number, { seq: number; hash: string | null }>>();

function placedOf(lib: Library): Map<number, { seq: number; hash: string | null }> {
  let m = written.get(lib);
  if (!m) written.set(lib, (m = new Map()));
  return m;
}

/** The hash of what the file holds, as far as the library and this process know. */
function knownHash(lib: Library, row: BindingDbRow): string | null {
  const mine = written.get(lib)?.get(row.id);
  if (mine) return mine.hash;
  // a file never confirmed flushed (the app stopped first) is rewritten, not trusted
  return row.file_pending ? null : row.last_hash;
}

function recordWhenDurable(
  lib: Library,
  id: number,
  placedHash: string | null,
  durable: Promise<{ hash: string; size: number }>,
): Promise<void> {
  const placed = placedOf(lib);
  const seq = (placed.get(id)?.seq ?? 0) + 1;
  const mine = { seq, hash: placedHash };
  placed.set(id, mine);
  const newest = () => placed.get(id) === mine;
  return durable.then(
    ({ hash, size }) => {
      // a newer file replaced this one meanwhile: its own confirmation clears the mark
      if (!newest()) return;
      mine.hash = hash;
      try {
        lib.write(() => recordDurable(lib.db, id, hash, size));
      } catch {
        // the library closed meanwhile: the mark stays and the next start rewrites the file
      }
    },
    (e: unknown) => {
      // not flushed (or the worker died first): the mark stays, and this binding starts afresh,
      // so its next run writes the whole file again instead of trusting it
      if (newest()) mine.hash = null;
      forgetIncremental(lib.db, id);
      try {
        lib.write(() => recordFailure(lib.db, id, (e as Error).message));
      } catch {
        // closed
      }
    },
  );
}

/** Exports one binding now; writes only when the content differs from what was last written. */
export async function runBinding(lib: Library, row: BindingDbRow): Promise<RunOutcome> {
  let plan: IncrementalPlan | null = null;
  try {
    if (!exportFormat(row.format))
      throw new Error(`the export format "${row.format}" is not available`);
    plan = planIncremental(lib, row);
    const r = await runExportJob({
      format: row.format,
      path: row.path,
      lastHash: knownHash(lib, row),
      produce: plan?.produce ?? ((send) => forEachExportPage(lib.db, row.collection_id, send)),
      incremental: plan?.end,
      beforeReplace: () => lib.write(() => markPending(lib.db, row.id)),
    });
    plan?.succeeded();
    if (!r.wrote) {
      if (row.last_error !== null) lib.write(() => recordSuccess(lib.db, row.id, r.count, false));
      return { id: row.id, wrote: false, error: null, durable: null };
    }
    const timing = { placedAt: r.placedAt, ...r.steps };
    lib.write(() => recordSuccess(lib.db, row.id, r.count, true));
    return {
      id: row.id,
      wrote: true,
      error: null,
      durable: recordWhenDurable(lib, row.id, r.hash, r.durable!),
      timing,
    };
  } catch (e) {
    plan?.failed();
    const message = (e as Error).message;
    try {
      lib.write(() => recordFailure(lib.db, row.id, message));
    } catch {
      // the library closed while exporting: nothing left to record into
    }
    return { id: row.id, wrote: false, error: message, durable: null };
  }
}

export interface AutoExporterOptions {
  /** Quiet time after a change before exporting. */
  debounceMs?: number;
  /** Longest a change waits while more keep coming. */
  maxWaitMs?: number;
}

const services = new WeakMap<Library, AutoExporter>();

/** The running auto-exporter of a library, if a long-lived host started one. */
export function autoExporterOf(lib: Library): AutoExporter | undefined {
  return services.get(lib);
}

export class AutoExporter {
  private timer: NodeJS.Timeout | null = null;
  private firstChange = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  /** Files put in place whose flush is not confirmed yet. */
  private readonly flushing = new Set<Promise<void>>();
  /** Files written and runs made since start, for status and tests. */
  readonly stats = { runs: 0, writes: 0 };
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly lib: Library,
    options: AutoExporterOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 800;
  }

  /** Subscribes to changes and catches up with anything that changed while the app was closed. */
  start(): this {
    services.set(this.lib, this);
    this.unsubscribe = this.lib.on((name, payload) => {
      if (name !== 'library.changed') return;
      const kinds = (payload as { kinds: string[] }).kinds;
      if (kinds.every((k) => IRRELEVANT.has(k))) return;
      this.schedule();
    });
    void this.run();
    return this;
  }

  private schedule(): void {
    if (this.stopped) return;
    const t = Date.now();
    if (!this.timer) this.firstChange = t;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstChange + this.maxWaitMs - t));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
    this.timer.unref();
  }

  /** Runs the given bindings (all when omitted) after any run already going. */
  run(ids?: readonly number[]): Promise<RunOutcome[]> {
    this.busy++;
    const job = this.queue.then(async () => {
      const out: RunOutcome[] = [];
      // Its status writes wait for the start-up integrity check (run in the background) here,
      // without blocking the main thread as lib.write would; a damaged library then refuses them.
      await this.lib.whenWritable().catch(() => {});
      if (this.stopped) return out;
      this.stats.runs++;
      for (const row of bindingRows(this.lib.db)) {
        if (ids && !ids.includes(row.id)) continue;
        if (this.stopped) break;
        const r = await runBinding(this.lib, row);
        if (r.wrote) this.stats.writes++;
        if (r.durable) {
          const d = r.durable;
          this.flushing.add(d);
          void d.finally(() => this.flushing.delete(d));
        }
        out.push(r);
      }
      if (out.some((r) => r.wrote || r.error) && !this.stopped) this.lib.changed(['autoExports']);
      return out;
    });
    this.queue = job.catch(() => {}).finally(() => this.busy--);
    return job;
  }

  isPending(): boolean {
    return this.timer !== null || this.busy > 0;
  }

  /** Resolves once nothing is scheduled or running. */
  async idle(): Promise<void> {
    while (this.isPending()) {
      await this.queue;
      if (this.timer) await new Promise((r) => setTimeout(r, this.debounceMs));
    }
  }

  /** Resolves once every file put in place so far is flushed and recorded as such. */
  async flushed(): Promise<void> {
    while (this.flushing.size > 0) await Promise.all([...this.flushing]);
  }

  /** Stops; waits for the run going and for the flushes, so a clean stop leaves nothing unconfirmed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    services.delete(this.lib);
    await this.queue;
    await this.flushed();
  }
}

/** Status of every binding, with whether an export is waiting. */
export function listAutoExports(lib: Library): AutoExport[] {
  const pending = autoExporterOf(lib)?.isPending() ?? false;
  return bindingRows(lib.db).map((r) => toAutoExport(r, pending));
}

export function startAutoExport(lib: Library, options?: AutoExporterOptions): AutoExporter {
  return new AutoExporter(lib, options).start();
}
