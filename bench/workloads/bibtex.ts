// B1 parse, B2 import, B7 export: Shelfmark's formats looked up in the registries by id, and
// the peers run on the same file in the same run.
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../shared/api/contract';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../../electron/library/formats/index';
import { call } from '../../electron/cli/command';
import { bindingRow } from '../../electron/library/autoexport/bindings';
import { runBinding } from '../../electron/library/autoexport/service';
import { getItem } from '../../electron/library/items/repo';
import { Library } from '../../electron/library/library';
import { runChild, which } from '../lib/child';
import { type Context, ROOT } from '../lib/context';
import { type Figure, type PeerResult, all, atLeast, atMost, notAvailable } from '../lib/figure';
import { fmtMs, fmtRate, median, timeMsAsync } from './util';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
/** A peer gets this long; on a shared machine JabRef at 100k can take many minutes. */
const PEER_LIMIT_MS = Number(process.env.BENCH_PEER_LIMIT_S ?? 480) * 1000;
const CHILD = (name: string) => join(ROOT, 'bench', 'child', name);

async function jsPeer(
  ctx: Context,
  peer: string,
  warmRuns = 0,
): Promise<PeerResult & { rate: number | null; entries?: number; warm?: number[] }> {
  // the limit is for peers; ours gets at least ten minutes
  const timeoutMs = peer === 'shelfmark' ? Math.max(PEER_LIMIT_MS, 600_000) : PEER_LIMIT_MS;
  try {
    const r = await runChild(TSX, [CHILD('parse-peer.ts'), peer, ctx.bibFile, String(warmRuns)], {
      timeoutMs,
      cwd: ROOT,
    });
    if (r.code !== 0) {
      return {
        name: peer,
        measured: `did not finish (exit ${r.code}${r.code === null ? `, killed after ${timeoutMs / 1000} s` : ''}): ${r.stderr.trim().split('\n').pop() ?? ''}`,
        ratio: null,
        rate: null,
      };
    }
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      entries: number;
      errors: number;
      ms: number;
      warm?: number[];
    };
    const rate = out.entries / (out.ms / 1000);
    return {
      name: peer,
      measured: `${fmtRate(rate)} (${out.entries} entries in ${fmtMs(out.ms)}${out.errors ? `, ${out.errors} errors` : ''}, 1 run)`,
      ratio: null,
      rate,
      entries: out.entries,
      ...(out.warm ? { warm: out.warm } : {}),
    };
  } catch (e) {
    return {
      name: peer,
      measured: `could not run: ${(e as Error).message}`,
      ratio: null,
      rate: null,
    };
  }
}

export async function b1(ctx: Context): Promise<Figure[]> {
  const target = '≥ 50k entries/s; ≥ 10× best JS parser';
  const workload = `parse a ${(statSync(ctx.bibFile).size / 2 ** 20).toFixed(0)} MB .bib (${ctx.gen.entries.length + ctx.gen.parents.length} entries)`;
  const peers = [await jsPeer(ctx, 'citation-js'), await jsPeer(ctx, 'retorquere')];
  const format = IMPORT_FORMATS.find((f) => f.id === 'bibtex');
  if (!format) {
    return [
      {
        ...notAvailable(
          'B1',
          workload,
          target,
          "no ImportFormat 'bibtex' registered yet (import issue 3 not merged)",
        ),
        peers: peers.map(({ rate: _r, ...p }) => p),
      },
    ];
  }
  // Ours runs as each peer does, in a child process: cold (the first parse: the figure and the
  // ratios) and warm (the runs after it). Four parses of 60 MB in this process would leave
  // its heap to the in-process figures that follow (B4's p99 was 1–4 ms worse after them).
  const cold = await jsPeer(ctx, 'shelfmark', ctx.runs);
  if (cold.rate === null) {
    return [
      {
        ...notAvailable('B1', workload, target, `Shelfmark's parser ${cold.measured}`),
        peers: peers.map(({ rate: _r, ...p }) => p),
      },
    ];
  }
  const times = cold.warm ?? [];
  const warm = (cold.entries ?? 0) / (median(times) / 1000);
  const rate = cold.rate;
  const best = Math.max(...peers.map((p) => p.rate ?? 0));
  return [
    {
      id: 'B1',
      workload,
      target,
      measured: `cold ${cold.measured}; warm ${fmtRate(warm)} (median of ${ctx.runs})`,
      value: rate,
      unit: 'entries/s',
      ...all(atLeast(rate, 50_000), best > 0 ? atLeast(rate / best, 10) : { status: 'pass' }),
      peers: peers.map(({ rate: r, ...p }) => ({ ...p, ratio: r ? rate / r : null })),
      detail: { times },
    },
  ];
}

