// A copy of a PDF with Shelfmark's annotations written in as standard PDF annotations
// (Highlight, Underline, Text), so any other viewer shows them: annotations never stay trapped.
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Annotation } from '../../../shared/domain/attachment';
import { AppError } from '../errors';

function rgb(hex: string): number[] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round((v / 255) * 1000) / 1000);
}

function pdfDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** Bounding box of all rectangles, normalised so x1 < x2 and y1 < y2. */
function bbox(rects: Annotation['rects']): [number, number, number, number] {
  const xs = rects.flatMap((r) => [r[0], r[2]]);
  const ys = rects.flatMap((r) => [r[1], r[3]]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** QuadPoints per rectangle in the order viewers expect: top-left, top-right, bottom-left, bottom-right. */
function quadPoints(rects: Annotation['rects']): number[] {
  return rects.flatMap(([a, b, c, d]) => {
    const [x1, x2, y1, y2] = [Math.min(a, c), Math.max(a, c), Math.min(b, d), Math.max(b, d)];
    return [x1, y2, x2, y2, x1, y1, x2, y1];
  });
}

export async function exportAnnotatedPdf(
  bytes: Uint8Array,
  annotations: readonly Annotation[],
  name: string,
): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    const encrypted = /encrypt/i.test((e as Error).message);
    throw new AppError(
      'parse_error',
      encrypted
        ? `“${name}” is encrypted; an annotated copy cannot be written.`
        : `“${name}” could not be read to write an annotated copy: ${(e as Error).message}`,
    );
  }
  const pages = doc.getPages();
  const ctx = doc.context;
  for (const a of annotations) {
    const page = pages[a.page - 1];
    if (!page || a.rects.length === 0) continue;
    const common = {
      Type: 'Annot',
      Rect: [] as number[],
      C: rgb(a.color),
      M: PDFString.of(pdfDate(a.dateModified)),
      T: PDFHexString.fromText('Shelfmark'),
      NM: PDFString.of(`shelfmark-${a.id}`),
      F: 4,
      Contents: PDFHexString.fromText(a.comment),
    };
    let dict;
    if (a.kind === 'note') {
      const [x, , , y] = bbox(a.rects);
      dict = ctx.obj({
        ...common,
        Subtype: 'Text',
        Name: 'Comment',
        Open: false,
        Rect: [x, y - 20, x + 20, y],
      });
    } else {
      dict = ctx.obj({
        ...common,
        Subtype: a.kind === 'highlight' ? 'Highlight' : 'Underline',
        Rect: bbox(a.rects),
        QuadPoints: quadPoints(a.rects),
        CA: 1,
      });
    }
    if (a.quote) dict.set(PDFName.of('Subj'), PDFHexString.fromText(a.quote.slice(0, 2000)));
    const ref = ctx.register(dict);
    const existing = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (existing) existing.push(ref);
    else page.node.set(PDFName.of('Annots'), ctx.obj([ref]));
  }
  return doc.save({ useObjectStreams: false });
}
