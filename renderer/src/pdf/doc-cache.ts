// The reader's small cache of opened PDF documents: re-opening a paper just read reuses its
// pdf.js document (parsed, fonts loaded, page 1's operator list kept by pdf.js) instead of
// fetching and parsing it again. Only STORED attachments are kept: their bytes are addressed by
// their sha256 and never change under an id, and every hit is checked against the sha256 the
// engine reports for the id at that moment (an id can be reused after a delete). Entries are
// bounded (least recently used goes first), dropped when their attachments change, and a
// document is destroyed only once no reader uses it. No pdf.js import: unit-tested in Node.

export interface Destroyable {
  destroy(): unknown;
}

interface Entry<D> {
  doc: D;
  sha256: string;
  itemId: number;
  users: number;
}

export class DocCache<D extends Destroyable> {
  private readonly entries = new Map<number, Entry<D>>();

  constructor(private readonly limit: number) {}

  /** How many documents are kept (in use or not). */
  get size(): number {
    return this.entries.size;
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  /** The kept document of this attachment if its content is still `sha256`; marks it in use. */
  take(id: number, sha256: string): D | null {
    const e = this.entries.get(id);
    if (!e) return null;
    if (e.sha256 !== sha256) {
      this.drop(id);
      return null;
    }
    e.users++;
    // most recently used last
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.doc;
  }

  /**
   * Keeps a document: one a reader just opened (`inUse`, counted as used by it), or one opened
   * ahead of a likely click (not in use, so the first to go when room is needed).
   */
  keep(id: number, sha256: string, itemId: number, doc: D, inUse = true): void {
    if (this.entries.get(id)?.doc === doc) return;
    this.drop(id);
    this.entries.set(id, { doc, sha256, itemId, users: inUse ? 1 : 0 });
    this.trim();
  }

  /** A reader is done with `doc`: it stays kept, or is destroyed if the cache let it go. */
  release(id: number, doc: D): void {
    const e = this.entries.get(id);
    if (e && e.doc === doc) {
      e.users = Math.max(0, e.users - 1);
      this.trim();
      return;
    }
    void doc.destroy();
  }

  /** Forgets an attachment's document (destroyed now, or when its last reader closes). */
  drop(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    if (e.users === 0) void e.doc.destroy();
  }

  /** Forgets the documents of these items' attachments (all of them without ids). */
  dropItems(itemIds?: readonly number[]): void {
    for (const [id, e] of [...this.entries]) {
      if (!itemIds || itemIds.includes(e.itemId)) this.drop(id);
    }
  }

  clear(): void {
    this.dropItems();
  }

  private trim(): void {
    for (const [id, e] of [...this.entries]) {
      if (this.entries.size <= this.limit) return;
      if (e.users === 0) this.drop(id);
    }
  }
}