async function nativePeer(
  name: string,
  bin: string,
  args: string[],
  out: string,
): Promise<{ peer: PeerResult; ms: number | null; rssMb: number | null }> {
  if (!which(bin)) {
    return {
      peer: {
        name,
        measured: `not installed (apt-get install ${bin === 'jabref' ? 'jabref' : 'bibtool'})`,
        ratio: null,
      },
      ms: null,
      rssMb: null,
    };
  }
  const r = await runChild(bin, args, { timeoutMs: PEER_LIMIT_MS, cwd: tmpdir() });
  if (r.code === null) {
    return {
      peer: {
        name,
        measured: `did not finish within ${PEER_LIMIT_MS / 1000} s on this machine (stopped)`,
        ratio: null,
      },
      ms: null,
      rssMb: null,
    };
  }
  let size = 0;
  try {
    size = statSync(out).size;
    rmSync(out, { force: true });
  } catch {
    /* no output: reported below */
  }
  if (r.code !== 0 || size === 0) {
    return {
      peer: {
        name,
        measured: `failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`,
        ratio: null,
      },
      ms: null,
      rssMb: null,
    };
  }
  return {
    peer: { name, measured: `${fmtMs(r.ms)}, ${r.peakRssMb?.toFixed(0) ?? '?'} MB`, ratio: null },
    ms: r.ms,
    rssMb: r.peakRssMb,
  };
}

/** JabRef 3.8 (import + export, JVM start included) and bibtool (read + pretty-print). */
async function converters(ctx: Context, jabrefFormat: string, ext: string) {
  const jOut = join(tmpdir(), `shelfmark-bench-jabref-${process.pid}.${ext}`);
  const bOut = join(tmpdir(), `shelfmark-bench-bibtool-${process.pid}.bib`);
  const jabref = await nativePeer(
    `JabRef 3.8 CLI (.bib → ${jabrefFormat})`,
    'jabref',
    [
      '-n',
      '-i',
      `${ctx.bibFile},bibtex`,
      '-o',
      jabrefFormat === 'bib' ? jOut : `${jOut},${jabrefFormat}`,
    ],
    jOut,
  );
  const bibtool = await nativePeer(
    'bibtool (.bib → .bib)',
    'bibtool',
    ['-q', '-i', ctx.bibFile, '-o', bOut],
    bOut,
  );
  return [jabref, bibtool];
}

