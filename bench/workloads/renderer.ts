// B9–B11: the real renderer in Debian's Chromium against the web host, on the benchmark's
// populated library. B8 times the engine's pdf.js worker pool.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { Library } from '../../electron/library/library';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { dispatch } from '../../electron/hosts/dispatch';
import { handlers } from '../../electron/library/handlers/index';
import { runChild } from '../lib/child';
import { type Context, ROOT } from '../lib/context';
import { type Figure, all, atLeast, atMost, notAvailable } from '../lib/figure';
import { fmtMs, median, percentile } from './util';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const RENDERER = join(ROOT, 'dist', 'renderer');

interface Session {
  browser: Browser;
  host: WebHost;
  lib: Library;
  close(): Promise<void>;
}

/** Why the renderer figures cannot run here, or null when they can. */
async function prerequisites(): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(RENDERER, 'index.html'))) {
    const r = await runChild('npm', ['run', 'build:renderer'], { cwd: ROOT, timeoutMs: 300_000 });
    if (r.code !== 0 || !existsSync(join(RENDERER, 'index.html'))) {
      return `the renderer did not build (npm run build:renderer exit ${r.code})`;
    }
  }
  return null;
}

async function open(ctx: Context): Promise<Session> {
  const lib = Library.open(ctx.libDir);
  const host = await startWebHost({ library: lib, rendererDir: RENDERER });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    browser,
    host,
    lib,
    async close() {
      await browser.close();
      await host.close();
      lib.close();
    },
  };
}

// Runs in the page before any of its scripts: the time (from navigation start) of the first
// paint after the first data row is in the DOM. A rAF callback runs just before a paint, and a
// task queued from it runs just after.
const FIRST_ROW_PROBE = `
  window.__firstRow = new Promise((resolve) => {
    const seen = () => document.querySelector('[role="grid"] [role="row"] [role="gridcell"]');
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
    const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done(); } });
    document.addEventListener('DOMContentLoaded', () => {
      if (seen()) done(); else mo.observe(document.body, { childList: true, subtree: true });
    });
  });
`;

export async function b9(ctx: Context): Promise<Figure[]> {
  const target = '≤ 150 ms';
  const workload = `renderer: page load to first row painted (${ctx.size} items, web host, Chromium)`;
  const missing = await prerequisites();
  if (missing) return [notAvailable('B9', workload, target, missing)];
  const s = await open(ctx);
  try {
    const times: number[] = [];
    // A page load takes well under a second, and one load on a shared two-core machine varies by
    // ±20 ms with what else runs: the median of nine, not of three (which moved 150–168 ms
    // between full runs of the same code).
    for (let i = 0; i < Math.max(9, ctx.runs); i++) {
      // a new context each time: no HTTP cache, no warm JS heap
      const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(FIRST_ROW_PROBE);
      await page.goto(s.host.openUrl);
      times.push(
        await page.evaluate(
          () => (window as unknown as { __firstRow: Promise<number> }).__firstRow,
        ),
      );
      await context.close();
    }
    const p50 = median(times);
    return [
      {
        id: 'B9',
        workload,
        target,
        measured: `${fmtMs(p50)} (median of ${times.length}; first ${fmtMs(times[0]!)})`,
        value: p50,
        unit: 'ms',
        ...atMost(p50, 150),
        peers: [],
        note: 'JabRef takes 33 s to open 19.8k entries (published, not run here)',
        detail: { times },
      },
    ];
  } finally {
    await s.close();
  }
}

