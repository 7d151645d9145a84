// B3–B6: the engine as the renderer uses it, through the same validating call path as every
// host (`call` → dispatch → handler), on a populated library.
import { contract } from '../../shared/api/contract';
import type { SortColumn } from '../../shared/domain/item';
import { performance } from 'node:perf_hooks';
import { call } from '../../electron/cli/command';
import { Library } from '../../electron/library/library';
import { computeTagTreeCounts } from '../../electron/library/organise/tags';
import type { Context } from '../lib/context';
import { type Figure, all, atMost, notAvailable } from '../lib/figure';
import { fmtMs, median, percentile, rng, timeMsAsync } from './util';

export async function b3(ctx: Context): Promise<Figure[]> {
  const samples: number[] = [];
  const first: number[] = [];
  const checks: number[] = [];
  for (let i = 0; i < Math.max(5, ctx.runs * 2); i++) {
    let lib: Library | undefined;
    let opened = 0;
    // Library.openAsync is the hosts' open: the full-file integrity check runs on a worker
    // after the rows are served (Library.open, the CLI's, still checks before it returns).
    const ms = await timeMsAsync(async () => {
      opened = performance.now();
      lib = await Library.openAsync(ctx.libDir);
      const page = await call(lib, 'items.list', {
        sort: { column: 'title', direction: 'asc' },
        limit: 100,
      });
      if (page.rows.length !== Math.min(100, page.total)) throw new Error('B3: short page');
    });
    // not part of the figure: the check finishing in the background (awaited so that the
    // runs do not pile checks onto each other)
    await lib!.whenWritable();
    checks.push(performance.now() - opened);
    lib!.close();
    (i === 0 ? first : samples).push(ms);
  }
  const p50 = median(samples);
  return [
    {
      id: 'B3',
      workload: 'open library + first 100 rows sorted by title',
      target: '≤ 20 ms',
      measured: `${fmtMs(p50)} (median of ${samples.length}; first open ${fmtMs(first[0]!)})`,
      value: p50,
      unit: 'ms',
      ...atMost(p50, 20),
      peers: [],
      note: `via Library.openAsync (what the hosts use): the full-file quick_check runs on a worker after the first rows and ended ${fmtMs(median(checks))} after the open (median), writes waiting for it; JabRef opens 19.8k entries in 33 s (published, not run here)`,
      detail: { samples, first, checks },
    },
  ];
}

/** 200 search strings a user might type: a title word, an author and a word, or two words. */
export function keystrokeSequences(ctx: Context, n = 200): string[] {
  const r = rng(ctx.seed + 404);
  const seqs: string[] = [];
  const entries = ctx.gen.entries;
  while (seqs.length < n) {
    const e = entries[Math.floor(r() * entries.length)]!;
    const words = e.title
      .toLowerCase()
      .split(' ')
      .filter((w) => w.length > 3);
    if (words.length === 0) continue;
    const w = words[Math.floor(r() * words.length)]!;
    const x = r();
    if (x < 0.6) seqs.push(w);
    else if (x < 0.85) seqs.push(`${e.authors[0]?.family.toLowerCase() ?? ''} ${w}`.trim());
    else seqs.push(`${w} ${words[(words.indexOf(w) + 1) % words.length]!}`);
  }
  return seqs;
}

