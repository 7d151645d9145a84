// The bytes of a .bib auto-export kept between runs (benchmark B7b): one UTF-8 Buffer per piece
// of the assembled text (EntrySet's pieces of 1024 entries), so a run after one edit encodes
// only the piece that changed and the file is written from the list in one writev. Encoding
// the whole 65 MB text of 100k entries again took ~240 ms CPU per run.
import { createHash } from 'node:crypto';

const NEWLINE = Buffer.from('\n');

export interface EncodedParts {
  /** The file's bytes in order: the pieces with a newline between each two. */
  parts: Buffer[];
  size: number;
  /** Whether there was a previous update to compare with... */
  compared: boolean;
  /** ...and the bytes are the same as its. */
  same: boolean;
}

export class EncodedFile {
  private strings: string[] = [];
  private buffers: Buffer[] = [];
  private started = false;

  /**
   * The file made of `pieces` joined with newlines (what joinBibFile makes of them with no
   * preambles or comments). A piece equal to the one at its place last time keeps its Buffer:
   * an untouched piece is the same string object, so the check is a pointer comparison.
   */
  update(pieces: readonly string[]): EncodedParts {
    const first = !this.started;
    let same = !first && pieces.length === this.strings.length;
    const buffers: Buffer[] = new Array<Buffer>(pieces.length);
    for (let i = 0; i < pieces.length; i++) {
      const s = pieces[i]!;
      const old = this.buffers[i];
      if (old !== undefined && s === this.strings[i]) buffers[i] = old;
      else {
        buffers[i] = Buffer.from(s, 'utf8');
        same = false;
      }
    }
    this.strings = pieces.slice();
    this.buffers = buffers;
    this.started = true;
    const parts: Buffer[] = [];
    let size = 0;
    for (let i = 0; i < buffers.length; i++) {
      if (i > 0) {
        parts.push(NEWLINE);
        size += 1;
      }
      parts.push(buffers[i]!);
      size += buffers[i]!.length;
    }
    return { parts, size, compared: !first, same };
  }
}

/** SHA-256 (hex) of the concatenated parts. */
export function hashParts(parts: readonly Buffer[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