// Scrolls the item table for `ms` at a constant speed that crosses the whole library, and
// records every frame interval (rAF deltas) and every long task the browser reports.
const SCROLL = `async ({ ms, rows, rowsPerSecond }) => {
  const grid = document.querySelector('[role="grid"]');
  const candidates = [grid, ...grid.querySelectorAll('*')];
  const scroller = candidates.find((el) => {
    const o = getComputedStyle(el).overflowY;
    return (o === 'auto' || o === 'scroll') && el.scrollHeight > el.clientHeight + 100;
  });
  if (!scroller) throw new Error('no scrolling element in the item table');
  const longTasks = [];
  const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
  po.observe({ type: 'longtask', buffered: false });
  const deltas = [];
  const max = scroller.scrollHeight - scroller.clientHeight;
  // rowsPerSecond 0: the whole table in the time given (dragging the scrollbar thumb)
  const total = rowsPerSecond ? Math.min(max, (scroller.scrollHeight / rows) * rowsPerSecond * (ms / 1000)) : max;
  const t0 = performance.now();
  let last = t0;
  await new Promise((resolve) => {
    const frame = (now) => {
      deltas.push(now - last);
      last = now;
      const f = Math.min(1, (now - t0) / ms);
      scroller.scrollTop = f * total;
      if (f < 1) requestAnimationFrame(frame); else resolve();
    };
    requestAnimationFrame(frame);
  });
  await new Promise((r) => setTimeout(r, 100));
  po.disconnect();
  const rowsShown = document.querySelectorAll('[role="grid"] [role="row"] [role="gridcell"]').length > 0;
  return { deltas: deltas.slice(1), longTasks, scrolled: scroller.scrollTop, total, rowsShown };
}`;

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;
/** Frame intervals with the clock's 0.1 ms step kept (fmtMs rounds 16.8 to 17). */
const frameText = (ms: number): string => `${ms.toFixed(1)} ms`;

export async function b10(ctx: Context): Promise<Figure[]> {
  const target = 'p99 frame ≤ 16.7 ms, no task > 50 ms';
  const seconds = ctx.smoke ? 2 : 10;
  const speeds = [
    { id: 'B10a', rowsPerSecond: 1_000, label: `fast scrolling, 1,000 rows/s for ${seconds} s` },
    {
      id: 'B10b',
      rowsPerSecond: 0,
      label: `all ${ctx.size} rows in ${seconds} s (dragging the scrollbar)`,
    },
  ];
  const missing = await prerequisites();
  if (missing)
    return speeds.map((v) => notAvailable(v.id, `renderer: ${v.label}`, target, missing));
  const s = await open(ctx);
  const figures: Figure[] = [];
  try {
    for (const v of speeds) {
      const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(s.host.openUrl);
      // the first cells of a row can be hidden columns; wait for a painted one
      await page.getByRole('gridcell').filter({ visible: true }).first().waitFor();
      const r = (await page.evaluate(
        `(${SCROLL})({ ms: ${seconds * 1000}, rows: ${ctx.size}, rowsPerSecond: ${v.rowsPerSecond} })`,
      )) as { deltas: number[]; longTasks: number[]; scrolled: number; total: number };
      await context.close();
      const p99 = percentile(r.deltas, 99);
      const worstTask = r.longTasks.length ? Math.max(...r.longTasks) : 0;
      // Chromium coarsens frame timestamps to 0.1 ms when the page is not cross-origin
      // isolated, so one 60 Hz frame (16.67 ms) reads as 16.6, 16.7 or 16.8 ms. The target is
      // judged with that one tick of the clock, found in the run itself (nearly every interval
      // a multiple of it, a rare one is not; 1e-9 absorbs the float sum); missed frames are counted apart (an
      // interval over 1.5 frames).
      const onGrid = r.deltas.filter((d) => Math.abs(d * 10 - Math.round(d * 10)) < 1e-6).length;
      const tick = onGrid >= r.deltas.length * 0.95 ? 0.1 : 0;
      const missed = r.deltas.filter((d) => d > FRAME_MS * 1.5).length;
      figures.push({
        id: v.id,
        workload: `renderer: ${v.label}`,
        target,
        measured: `${r.deltas.length} frames: p50 ${frameText(percentile(r.deltas, 50))}, p99 ${frameText(p99)}, worst ${fmtMs(Math.max(...r.deltas))}; ${missed} missed (over 1.5 frames); ${r.longTasks.length} long tasks${r.longTasks.length ? `, longest ${fmtMs(worstTask)}` : ''}`,
        value: p99,
        unit: 'ms (p99 frame)',
        ...all(atMost(p99, 16.7 + tick + 1e-9), atMost(Math.max(worstTask, 1), 50)),
        peers: [],
        note: `headless Chromium without GPU on a shared 2-core machine; a frame interval above one 60 Hz frame is a missed frame. Frame times come from a clock with ${tick ? '0.1 ms steps (no cross-origin isolation), so one frame reads 16.6–16.8 ms and the target is judged as ≤ 16.8 ms' : 'fine steps'}`,
        detail: {
          frames: r.deltas.length,
          longTasks: r.longTasks,
          scrolledTo: r.scrolled,
          of: r.total,
        },
      });
    }
  } finally {
    await s.close();
  }
  return figures;
}

