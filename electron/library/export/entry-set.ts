// Rendered .bib entries of one profile kept between exports, and the file assembled from them.
// Pure (no database): the engine's export cache and the auto-export worker both use it. The
// caller decides which entries are stale (entry-cache.ts reads that from the database).
import {
  type BibItem,
  type BibProfile,
  type BibSortable,
  crossrefOf,
  joinBibFile,
  orderBibEntries,
  renderBibEntry,
} from '../formats/bibtex/write';

export interface CachedEntry extends BibSortable {
  text: string;
}

/** Entries per piece of the assembled text: one edit re-joins one piece, not the whole file. */
const CHUNK = 1024;

export class EntrySet {
  readonly entries = new Map<number, CachedEntry>();
  /** The last file's entries in file order, and the ids it was made of (to start from). */
  private order: CachedEntry[] = [];
  private ids: readonly number[] = [];
  /** Where each id sits in `order`; built when the order is rebuilt. */
  private position = new Map<number, number>();
  /** `order`'s texts joined with newlines, CHUNK entries per piece. */
  private chunks: string[] = [];
  /** Ids forgotten since the last file was assembled. */
  private dropped = new Set<number>();

  constructor(readonly profile: BibProfile) {}

  /** Stored entries in their stored file order: where the first sort starts (a hint only). */
  private hint: readonly CachedEntry[] | null = null;

  /**
   * Adds entries known to be valid (stored in the library) for items without one; their order
   * (the file they were last part of) is where the next full sort starts.
   */
  seed(entries: readonly CachedEntry[]): void {
    for (const e of entries) if (!this.entries.has(e.id)) this.entries.set(e.id, e);
    if (this.order.length === 0) this.hint = entries;
  }

  /** Where `id` sits in the last file assembled (0 when it is not in it). */
  positionOf(id: number): number {
    return this.position.get(id) ?? 0;
  }

  forget(ids: Iterable<number>): void {
    for (const id of ids) if (this.entries.delete(id)) this.dropped.add(id);
  }

  /** The ids among `ids` with no entry, to be loaded and passed to `file`. */
  missing(ids: readonly number[]): number[] {
    const out: number[] = [];
    if (sameIds(ids, this.ids)) {
      // every id of the last file had an entry then: only forgotten ones can be missing
      for (const id of this.dropped) if (this.position.has(id)) out.push(id);
      return out;
    }
    for (const id of ids) if (!this.entries.has(id)) out.push(id);
    return out;
  }

  /**
   * The whole file of `ids` (live items, any order): `items` rendered (the missing ones), the
   * rest from the set. With `keep` false nothing is remembered (a read-only library).
   */
  file(
    ids: readonly number[],
    items: readonly BibItem[],
    opts: { preambles: readonly string[]; comments: readonly string[]; keep: boolean },
  ): {
    text: string;
    /** The entries joined in pieces: `text` is these joined with newlines (plus preambles and comments). */
    pieces: readonly string[];
    rendered: number;
    hits: number;
    fresh: Iterable<CachedEntry>;
  } {
    const fresh = new Map<number, CachedEntry>();
    for (const item of items) {
      fresh.set(item.id, {
        id: item.id,
        citationKey: item.citationKey,
        lowerKey: item.citationKey.toLowerCase(),
        crossref: crossrefOf(item),
        text: renderBibEntry(item, this.profile),
      });
    }
    let chunks: string[];
    if (opts.keep && this.patch(ids, fresh)) chunks = this.chunks;
    else {
      const ordered = this.sorted(ids, fresh);
      chunks = joinChunks(ordered, 0, ordered.length);
      if (opts.keep) {
        for (const [id, e] of fresh) this.entries.set(id, e);
        this.order = ordered;
        this.ids = ids;
        this.position = new Map(ordered.map((e, i) => [e.id, i]));
        this.chunks = chunks;
      }
    }
    if (opts.keep) this.dropped.clear();
    return {
      text: joinBibFile(chunks, opts),
      pieces: chunks,
      rendered: fresh.size,
      hits: ids.length - fresh.size,
      fresh: fresh.values(),
    };
  }

  /**
   * Last file's order with the re-rendered entries swapped in, when that order still holds:
   * the same ids, every forgotten entry re-rendered, and no re-rendered entry changed its key
   * or crossref (the only inputs of the order). Re-joins only the pieces that changed.
   */
  private patch(ids: readonly number[], fresh: Map<number, CachedEntry>): boolean {
    if (!sameIds(ids, this.ids)) return false;
    for (const id of this.dropped) if (this.position.has(id) && !fresh.has(id)) return false;
    const swaps: [number, CachedEntry][] = [];
    for (const [id, e] of fresh) {
      const at = this.position.get(id);
      const old = at === undefined ? undefined : this.order[at];
      if (!old || old.citationKey !== e.citationKey || old.crossref !== e.crossref) return false;
      swaps.push([at!, e]);
    }
    const touched = new Set<number>();
    for (const [at, e] of swaps) {
      this.order[at] = e;
      this.entries.set(e.id, e);
      touched.add(Math.floor(at / CHUNK));
    }
    for (const c of touched) {
      const start = c * CHUNK;
      this.chunks[c] = joinChunks(
        this.order,
        start,
        Math.min(start + CHUNK, this.order.length),
      )[0]!;
    }
    return true;
  }

  /** The entries of `ids` sorted into file order (from last order when the ids are the same). */
  private sorted(ids: readonly number[], fresh: Map<number, CachedEntry>): CachedEntry[] {
    const list: CachedEntry[] = [];
    const pick = (id: number) => {
      const e = fresh.get(id) ?? this.entries.get(id);
      if (e) list.push(e);
    };
    // the same items as last time: start from last time's order, so sorting is nearly free
    if (sameIds(ids, this.ids)) for (const e of this.order) pick(e.id);
    else if (this.hint) {
      // first file of a session: start from the stored order (each id picked exactly once;
      // the sort below decides the order whatever the hint says)
      const left = new Set(ids);
      for (const e of this.hint) if (left.delete(e.id)) pick(e.id);
      for (const id of ids) if (left.has(id)) pick(id);
    } else for (const id of ids) pick(id);
    this.hint = null;
    return orderBibEntries(list, this.profile === 'biblatex');
  }
}

/** `order[from, to)`'s texts joined with newlines (as ropes), CHUNK entries per piece. */
function joinChunks(order: readonly CachedEntry[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(start + CHUNK, to);
    let s = order[start]!.text;
    for (let i = start + 1; i < end; i++) s += '\n' + order[i]!.text;
    out.push(s);
  }
  return out;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