export async function b4(ctx: Context): Promise<Figure[]> {
  const lib = Library.open(ctx.libDir);
  try {
    const seqs = keystrokeSequences(ctx, ctx.smoke ? 20 : 200);
    const lat: number[] = [];
    // CPU time of this process per keystroke: on a shared machine the wall time is mostly
    // waiting for a core, so before/after comparisons use this
    const cpu: number[] = [];
    const byLength: Record<string, number[]> = { '1': [], '2': [], '3+': [] };
    let hits = 0;
    for (const s of seqs) {
      for (let i = 1; i <= s.length; i++) {
        const search = s.slice(0, i);
        let total = 0;
        const cpu0 = process.cpuUsage();
        const ms = await timeMsAsync(async () => {
          total = (await call(lib, 'items.list', { search, limit: 100 })).total;
        });
        const cpu1 = process.cpuUsage(cpu0);
        cpu.push((cpu1.user + cpu1.system) / 1000);
        lat.push(ms);
        byLength[i >= 3 ? '3+' : String(i)]!.push(ms);
        if (i === s.length && total > 0) hits++;
      }
    }
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    return [
      {
        id: 'B4',
        workload: `quick search as you type (${seqs.length} sequences, ${lat.length} keystrokes)`,
        target: 'p50 ≤ 5 ms, p99 ≤ 16 ms',
        measured: `p50 ${fmtMs(p50)}, p99 ${fmtMs(p99)}, max ${fmtMs(Math.max(...lat))}`,
        value: p99,
        unit: 'ms (p99)',
        ...all(atMost(p50, 5), atMost(p99, 16)),
        peers: [],
        note: `by typed length: ${Object.entries(byLength)
          .map(
            ([k, xs]) =>
              `${k} char${k === '1' ? '' : 's'} p50 ${fmtMs(percentile(xs, 50))} p99 ${fmtMs(percentile(xs, 99))}`,
          )
          .join(
            ', ',
          )}; CPU time per keystroke p50 ${fmtMs(percentile(cpu, 50))}, p99 ${fmtMs(percentile(cpu, 99))}. Words of one or two characters match whole words, prefixes start at three. ${hits}/${seqs.length} sequences found their item; JabRef shows typed search text after 34 s at 19.8k entries (published, not run here)`,
        detail: { p50, p99, cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99) },
      },
    ];
  } finally {
    lib.close();
  }
}

const RESORT: SortColumn[] = [
  'creators',
  'title',
  'year',
  'venue',
  'citationKey',
  'type',
  'dateModified',
  'rating',
  'readState',
  'attachments',
];