/** B8: pages per second through the engine's own pdf.js worker pool, one and two at a time. */
export async function b8(ctx: Context): Promise<Figure[]> {
  const workload = 'PDF text extraction for the full-text index';
  const target = '≥ 60 pages/s with 2 workers';
  const fixtures = [
    join(ROOT, '..', 'shared', 'fixtures'),
    join(ROOT, '..', '..', 'shared', 'fixtures'),
  ].find((d) => existsSync(join(d, 'revtex-apssamp.pdf')));
  if (!fixtures)
    return [
      notAvailable('B8', workload, target, 'the PDF fixtures (../shared/fixtures) are missing'),
    ];
  const { extractPageTexts, MAX_PDF_WORKERS } =
    await import('../../electron/library/pdf/run-worker');
  const files = ['revtex-apssamp.pdf', 'acmart-sample-sigconf.pdf'].map((f) => join(fixtures, f));
  const jobs = ctx.smoke ? 4 : 12;
  /** Pages per second with `parallel` documents at a time, and the process's CPU ms per page. */
  const rate = async (parallel: number): Promise<{ rate: number; cpuPerPage: number }> => {
    const queue = Array.from({ length: jobs }, (_, i) => files[i % files.length]!);
    let pages = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
          // not `pages += await …`: that reads `pages` before the await, so with two loops one
          // loop's count overwrote the other's and the two-worker rate came out about halved
          const n = await extractPageTexts(f, f, () => {});
          pages += n;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { rate: pages / seconds, cpuPerPage: (cpu.user + cpu.system) / 1000 / pages };
  };
  await rate(2); // warm both workers of the pool: pdf.js loads once per worker
  // one and two at a time alternate, so a change in the machine's load falls on both
  const ones: { rate: number; cpuPerPage: number }[] = [];
  const twos: { rate: number; cpuPerPage: number }[] = [];
  for (let i = 0; i < Math.max(2, ctx.runs); i++) {
    ones.push(await rate(1));
    twos.push(await rate(2));
  }
  const one = median(ones.map((r) => r.rate));
  const two = median(twos.map((r) => r.rate));
  // the pool never has more threads than processors (pdfWorkerLimit): say what actually ran
  const workers =
    MAX_PDF_WORKERS === 2 ? '2 workers' : `2 documents at a time on ${MAX_PDF_WORKERS} worker`;
  return [
    {
      id: 'B8',
      workload,
      target,
      measured: `${two.toFixed(1)} pages/s with ${workers} (${one.toFixed(1)} with 1), the two fixture papers`,
      value: two,
      unit: 'pages/s',
      ...atLeast(two, 60),
      peers: [],
      note: `whole-process CPU per page (median): ${median(twos.map((r) => r.cpuPerPage)).toFixed(1)} ms with ${workers}, ${median(ones.map((r) => r.cpuPerPage)).toFixed(1)} ms with 1; medians of ${ones.length} alternated runs of ${jobs} documents each`,
      detail: { one: ones, two: twos, workers: MAX_PDF_WORKERS },
    },
  ];
}

// B11: a user opens a stored PDF from the item pane. In the page, the click's event time is
// kept; the reader sets a performance mark when a page's canvas is drawn (PdfPage); the time is
// taken at the first paint after page 1's mark (rAF, then a task), as in B9.
const B11_PROBE = `
  window.__b11 = { click: 0 };
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('button[aria-label^="Open "]'))
      window.__b11.click = e.timeStamp;
  }, { capture: true });
`;
const B11_WAIT = `new Promise((resolve) => {
  const name = 'shelfmark.pdf.page-drawn';
  const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__b11.click)));
  const first = () => performance.getEntriesByName(name).some((m) => m.detail && m.detail.page === 1);
  if (first()) return done();
  const po = new PerformanceObserver(() => { if (first()) { po.disconnect(); done(); } });
  po.observe({ type: 'mark' });
})`;
const B11_FIXTURE = 'acmart-sample-sigconf.pdf';

