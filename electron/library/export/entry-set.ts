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
    const list: CachedEntry[] = [];
    let hits = 0;
    const pick = (id: number) => {
      const f = fresh.get(id);
      if (f) list.push(f);
      else {
        const e = this.entries.get(id);
        if (e) {
          list.push(e);
          hits++;
        }
      }
    };
    // the same items as last time: start from last time's order, so sorting is nearly free
    if (sameIds(ids, this.ids)) for (const e of this.order) pick(e.id);
    else for (const id of ids) pick(id);
    const ordered = orderBibEntries(list, this.profile === 'biblatex');
    if (opts.keep) {
      for (const [id, e] of fresh) this.entries.set(id, e);
      this.order = ordered;
      this.ids = ids;
    }
    return {
      text: joinBibFile(
        ordered.map((e) => e.text),
        opts,
      ),
      rendered: fresh.size,
      hits,
    };
  }
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