export async function b2(ctx: Context): Promise<Figure[]> {
  const target = '≤ 5 s, ≤ 500 MB; ≥ 10× JabRef';
  const workload = `import the ${ctx.gen.entries.length + ctx.gen.parents.length}-entry .bib into a new library incl. full-text index`;
  const peers = await converters(ctx, 'ris', 'ris');
  const runs: { ms: number; rss: number | null; items: number }[] = [];
  let unavailable: string | null = null;
  let callName = '';
  for (let i = 0; i < Math.max(1, Math.min(ctx.runs, 3)); i++) {
    const r = await runChild(TSX, [CHILD('import.ts'), ctx.bibFile], {
      cwd: ROOT,
      timeoutMs: 600_000,
    });
    if (r.code !== 0)
      throw new Error(`import child failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      unavailable?: string;
      ms: number;
      items: number;
      call: string;
    };
    if (out.unavailable) {
      unavailable = out.unavailable;
      break;
    }
    callName = out.call;
    runs.push({ ms: out.ms, rss: r.peakRssMb, items: out.items });
  }
  const peerRows = peers.map((p) => p.peer);
  if (unavailable)
    return [{ ...notAvailable('B2', workload, target, unavailable), peers: peerRows }];
  const ms = median(runs.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.rss ?? 0));
  return [
    {
      id: 'B2',
      workload,
      target,
      measured: `${fmtMs(ms)} (${runs[0]!.items} items via ${callName}), peak RSS ${rss.toFixed(0)} MB (process incl. Node start)`,
      value: ms,
      unit: 'ms',
      ...all(
        atMost(ms, 5000),
        atMost(rss, 500),
        peers[0]!.ms ? atLeast(peers[0]!.ms / ms, 10) : { status: 'pass' },
      ),
      peers: peers.map((p) => ({ ...p.peer, ratio: p.ms ? p.ms / ms : null })),
      note: 'peers convert the file (read + write another format), which is what an import into their own store amounts to',
      detail: { runs },
    },
  ];
}

/** The engine's export call (import/export issue), when the contract has it. */
function hasExportCall(): boolean {
  return Object.prototype.hasOwnProperty.call(contract, 'export.items');
}

export async function b7(ctx: Context): Promise<Figure[]> {
  const n = ctx.gen.entries.length + ctx.gen.parents.length;
  const peers = await converters(ctx, 'bib', 'bib');
  const peerRows = peers.map((p) => p.peer);
  const format = EXPORT_FORMATS.find((f) => f.id === 'bibtex');
  if (!format && !hasExportCall()) {
    return [
      {
        ...notAvailable(
          'B7a',
          `export ${n} items to BibTeX`,
          '≤ 1 s',
          "no ExportFormat 'bibtex' registered yet (import/export issue 3 not merged)",
        ),
        peers: peerRows,
      },
      notAvailable(
        'B7b',
        're-export after one edit (auto-export)',
        '≤ 50 ms',
        "no ExportFormat 'bibtex' registered yet",
      ),
    ];
  }
  const dir = ctx.scratchLibrary();
  let lib = Library.open(dir);
  try {
    const ids = lib.db
      .prepare<[], number>('SELECT id FROM items WHERE deleted_at IS NULL ORDER BY id')
      .pluck()
      .all();
    // the real path is the contract call (loads items and writes them); without it, the
    // registry's writer after loading every item with getItem
    const exportAll = hasExportCall()
      ? async () =>
          (await call(
            lib,
            'export.items' as never,
            { format: 'bibtex' } as never,
          )) as unknown as string
      : async () => format!.write(ids.map((id) => getItem(lib.db, id)));
    const how = hasExportCall() ? 'export.items' : "getItem × n + ExportFormat 'bibtex'";
    // The library's first export ever renders every entry and stores it in the library
    // (export_entries; once per library and writer version). The figure judged is the first
    // export after opening the library again (cold: entries read back from the library);
    // later ones reuse the in-memory cache (warm).
    let bytes = 0;
    const first = await timeMsAsync(async () => (bytes = (await exportAll()).length));
    lib.close();
    lib = Library.open(dir);
    const times: number[] = [];
    for (let i = 0; i < Math.max(2, Math.min(ctx.runs, 4)); i++) {
      times.push(await timeMsAsync(async () => (bytes = (await exportAll()).length)));
    }
    const cold = times[0]!;
    const warm = median(times.slice(1));
    // one edit, then the export again
    const id = ids[Math.floor(ids.length / 2)]!;
    await call(lib, 'items.update', { id, patch: { title: 'Edited for the re-export figure' } });
    let again = 0;
    const reexport = await timeMsAsync(async () => (again = (await exportAll()).length));
    // the same with auto-export: a binding of the whole library (its first export is the full
    // one), one more edit, then the run that rewrites the file (worker render, hash, atomic
    // write with fsync)
    // Two moments: the new file in place (atomically renamed over the old one; what a reader
    // such as LaTeX sees, and the figure judged) and the file flushed to disk (fsync of file
    // and folder, run in the background after the rename, and recorded in the library).
    // Several edits, each followed by one run; the median is the figure (the first run after
    // the binding's whole first export is reported apart: it also pays for that export's
    // garbage and for the kernel still writing its 65 MB back).
    let auto: {
      ms: number;
      durableMs: number | null;
      first: number;
      times: number[];
      durableTimes: number[];
      returnedTimes: number[];
      steps: unknown[];
      bytes: number;
    } | null = null;
    const out = join(tmpdir(), `shelfmark-bench-auto-${process.pid}.bib`);
    if (Object.prototype.hasOwnProperty.call(contract, 'autoExport.create')) {
      try {
        const b = (await call(
          lib,
          'autoExport.create' as never,
          { path: out, format: 'bibtex' } as never,
        )) as unknown as { id: number };
        const times: number[] = [];
        const durableTimes: number[] = [];
        const returnedTimes: number[] = [];
        const steps: unknown[] = [];
        const n = 1 + Math.max(2, Math.min(ctx.runs, 5));
        for (let i = 0; i < n; i++) {
          const edited = ids[Math.floor((ids.length * (i + 1)) / (n + 1))]!;
          await call(lib, 'items.update', {
            id: edited,
            patch: { title: `Edited again for auto-export ${i}` },
          });
          const row = bindingRow(lib.db, b.id);
          const t0 = performance.now();
          const r = await runBinding(lib, row);
          const returned = performance.now() - t0;
          if (r.error) throw new Error(r.error);
          // in place: when the worker reported the rename done (the run then records its status)
          times.push(r.timing ? r.timing.placedAt - t0 : returned);
          returnedTimes.push(returned);
          steps.push(r.timing ?? null);
          await r.durable;
          if (r.durable) durableTimes.push(performance.now() - t0);
        }
        auto = {
          ms: median(times.slice(1)),
          durableMs: durableTimes.length > 1 ? median(durableTimes.slice(1)) : null,
          first: times[0]!,
          times,
          durableTimes,
          returnedTimes,
          steps,
          bytes: statSync(out).size,
        };
      } finally {
        rmSync(out, { force: true });
      }
    }
    return [
      {
        id: 'B7a',
        workload: `export ${ids.length} items to BibTeX (${(bytes / 2 ** 20).toFixed(0)} MB)`,
        target: '≤ 1 s',
        measured: `cold (first export after opening) ${fmtMs(cold)}; warm ${fmtMs(warm)} (median of ${times.length - 1}); first ever (renders and stores every entry) ${fmtMs(first)}; via ${how}`,
        // judged by the cold figure: the first export of a session is the one a user waits for
        value: cold,
        unit: 'ms',
        ...atMost(cold, 1000),
        peers: peers.map((p) => ({ ...p.peer, ratio: p.ms ? p.ms / cold : null })),
        note: 'result and peer ratios from the cold export (entries stored in the library by an earlier session are read back; the first export ever renders and stores them all); warm: entries cached in memory since the library was opened. The call returns the text as a rope of cached pieces: a consumer that encodes it (file, IPC, HTTP) copies the bytes once more (~250 ms CPU for 65 MB, docs/performance-import-export.md). Peers include reading the .bib (they have no store of their own to export from)',
        detail: { cold, warm, times, first },
      },
      {
        id: 'B7b',
        workload: 're-export after one edit (auto-export)',
        target: '≤ 50 ms',
        measured: auto
          ? `auto-export run: new file in place ${fmtMs(auto.ms)}; run returned (status recorded) ${fmtMs(median(auto.returnedTimes.slice(1)))}; flushed to disk ${auto.durableMs === null ? 'n/a' : fmtMs(auto.durableMs)} (medians of ${auto.times.length - 1} edits; first edit after the binding's first export ${fmtMs(auto.first)}; file of ${auto.bytes} bytes rewritten atomically); export.items ${fmtMs(reexport)}`
          : `export.items ${fmtMs(reexport)} (${again} bytes)`,
        value: auto?.ms ?? reexport,
        unit: 'ms',
        ...atMost(auto?.ms ?? reexport, 50),
        peers: [],
        note: 'judged: the run until the new file is in place (written to a temp file and renamed over the old one, so a reader never sees half a file). Only the edited entry is rendered again (triggers log which items changed) and only its piece of 1024 entries re-encoded; the whole file is still written (65 MB at 100k). The temp file is fsynced before the rename (included in the judged time); the fsync of the folder follows in the background, and then the library records the file as flushed (an unconfirmed file is rewritten at the next start): "flushed to disk" is that second moment, not judged',
        detail: { reexport, auto },
      },
    ];
  } finally {
    lib.close();
  }
}
