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

export class EntrySet {
  readonly entries = new Map<number, CachedEntry>();
  /** The last file's entries in file order, and the ids it was made of (to start from). */
  private order: CachedEntry[] = [];
  private ids: readonly number[] = [];
  /** Where each id sits in `order`; built when the order is rebuilt. */
  private position = new Map<number, number>();

  constructor(readonly profile: BibProfile) {}

  forget(ids: Iterable<number>): void {
    for (const id of ids) this.entries.delete(id);
  }

  /** The ids among `ids` with no entry, to be loaded and passed to `file`. */
  missing(ids: readonly number[]): number[] {
    const out: number[] = [];
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
  ): { text: string; rendered: number; hits: number } {
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
    const ordered = (opts.keep && this.patch(ids, fresh)) || this.sorted(ids, fresh, opts.keep);
    return {
      text: joinBibFile(
        ordered.map((e) => e.text),
        opts,
      ),
      rendered: fresh.size,
      hits: ids.length - fresh.size,
    };
  }

  /**
   * Last file's order with the re-rendered entries swapped in, when that order still holds:
   * the same ids, and no re-rendered entry changed its key or crossref (the only inputs of the
   * order). Null otherwise.
   */
  private patch(ids: readonly number[], fresh: Map<number, CachedEntry>): CachedEntry[] | null {
    if (!sameIds(ids, this.ids)) return null;
    const swaps: [number, CachedEntry][] = [];
    for (const [id, e] of fresh) {
      const at = this.position.get(id);
      const old = at === undefined ? undefined : this.order[at];
      if (!old || old.citationKey !== e.citationKey || old.crossref !== e.crossref) return null;
      swaps.push([at!, e]);
    }
    for (const [at, e] of swaps) {
      this.order[at] = e;
      this.entries.set(e.id, e);
    }
    // every other entry must still be current (a forgotten one must have been sent): if not,
    // sort from scratch; the swaps above are right either way
    for (const e of this.order) if (this.entries.get(e.id) !== e) return null;
    return this.order;
  }

  /** The entries of `ids` sorted into file order (from last order when the ids are the same). */
  private sorted(
    ids: readonly number[],
    fresh: Map<number, CachedEntry>,
    keep: boolean,
  ): CachedEntry[] {
    const list: CachedEntry[] = [];
    const pick = (id: number) => {
      const e = fresh.get(id) ?? this.entries.get(id);
      if (e) list.push(e);
    };
    // the same items as last time: start from last time's order, so sorting is nearly free
    if (sameIds(ids, this.ids)) for (const e of this.order) pick(e.id);
    else for (const id of ids) pick(id);
    const ordered = orderBibEntries(list, this.profile === 'biblatex');
    if (keep) {
      for (const [id, e] of fresh) this.entries.set(id, e);
      this.order = ordered;
      this.ids = ids;
      this.position = new Map(ordered.map((e, i) => [e.id, i]));
    }
    return ordered;
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