export async function b5(ctx: Context): Promise<Figure[]> {
  const lib = Library.open(ctx.libDir);
  const perColumn: Record<string, number> = {};
  const allSamples: number[] = [];
  try {
    for (const column of RESORT) {
      const xs: number[] = [];
      for (let i = 0; i < ctx.runs; i++) {
        for (const direction of ['asc', 'desc'] as const) {
          xs.push(
            await timeMsAsync(() =>
              call(lib, 'items.list', { sort: { column, direction }, limit: 100 }),
            ),
          );
        }
      }
      perColumn[column] = median(xs);
      allSamples.push(...xs);
    }
  } finally {
    lib.close();
  }
  const [worstCol, worst] = Object.entries(perColumn).sort((a, b) => b[1] - a[1])[0]!;
  const figures: Figure[] = [
    {
      id: 'B5a',
      workload: `re-sort by another column, first 100 rows (${RESORT.length} columns × asc/desc)`,
      target: '≤ 30 ms',
      measured: `worst column ${worstCol} ${fmtMs(worst)}; p50 ${fmtMs(median(allSamples))}`,
      value: worst,
      unit: 'ms',
      ...atMost(worst, 30),
      peers: [],
      note: 'Zotero re-sorts 40k items in 1.7–2.0 s (published, not run here)',
      detail: { perColumn },
    },
  ];

  // Insert one item, then find where it lands in the sorted view and fetch that page: what
  // the table does after "New item". The create call (with its durable commit) is apart.
  const dir = ctx.scratchLibrary();
  const w = Library.open(dir);
  try {
    const r = rng(ctx.seed + 5);
    const sorts = [
      {
        id: 'B5b',
        label: 'title-sorted',
        sort: { column: 'title' as const, direction: 'asc' as const },
      },
      {
        id: 'B5c',
        label: 'default (newest first)',
        sort: { column: 'dateAdded' as const, direction: 'desc' as const },
      },
    ];
    for (const { id: fid, label, sort } of sorts) {
      const create: number[] = [];
      const place: number[] = [];
      // 40 inserts, not 12: the median of 12 one-millisecond calls moved 0.73–1.07 ms between
      // runs of the same code on the shared machine (each insert and find costs ~3 ms)
      for (let i = 0; i < Math.max(40, ctx.runs * 10); i++) {
        let id = 0;
        create.push(
          await timeMsAsync(async () => {
            const title = `${Math.floor(r() * 1e9).toString(36)} inserted item`;
            id = (await call(w, 'items.create', { type: 'article', title, date: '2024' })).id;
          }),
        );
        place.push(
          await timeMsAsync(async () => {
            const at = await call(w, 'items.indexOf', { id, sort });
            if (at === null) throw new Error('B5: new item not in view');
            const page = await call(w, 'items.list', {
              sort,
              offset: Math.max(0, at - 50),
              limit: 100,
            });
            if (!page.rows.some((row) => row.id === id))
              throw new Error('B5: new item not on its page');
          }),
        );
      }
      const p = median(place);
      figures.push({
        id: fid,
        workload: `insert one item into a ${label} view (find its row + fetch its page)`,
        target: '≤ 1 ms',
        measured: `${fmtMs(p)} (median, p99 ${fmtMs(percentile(place, 99))}); the create call incl. durable commit ${fmtMs(median(create))}`,
        value: p,
        unit: 'ms',
        ...atMost(p, 1),
        peers: [],
        note:
          fid === 'B5b'
            ? "Zotero inserts one item into a sorted 120k library in 6.5 s (published, not run here). Finding the row: a kept position index per sort column (a boundary key every 64 rows, kept by this connection's writes) plus a count inside one bucket; building it reads every row once per column and session (the p99 sample)"
            : 'a new item is the first row of the default view, so finding it is a short count over the sort index (no position index is built)',
        detail: { place, create },
      });
    }
  } finally {
    w.close();
  }
  return figures;
}

async function latencies(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await timeMsAsync(fn));
  return xs;
}

function p99Figure(id: string, workload: string, xs: number[], note?: string): Figure {
  const p99 = percentile(xs, 99);
  return {
    id,
    workload,
    target: 'p99 ≤ 5 ms',
    measured: `p50 ${fmtMs(percentile(xs, 50))}, p99 ${fmtMs(p99)}`,
    value: p99,
    unit: 'ms (p99)',
    ...atMost(p99, 5),
    peers: [],
    ...(note ? { note } : {}),
  };
}