/** B11: click "Open" on an item's stored PDF until page 1 is on screen; cold and warm opens. */
export async function b11(ctx: Context): Promise<Figure[]> {
  const workload = 'open a PDF to first page drawn';
  const target = 'p95 ≤ 250 ms';
  const missing = await prerequisites();
  if (missing) return [notAvailable('B11', workload, target, missing)];
  const fixture = [
    join(ROOT, '..', 'shared', 'fixtures'),
    join(ROOT, '..', '..', 'shared', 'fixtures'),
  ]
    .map((d) => join(d, B11_FIXTURE))
    .find(existsSync);
  if (!fixture) return [notAvailable('B11', workload, target, `no ${B11_FIXTURE} fixture`)];
  // a copy of the benchmark library with the PDF stored in it, added through the contract
  const lib = Library.open(ctx.scratchLibrary());
  const added = await dispatch(handlers, lib, 'attachments.import', {
    source: { kind: 'path', path: fixture },
    mode: 'stored',
  });
  if (!added.ok) {
    lib.close();
    throw new Error(`attachments.import: ${added.error.message}`);
  }
  const { item, attachment } = added.value as {
    item: { title: string };
    attachment: { title: string };
  };
  const host = await startWebHost({ library: lib, rendererDir: RENDERER });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const cold: number[] = [];
  const warm: number[] = [];
  const reopens = ctx.smoke ? 2 : 4;
  try {
    for (let i = 0; i < Math.max(2, ctx.runs); i++) {
      // a new context per run: the first open loads the reader's code and pdf.js's worker
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(B11_PROBE);
      await page.goto(host.openUrl);
      await page.getByRole('searchbox', { name: 'Search' }).fill(item.title);
      const grid = page.getByRole('grid', { name: /^Items in / });
      const open = page
        .getByRole('complementary', { name: 'Item details' })
        .getByRole('button', { name: `Open ${attachment.title}`, exact: true });
      const reader = page.getByRole('region', { name: 'PDF reader' });
      for (let k = 0; k <= reopens; k++) {
        if (!(await open.isVisible())) {
          await grid
            .getByRole('row')
            .filter({ hasText: item.title })
            .getByRole('gridcell')
            .filter({ visible: true })
            .first()
            .click();
        }
        // a user reads the item pane before clicking Open (the reader warms up meanwhile)
        await page.waitForTimeout(1_000);
        await page.evaluate(() => performance.clearMarks());
        await open.click();
        (k === 0 ? cold : warm).push((await page.evaluate(B11_WAIT)) as number);
        await reader.getByRole('button', { name: '← Library' }).click();
        await reader.waitFor({ state: 'detached' });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    lib.close();
  }
  const opens = [...cold, ...warm];
  const p95 = percentile(opens, 95);
  return [
    {
      id: 'B11',
      workload: `${workload} (${B11_FIXTURE}, stored, web host, Chromium)`,
      target,
      measured: `p50 ${fmtMs(percentile(opens, 50))}, p95 ${fmtMs(p95)} over ${opens.length} opens; first open in a fresh browser p50 ${fmtMs(median(cold))}, re-opens p50 ${fmtMs(median(warm))} p95 ${fmtMs(percentile(warm, 95))}`,
      value: p95,
      unit: 'ms (p95)',
      ...atMost(p95, 250),
      peers: [],
      note: 'from the click on Open in the item pane to the first paint after page 1’s canvas is drawn; the pane is shown for 1 s before the click, as a user reads it, and in that time the reader opens the item’s stored PDF ahead (150 ms after it is shown; at most 3 documents kept, none over 32 MB), so a click mostly draws; headless Chromium without GPU on a shared 2-core machine',
      detail: { cold, warm },
    },
  ];
}