/** Calls a later issue adds (multi-tag views, saved searches); looked up by name at run time. */
function hasCall(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export async function b6(ctx: Context): Promise<Figure[]> {
  const lib = Library.open(ctx.libDir);
  // p99 of 100 calls is their second-slowest: one pause of the shared machine (or of this
  // process's collector, which holds the generated library) decided B6c in a full run (6.6 ms,
  // 3.2–3.3 ms in each run of B6 alone). Of 300 it is the fourth-slowest; each call is 1–3 ms.
  const n = ctx.smoke ? 20 : 300;
  try {
    const big = lib.db
      .prepare<[], number>(`SELECT id FROM collections WHERE name = 'Big reading list'`)
      .pluck()
      .get()!;
    const bigCount = ctx.gen.entries.filter((e) => e.collections.includes(0)).length;
    const figs: Figure[] = [];
    figs.push(
      p99Figure(
        'B6a',
        `collection of ${bigCount} items, first 100 rows`,
        await latencies(n, () =>
          call(lib, 'items.list', { view: { kind: 'collection', id: big }, limit: 100 }),
        ),
      ),
    );
    // two most used tags, so the intersection is the expensive case
    const [t1, t2] = lib.db
      .prepare<[], string>(
        `SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
         WHERE t.name NOT LIKE '%/%' GROUP BY it.tag_id ORDER BY count(*) DESC LIMIT 2`,
      )
      .pluck()
      .all() as [string, string];
    const twoTagSql = lib.db.prepare(
      `SELECT i.id, i.title FROM items i WHERE i.deleted_at IS NULL
         AND i.id IN (SELECT item_id FROM item_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?))
         AND i.id IN (SELECT item_id FROM item_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?))
       ORDER BY i.date_added DESC LIMIT 100`,
    );
    const sqlTwoTag = percentile(await latencies(n, async () => twoTagSql.all(t1, t2)), 99);
    // The query language (issue 6) adds `tag:` terms and saved searches; until it is in the
    // contract these rows say so, with the SQL a two-tag view would run as a reference.
    const queryLanguage = hasCall('savedSearches.create');
    const twoTags = `two-tag intersection (tag:${t1} tag:${t2}), first 100 rows`;
    if (!queryLanguage) {
      // the organising issue's items.list `tags` filter: every tag must apply
      figs.push(
        p99Figure(
          'B6b',
          `two-tag intersection (tags: ${t1}, ${t2}), first 100 rows`,
          await latencies(n, () => call(lib, 'items.list', { tags: [t1, t2], limit: 100 })),
          `the SQL alone (two item_tags probes + date sort): p99 ${fmtMs(sqlTwoTag)}`,
        ),
      );
    } else if (queryLanguage) {
      figs.push(
        p99Figure(
          'B6b',
          twoTags,
          await latencies(n, () =>
            call(lib, 'items.list', { search: `tag:${t1} tag:${t2}`, limit: 100 } as never),
          ),
          `the SQL alone (two item_tags probes + date sort): p99 ${fmtMs(sqlTwoTag)}`,
        ),
      );
    }
    if (queryLanguage) {
      // saving writes, so it goes into a scratch copy
      const dir = ctx.scratchLibrary();
      const w = Library.open(dir);
      try {
        const saved = (await call(
          w,
          'savedSearches.create' as never,
          {
            name: 'Bench: tagged since 2000',
            query: `tag:${t1} year:2000..2030`,
          } as never,
        )) as unknown as { id: number };
        figs.push(
          p99Figure(
            'B6c',
            `saved search (tag:${t1} year:2000..2030), first 100 rows`,
            await latencies(n, () =>
              call(w, 'items.list', { view: { kind: 'saved', id: saved.id }, limit: 100 } as never),
            ),
          ),
        );
      } finally {
        w.close();
      }
    } else {
      figs.push(
        notAvailable(
          'B6c',
          'saved search',
          'p99 ≤ 5 ms',
          'no saved-search call in the contract yet (issue 6)',
        ),
      );
    }
    figs.push(
      p99Figure(
        'B6d',
        `tag counts (${ctx.gen.tags.length} tags, tags.list)`,
        await latencies(n, () => call(lib, 'tags.list', {})),
      ),
    );
    figs.push(
      p99Figure(
        'B6e',
        `collection tree with counts (${ctx.gen.collections.length} collections, collections.list)`,
        await latencies(n, () => call(lib, 'collections.list', {})),
        'not a performance.md figure; the sidebar needs it next to tag counts',
      ),
    );
    // tags.treeCounts is cached until the library changes; the first call after a change
    // computes, so that is timed too
    const uncached = await latencies(n, async () => computeTagTreeCounts(lib.db));
    figs.push(
      p99Figure(
        'B6f',
        `tag tree counts (${ctx.gen.tags.length} tags, tags.treeCounts)`,
        await latencies(n, () => call(lib, 'tags.treeCounts', {})),
        'distinct live items under each parent of a hierarchical tag; the sidebar asks after ' +
          `the first rows and after tag changes; computed after a change (uncached): ` +
          `p50 ${fmtMs(percentile(uncached, 50))}, p99 ${fmtMs(percentile(uncached, 99))}`,
      ),
    );
    return figs;
  } finally {
    lib.close();
  }
}
